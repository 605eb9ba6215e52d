//! What a generated check works with: its example, a client pointed at the
//! local server, and the three steps as methods.

use std::future::IntoFuture;
use std::rc::Rc;
use std::time::Duration;

use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::compare::differences;
use crate::{Checked, Example, Outcome, Step};

/// How long one call may take before it counts as hung. The client's own
/// timeout is shorter, so this only catches a client that never returns.
const CALL_DEADLINE: Duration = Duration::from_secs(30);

/// Examples answered with this status or above show an error.
const FIRST_ERROR_STATUS: u16 = 400;

/// The example being checked and the server the client talks to.
///
/// A generated check looks like this:
///
/// ```text
/// fn wipe_action_1(cx: Context) -> Checked {
///     Box::pin(async move {
///         let (request, body) = cx.request_body::<crate::operations::WipeActionBody>();
///         let response = cx.no_response_body();
///         let client = GraphClient::new(cx.client());
///         let call = match &body {
///             Some(body) => cx.call(client.users().by_id("u1").managed_devices().by_id("d1").wipe(body)).await,
///             None => cx.no_body_to_send(),
///         };
///         Outcome::new(request, response, call)
///     })
/// }
/// ```
pub struct Context {
    example: Example,
    server: Rc<MockServer>,
    client: graph_runtime::Client,
}

impl Context {
    pub(crate) fn new(
        example: Example,
        server: Rc<MockServer>,
        client: graph_runtime::Client,
    ) -> Context {
        Context {
            example,
            server,
            client,
        }
    }

    /// The example being checked.
    pub fn example(&self) -> &Example {
        &self.example
    }

    /// A runtime client whose base URL is the local server.
    pub fn client(&self) -> graph_runtime::Client {
        self.client.clone()
    }

    /// Step 1 for an operation that takes a JSON body of type `T`: the
    /// example's body deserializes and serializes back to the same JSON.
    /// Returns the body for the call, when it deserializes.
    pub fn request_body<T: DeserializeOwned + Serialize>(&self) -> (Step, Option<T>) {
        let Some(text) = self.example.request_body else {
            return (Step::skip("the example shows no request body"), None);
        };
        let json: Value = match serde_json::from_str(text) {
            Ok(json) => json,
            Err(e) => return (Step::fail("request-not-json", e.to_string()), None),
        };
        let body: T = match serde_json::from_value(json.clone()) {
            Ok(body) => body,
            Err(e) => {
                return (
                    Step::fail("request-does-not-deserialize", e.to_string()),
                    None,
                )
            }
        };
        let back = match serde_json::to_value(&body) {
            Ok(back) => back,
            Err(e) => {
                return (
                    Step::fail("request-does-not-serialize", e.to_string()),
                    None,
                )
            }
        };
        let found = differences(&json, &back);
        let step = if found.is_empty() {
            Step::Pass
        } else {
            Step::differs("request-round-trip-differs", &found)
        };
        (step, Some(body))
    }

    /// Step 1 for an operation that takes a stream: nothing to type-check;
    /// the body to send is the example's body text.
    pub fn stream_body(&self) -> (Step, Option<Vec<u8>>) {
        let body = self.example.request_body.unwrap_or_default();
        (
            Step::skip("the operation takes a stream, not JSON"),
            Some(body.as_bytes().to_vec()),
        )
    }

    /// Step 1 for an operation that takes no body: the example must not
    /// show one.
    pub fn no_request_body(&self) -> Step {
        match self.example.request_body {
            Some(_) => Step::fail(
                "request-body-not-taken",
                "the example sends a body, but the operation takes none",
            ),
            None => Step::skip("the operation takes no request body"),
        }
    }

    /// Step 2 for an operation that returns JSON of type `T` (a
    /// `Page<T>` for a collection).
    pub fn response_body<T: DeserializeOwned>(&self) -> Step {
        if let Some(step) = self.error_response() {
            return step;
        }
        let Some(text) = self.example.response_body else {
            return Step::skip("the example shows no response body");
        };
        match serde_json::from_str::<T>(text) {
            Ok(_) => Step::Pass,
            Err(e) => Step::fail("response-does-not-deserialize", e.to_string()),
        }
    }

    /// Step 2 for an operation that returns no body: the example must not
    /// show one.
    pub fn no_response_body(&self) -> Step {
        if let Some(step) = self.error_response() {
            return step;
        }
        match self.example.response_body {
            Some(_) => Step::fail(
                "response-body-not-returned",
                "the example's response has a body, but the operation returns none",
            ),
            None => Step::skip("the operation returns no body"),
        }
    }

