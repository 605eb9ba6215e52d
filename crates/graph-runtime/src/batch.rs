//! JSON batching: many requests in one `POST /$batch`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::request::redacted;
use crate::{Client, Error, Method, Request};

/// The most requests Graph accepts in one batch.
pub const MAX_BATCH_SIZE: usize = 20;

/// One request inside a JSON batch.
#[derive(Clone)]
pub struct BatchRequest {
    id: String,
    method: Method,
    url: String,
    headers: BTreeMap<String, String>,
    body: Option<Value>,
    depends_on: Vec<String>,
}

impl BatchRequest {
    /// A request with an id unique within the batch, and a URL relative to
    /// the version root (`/users/{id}`), percent-encoded.
    pub fn new(id: impl Into<String>, method: Method, url: impl Into<String>) -> BatchRequest {
        BatchRequest {
            id: id.into(),
            method,
            url: url.into(),
            headers: BTreeMap::new(),
            body: None,
            depends_on: Vec::new(),
        }
    }

    /// Sets a JSON body and the `Content-Type` header that Graph requires
    /// with it.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<BatchRequest, Error> {
        self.body = Some(serde_json::to_value(body).map_err(Error::Serialize)?);
        Ok(self.header("Content-Type", "application/json"))
    }

    /// Adds a header; a second value for the same name replaces the first.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> BatchRequest {
        self.headers.insert(name.to_owned(), value.into());
        self
    }

    /// Runs this request only after the requests with these ids have
    /// finished. They are always sent in the same batch.
    pub fn depends_on<I, S>(mut self, ids: I) -> BatchRequest
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.depends_on.extend(ids.into_iter().map(Into::into));
        self
    }

    /// The id the response will carry.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn wire(&self) -> WireRequest<'_> {
        WireRequest {
            id: &self.id,
            method: self.method.as_str(),
            url: &self.url,
            headers: &self.headers,
            body: self.body.as_ref(),
            depends_on: &self.depends_on,
        }
    }
}

impl fmt::Debug for BatchRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: BTreeMap<&str, &str> =
            self.headers.iter().map(|(n, v)| redacted(n, v)).collect();
        f.debug_struct("BatchRequest")
            .field("id", &self.id)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("has_body", &self.body.is_some())
            .field("depends_on", &self.depends_on)
            .finish()
    }
}

/// The answer to one [`BatchRequest`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BatchResponse {
    /// The id of the request this answers.
    pub id: String,
    /// The request's own HTTP status; the batch itself may have succeeded
    /// while this request failed.
    pub status: u16,
    /// The request's response headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The response body: JSON, or a base64 string for other content.
    #[serde(default)]
    pub body: Option<Value>,
}

impl BatchResponse {
    /// Whether the request succeeded.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Decodes the body of a successful response, or returns the request's
    /// failure as [`Error::Status`], with Graph's error envelope if present.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let body = self.body.clone().unwrap_or(Value::Null);
        if !self.is_success() {
            let bytes = serde_json::to_vec(&body).unwrap_or_default();
            return Err(Error::from_status(self.status, &bytes, None));
        }
        serde_json::from_value(body.clone())
            .map_err(|e| Error::decode(self.status, body.to_string().as_bytes(), e))
    }
}

#[derive(Serialize)]
struct WireBatch<'a> {
    requests: Vec<WireRequest<'a>>,
}

#[derive(Serialize)]
struct WireRequest<'a> {
    id: &'a str,
    method: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "no_headers")]
    headers: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a Value>,
    #[serde(rename = "dependsOn", skip_serializing_if = "no_dependencies")]
    depends_on: &'a [String],
}

fn no_headers(headers: &&BTreeMap<String, String>) -> bool {
    headers.is_empty()
}

fn no_dependencies(ids: &&[String]) -> bool {
    ids.is_empty()
}

#[derive(Deserialize)]
struct WireResponses {
    responses: Vec<BatchResponse>,
}

impl Client {
    /// Sends `requests` as JSON batches of at most [`MAX_BATCH_SIZE`] and
    /// returns one response per request, in the order given.
    ///
    /// Requests linked by `depends_on`, directly or through others, go in the
    /// same batch; a linked group larger than one batch is an error, as are
    /// duplicate ids and dependencies on ids not in the list. The batches are
    /// sent one after another. A failed request inside a batch is a response
    /// with its failure status, not an error; a failed batch is an error.
    pub async fn batch(&self, requests: Vec<BatchRequest>) -> Result<Vec<BatchResponse>, Error> {
        let groups = plan(&requests)?;

        let mut answers: HashMap<String, BatchResponse> = HashMap::with_capacity(requests.len());
        for (number, group) in groups.iter().enumerate() {
            tracing::debug!(
                batch = number + 1,
                of = groups.len(),
                size = group.len(),
                "sending batch"
            );
            let body = WireBatch {
                requests: group.iter().map(|&index| requests[index].wire()).collect(),
            };
            let request = Request::new(Method::POST, "/$batch").json(&body)?;
            let answer: WireResponses = self.send(request).await?;
            answers.extend(answer.responses.into_iter().map(|r| (r.id.clone(), r)));
        }

        requests
            .iter()
            .map(|request| {
                answers.remove(&request.id).ok_or_else(|| {
                    Error::Batch(format!("no response for request {:?}", request.id))
                })
            })
            .collect()
    }
}

