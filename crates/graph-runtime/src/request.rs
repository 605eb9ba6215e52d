//! A request as generated code describes it, before the client sends it.

use std::fmt;

use bytes::Bytes;
use reqwest::Method;
use url::Url;

use crate::encode::encode_query_component;
use crate::Error;

/// Header names whose values are credentials and never appear in `Debug`.
const SENSITIVE_HEADERS: [&str; 4] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// One Graph call: method, path, query, headers and body.
///
/// Building a request never fails except when serializing a body; invalid
/// header names or URLs are reported by the client when it sends.
#[derive(Clone)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Bytes>,
}

impl Request {
    /// A request for `path`, relative to the client's base URL.
    ///
    /// The path starts with `/` and is already percent-encoded (see
    /// [`encode_path_segment`](crate::encode_path_segment)). An absolute
    /// `http` or `https` URL, such as an `@odata.nextLink`, is used as is.
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Appends a query option; name and value are percent-encoded here.
    pub fn query(mut self, name: &str, value: impl fmt::Display) -> Request {
        self.query.push((
            encode_query_component(name),
            encode_query_component(&value.to_string()),
        ));
        self
    }

    /// Adds a header, after any added before with the same name.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Request {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// Sets a JSON body and `Content-Type: application/json`.
    pub fn json<B: serde::Serialize + ?Sized>(self, body: &B) -> Result<Request, Error> {
        let bytes = serde_json::to_vec(body).map_err(Error::Serialize)?;
        Ok(self.body(bytes, "application/json"))
    }

    /// Sets a body of any other kind, with its content type.
    pub fn body(mut self, body: impl Into<Bytes>, content_type: &str) -> Request {
        self.headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("content-type"));
        self.headers
            .push(("Content-Type".to_owned(), content_type.to_owned()));
        self.body = Some(body.into());
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path or absolute URL, as given to [`Request::new`].
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The headers added so far, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body, if one was set.
    pub fn body_bytes(&self) -> Option<&Bytes> {
        self.body.as_ref()
    }

    /// The full URL: the base URL joined with the path, then the query.
    pub(crate) fn url(&self, base: &Url) -> Result<Url, Error> {
        let text = if is_absolute(&self.path) {
            self.path.clone()
        } else {
            // Joining as text, not with `Url::join`, keeps the base's own
            // path (`/v1.0`) when the request path starts with a slash.
            let base = base.as_str().trim_end_matches('/');
            let path = self.path.trim_start_matches('/');
            format!("{base}/{path}")
        };
        let mut url = Url::parse(&text).map_err(|e| Error::InvalidUrl {
            url: text.clone(),
            reason: e.to_string(),
        })?;

        if !self.query.is_empty() {
            let mut query = url.query().unwrap_or_default().to_owned();
            for (name, value) in &self.query {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(name);
                query.push('=');
                query.push_str(value);
            }
            url.set_query(Some(&query));
        }
        Ok(url)
    }
}

fn is_absolute(path: &str) -> bool {
    let lower = path.get(..8).unwrap_or(path).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A header as `Debug` output may show it: credentials replaced by `***`.
pub(crate) fn redacted<'a>(name: &'a str, value: &'a str) -> (&'a str, &'a str) {
    if is_sensitive_header(name) {
        (name, "***")
    } else {
        (name, value)
    }
}

/// Whether a header carries credentials and must be hidden from output.
pub(crate) fn is_sensitive_header(name: &str) -> bool {
    SENSITIVE_HEADERS
        .iter()
        .any(|sensitive| name.eq_ignore_ascii_case(sensitive))
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self.headers.iter().map(|(n, v)| redacted(n, v)).collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://graph.microsoft.com/v1.0").unwrap()
    }

    #[test]
    fn joins_path_to_base_path() {
        let url = Request::new(Method::GET, "/users/a%40b")
            .url(&base())
            .unwrap();
        assert_eq!(url.as_str(), "https://graph.microsoft.com/v1.0/users/a%40b");
    }

    #[test]
    fn absolute_url_is_used_as_is() {
        let next = "https://graph.microsoft.com/v1.0/users?$skiptoken=X";
        let url = Request::new(Method::GET, next).url(&base()).unwrap();
        assert_eq!(url.as_str(), next);
    }

    #[test]
    fn query_is_appended_after_existing_query() {
        let url = Request::new(Method::GET, "/users?$count=true")
            .query("$top", 5)
            .query("$search", "\"a b\"")
            .url(&base())
            .unwrap();
        assert_eq!(url.query(), Some("$count=true&$top=5&$search=%22a%20b%22"));
    }

    #[test]
    fn debug_hides_authorization() {
        let request = Request::new(Method::GET, "/me").header("Authorization", "Bearer s3cr3t");
        assert!(!format!("{request:?}").contains("s3cr3t"));
    }
}