    /// Step 2 for an operation that returns raw bytes.
    pub fn raw_response(&self) -> Step {
        if let Some(step) = self.error_response() {
            return step;
        }
        Step::skip("the operation returns raw bytes, not JSON")
    }

    /// Step 2 for an example whose answer is an error (`422`): its body
    /// is Graph's error envelope, which the client reads into its error.
    /// None when the example shows a success.
    fn error_response(&self) -> Option<Step> {
        let example = &self.example;
        if example.response_status < FIRST_ERROR_STATUS {
            return None;
        }
        let Some(text) = example.response_body else {
            return Some(Step::skip("the example shows an error without a body"));
        };
        let error =
            graph_runtime::Error::from_status(example.response_status, text.as_bytes(), None);
        Some(match error.graph_error() {
            Some(_) => Step::Pass,
            None => Step::fail(
                "error-is-not-an-envelope",
                format!(
                    "the example answers HTTP {} with a body that is not Graph's error envelope",
                    example.response_status
                ),
            ),
        })
    }

    /// Step 3 when the body could not be built: skipped when the example
    /// shows none, failed when it shows one that does not deserialize.
    pub fn no_body_to_send(&self) -> Step {
        match self.example.request_body {
            Some(_) => Step::fail(
                "request-body-unusable",
                "the example's request body does not deserialize, so it cannot be sent",
            ),
            None => Step::skip("the operation takes a body; the example shows none to send"),
        }
    }

    /// Step 3 when the generator found no navigation for the example's
    /// URL; `reason` says what did not match.
    pub fn unmatched(&self, reason: &str) -> Step {
        Step::fail("url-does-not-match", reason)
    }

    /// Step 3 when the example shows no request.
    pub fn no_request(&self) -> Step {
        Step::skip("the example shows no request")
    }

    /// Step 3: sends `request`, built by the client's navigation, to the
    /// local server, which answers with the example's response; then
    /// compares what was sent with the example and checks that the answer
    /// decoded.
    pub async fn call<F, T>(&self, request: F) -> Step
    where
        F: IntoFuture<Output = Result<T, graph_runtime::Error>>,
    {
        // One server serves every example in turn; reset it so that it
        // holds only this example's answer and this call's request.
        self.server.reset().await;
        let example = &self.example;
        let mut reply = ResponseTemplate::new(example.response_status);
        if let Some(body) = example.response_body {
            reply = reply.set_body_raw(body.as_bytes().to_vec(), "application/json");
        }
        // A redirect leads to a stand-in for its target on the same local
        // server, which answers with an empty success; the client follows
        // it with a second request.
        let redirect = example
            .location
            .filter(|_| (300..400).contains(&example.response_status))
            .map(local_path);
        if let Some(target) = &redirect {
            reply = reply.insert_header("Location", format!("{}{target}", self.server.uri()));
            let target_path = target.split('?').next().unwrap_or(target);
            Mock::given(wiremock::matchers::path(target_path))
                .respond_with(ResponseTemplate::new(200))
                .with_priority(1)
                .mount(&self.server)
                .await;
        }
        Mock::given(any())
            .respond_with(reply)
            .mount(&self.server)
            .await;

        let result = tokio::time::timeout(CALL_DEADLINE, request.into_future()).await;
        let received = self.server.received_requests().await.unwrap_or_default();

        let outcome = match &result {
            Err(_) => Err("no answer within the deadline".to_string()),
            Ok(Err(e)) => Err(e.to_string()),
            Ok(Ok(_)) => Ok(()),
        };
        let expected = 1 + usize::from(redirect.is_some());
        let sent = match received.as_slice() {
            [] => {
                let why = outcome.err().unwrap_or_default();
                return Step::fail("no-request-sent", format!("nothing was sent: {why}"));
            }
            [first, ..] if received.len() == expected => first,
            [_] => {
                return Step::fail(
                    "redirect-not-followed",
                    format!(
                        "the example answers HTTP {} to `{}`, but the client sent nothing there",
                        example.response_status,
                        redirect.unwrap_or_default()
                    ),
                )
            }
            many => {
                return Step::fail(
                    "several-requests-sent",
                    format!("{} requests were sent instead of {expected}", many.len()),
                )
            }
        };

        if !sent.method.as_str().eq_ignore_ascii_case(example.method) {
            return Step::fail(
                "wrong-method",
                format!("sent {} instead of {}", sent.method, example.method),
            );
        }
        let sent_path = decoded_path(sent.url.path());
        let documented = decoded_path(example.path);
        if !sent_path.eq_ignore_ascii_case(&documented) {
            return Step::fail(
                "wrong-path",
                format!("sent `{sent_path}` instead of `{documented}`"),
            );
        }
        if let Some(difference) = body_difference(example.request_body, &sent.body) {
            return difference;
        }

        if example.response_status >= FIRST_ERROR_STATUS {
            return match result {
                Ok(Err(e)) if e.status() == Some(example.response_status) => Step::Pass,
                Ok(Err(e)) => Step::fail("error-not-reported", e.to_string()),
                Ok(Ok(_)) => Step::fail(
                    "error-not-reported",
                    format!(
                        "the call succeeded, but the example answers HTTP {}",
                        example.response_status
                    ),
                ),
                Err(_) => Step::fail("no-answer", "no answer within the deadline"),
            };
        }
        match (result, outcome) {
            (Err(_), Err(why)) => Step::fail("no-answer", why),
            (_, Err(why)) => Step::fail("response-does-not-decode", why),
            (_, Ok(())) => Step::Pass,
        }
    }