/// Splits requests into batches: indexes into `requests`, each batch in the
/// original order, dependency groups never split.
fn plan(requests: &[BatchRequest]) -> Result<Vec<Vec<usize>>, Error> {
    let mut index_of = HashMap::with_capacity(requests.len());
    for (index, request) in requests.iter().enumerate() {
        if index_of.insert(request.id.as_str(), index).is_some() {
            return Err(Error::Batch(format!(
                "duplicate request id {:?}",
                request.id
            )));
        }
    }

    // Link each request to those it depends on; a group is everything
    // reachable through such links in either direction.
    let mut groups = Groups::new(requests.len());
    for (index, request) in requests.iter().enumerate() {
        for dependency in &request.depends_on {
            let other = *index_of.get(dependency.as_str()).ok_or_else(|| {
                Error::Batch(format!(
                    "request {:?} depends on {dependency:?}, which is not in the list",
                    request.id
                ))
            })?;
            groups.join(index, other);
        }
    }

    // Collect the groups in order of their first request.
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut slot_of_root: HashMap<usize, usize> = HashMap::new();
    for index in 0..requests.len() {
        let root = groups.root(index);
        let slot = *slot_of_root.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[slot].push(index);
    }

    // Fill batches in order, starting a new one when a group does not fit.
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for group in members {
        if group.len() > MAX_BATCH_SIZE {
            return Err(Error::Batch(format!(
                "request {:?} and {} others depend on each other, more than the {MAX_BATCH_SIZE} that fit in one batch",
                requests[group[0]].id,
                group.len() - 1
            )));
        }
        if current.len() + group.len() > MAX_BATCH_SIZE {
            batches.push(std::mem::take(&mut current));
        }
        current.extend(group);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    for batch in &mut batches {
        batch.sort_unstable();
    }
    Ok(batches)
}

/// Disjoint sets over request indexes (union-find with path halving).
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(size: usize) -> Groups {
        Groups {
            parent: (0..size).collect(),
        }
    }

    fn root(&mut self, mut index: usize) -> usize {
        while self.parent[index] != index {
            self.parent[index] = self.parent[self.parent[index]];
            index = self.parent[index];
        }
        index
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        // The smaller index becomes the root, so a group's root is its
        // first request.
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.parent[high] = low;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(id: &str) -> BatchRequest {
        BatchRequest::new(id, Method::GET, format!("/users/{id}"))
    }

    fn sizes(batches: &[Vec<usize>]) -> Vec<usize> {
        batches.iter().map(Vec::len).collect()
    }

    #[test]
    fn splits_independent_requests_by_twenty() {
        let requests: Vec<_> = (0..45).map(|i| get(&i.to_string())).collect();
        assert_eq!(sizes(&plan(&requests).unwrap()), [20, 20, 5]);
    }

    #[test]
    fn keeps_a_chain_in_one_batch() {
        let mut requests: Vec<_> = (0..19).map(|i| get(&i.to_string())).collect();
        requests.push(get("a"));
        requests.push(get("b").depends_on(["a"]));
        let batches = plan(&requests).unwrap();
        assert_eq!(sizes(&batches), [19, 2]);
        assert_eq!(batches[1], [19, 20]);
    }

    #[test]
    fn chain_longer_than_a_batch_is_an_error() {
        let requests: Vec<_> = (0..21)
            .map(|i| {
                let request = get(&i.to_string());
                if i == 0 {
                    request
                } else {
                    request.depends_on([(i - 1).to_string()])
                }
            })
            .collect();
        assert!(matches!(plan(&requests), Err(Error::Batch(_))));
    }

    #[test]
    fn unknown_dependency_and_duplicate_ids_are_errors() {
        assert!(plan(&[get("a").depends_on(["zz"])]).is_err());
        assert!(plan(&[get("a"), get("a")]).is_err());
    }

    #[test]
    fn serializes_the_wire_shape() {
        let request = BatchRequest::new("2", Method::PATCH, "/users/1")
            .json(&serde_json::json!({"city": "Oslo"}))
            .unwrap()
            .depends_on(["1"]);
        let wire = serde_json::to_value(request.wire()).unwrap();
        assert_eq!(
            wire,
            serde_json::json!({
                "id": "2",
                "method": "PATCH",
                "url": "/users/1",
                "headers": {"Content-Type": "application/json"},
                "body": {"city": "Oslo"},
                "dependsOn": ["1"]
            })
        );
        let plain = serde_json::to_value(get("1").wire()).unwrap();
        assert_eq!(
            plain,
            serde_json::json!({"id": "1", "method": "GET", "url": "/users/1"})
        );
    }
}