    /// The outcome of an example whose request goes to `host` rather than
    /// to the service: a notification the service sends to an app, shown
    /// on the operation's page but not a call of it.
    pub fn elsewhere(self, host: &str) -> Checked {
        let outcome = Outcome::all(Step::skip(format!(
            "the request goes to `{host}`, not to the service: not a call of the operation"
        )));
        Box::pin(async move { outcome })
    }

    /// The outcome of an example whose operation needs crate features
    /// that are off, so that its check was not compiled.
    pub fn not_built(self, features: &str) -> Checked {
        let outcome = Outcome::not_built(features);
        Box::pin(async move { outcome })
    }
}

/// The path and query of a URL, which the local server stands in for:
/// `https://files.example.com/d/1?t=2` → `/d/1?t=2`.
fn local_path(url: &str) -> String {
    let after_host = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    };
    if after_host.starts_with('/') {
        after_host.to_string()
    } else {
        format!("/{after_host}")
    }
}

/// A path with percent-escapes decoded and no trailing slash, so that the
/// client's encoding and the docs' writing compare equal.
fn decoded_path(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let trimmed = decoded.trim_end_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        trimmed.to_string()
    }
}

/// How the body that was sent differs from the example's, if it does: a
/// `wrong-body` failure.
fn body_difference(documented: Option<&str>, sent: &[u8]) -> Option<Step> {
    let documented = documented.filter(|d| !d.trim().is_empty());
    let wrong = |detail: String| Some(Step::fail("wrong-body", detail));
    match (documented, sent.is_empty()) {
        (None, true) => None,
        (None, false) => wrong(format!(
            "sent a body of {} bytes; the example shows none",
            sent.len()
        )),
        (Some(_), true) => wrong("sent no body; the example shows one".to_string()),
        (Some(text), false) => {
            let parsed = (
                serde_json::from_str::<Value>(text),
                serde_json::from_slice::<Value>(sent),
            );
            match parsed {
                (Ok(documented), Ok(sent)) => {
                    let found = differences(&documented, &sent);
                    (!found.is_empty()).then(|| Step::differs("wrong-body", &found))
                }
                // A stream: compare the bytes.
                _ => (text.as_bytes() != sent)
                    .then(|| Step::fail("wrong-body", "the bytes sent differ")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_target_is_served_at_its_path_and_query() {
        assert_eq!(
            local_path("https://files.example.com/d/1?t={token}"),
            "/d/1?t={token}"
        );
        assert_eq!(local_path("https://files.example.com"), "/");
        assert_eq!(local_path("/relative/x"), "/relative/x");
    }

    #[test]
    fn paths_compare_after_decoding() {
        assert_eq!(decoded_path("/users/a%40b.com/"), "/users/a@b.com");
        assert_eq!(decoded_path("/"), "/");
    }

    #[test]
    fn bodies_compare_as_json_with_documented_nulls_optional() {
        let detail = |documented: Option<&str>, sent: &[u8]| match body_difference(documented, sent)
        {
            Some(Step::Fail { detail, .. }) => Some(detail),
            _ => None,
        };
        assert_eq!(detail(None, b""), None);
        assert_eq!(detail(Some(r#"{"a": 1, "b": null}"#), br#"{"a":1}"#), None);
        assert_eq!(
            detail(Some(r#"{"a": 1, "b": null}"#), br#"{"a":1,"b":null}"#),
            None
        );
        assert_eq!(
            detail(Some(r#"{"a": 1}"#), b"").as_deref(),
            Some("sent no body; the example shows one")
        );
        assert_eq!(
            detail(Some(r#"{"a": 1}"#), br#"{"a":2}"#).as_deref(),
            Some("`a` is 2 instead of 1")
        );
    }
}
