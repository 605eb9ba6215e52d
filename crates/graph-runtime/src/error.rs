//! The one error type every client call returns, and Graph's error envelope.

use std::time::Duration;

use serde::Deserialize;

/// How many characters of an unexpected body an error keeps, so that a huge
/// HTML page does not end up in a log line whole.
const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong between building a request and decoding its
/// response.
///
/// The variants separate the places a failure happens, so a caller can react
/// to each: a request that never reached the server ([`Error::Transport`]),
/// one that took too long ([`Error::Timeout`]), one the server refused
/// ([`Error::Status`]), and one whose answer could not be read
/// ([`Error::IncompleteBody`], [`Error::Decode`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The base URL, or a request's path or absolute URL, is not a valid URL.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The text that failed to parse.
        url: String,
        /// Why it is not a URL.
        reason: String,
    },

    /// A request header name or value is not valid HTTP.
    #[error("invalid header {name:?}")]
    InvalidHeader {
        /// The header name as given.
        name: String,
    },

    /// The client was built without something it needs.
    #[error("client configuration: {0}")]
    Config(String),

    /// A request body could not be serialized to JSON.
    #[error("could not serialize the request body as JSON: {0}")]
    Serialize(#[source] serde_json::Error),

    /// The request could not be sent or no response head came back:
    /// connection refused or reset, DNS, TLS.
    #[error("could not reach the server: {0}")]
    Transport(#[source] reqwest::Error),

    /// The request, including reading the response body, took longer than
    /// the client's timeout.
    #[error("request timed out: {0}")]
    Timeout(#[source] reqwest::Error),

    /// The response started but its body was cut off, for example because
    /// the connection dropped mid-body.
    #[error("the response body (HTTP {status}) was cut off: {source}")]
    IncompleteBody {
        /// The status of the response whose body broke off.
        status: u16,
        /// The underlying read error.
        #[source]
        source: reqwest::Error,
    },

    /// The server answered with a status other than success.
    #[error("{}", status_message(*.status, .graph.as_deref(), .body))]
    Status {
        /// The HTTP status code.
        status: u16,
        /// Graph's error envelope, when the body was one.
        graph: Option<Box<GraphError>>,
        /// The raw body as text, kept whole, for bodies that are not an
        /// envelope (an HTML error page from a gateway, say).
        body: String,
        /// How long the server asked the client to wait, from `Retry-After`.
        retry_after: Option<Duration>,
    },

    /// A success response whose body is not the JSON the caller expected.
    #[error(
        "could not decode the HTTP {status} response body: {source}; body starts with {snippet:?}"
    )]
    Decode {
        /// The HTTP status code of the response.
        status: u16,
        /// The first characters of the body, to show what came back instead.
        snippet: String,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },

    /// The response redirected more times than the client follows.
    #[error("stopped after {hops} redirects, last at {location:?}")]
    TooManyRedirects {
        /// How many redirects were followed.
        hops: usize,
        /// The last `Location` seen.
        location: String,
    },

    /// An access token could not be obtained.
    #[error("could not get an access token: {message}")]
    Auth {
        /// The token endpoint's status, when it answered.
        status: Option<u16>,
        /// What went wrong, with the identity platform's error code and
        /// description when it gave them. Never contains a secret.
        message: String,
    },

    /// A batch could not be formed or its answer did not match the requests.
    #[error("batch: {0}")]
    Batch(String),
}

impl Error {
    /// The HTTP status of the response this error came from, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status { status, .. }
            | Error::IncompleteBody { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Auth { status, .. } => *status,
            _ => None,
        }
    }

    /// Graph's error envelope, when the server sent one.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Status { graph, .. } => graph.as_deref(),
            _ => None,
        }
    }

    /// Whether sending the same request again may succeed.
    ///
    /// True for throttling and temporary unavailability (429, 503, 504), for
    /// timeouts, and for failures on the way to or from the server. Whether it
    /// is also *safe* to resend depends on the method; the client's own
    /// retries take that into account.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Status { status, .. } => is_retryable_status(*status),
            Error::Transport(_) | Error::Timeout(_) | Error::IncompleteBody { .. } => true,
            _ => false,
        }
    }

    /// Builds the error for a response with a failure status, decoding
    /// Graph's error envelope when the body is one.
    pub fn from_status(status: u16, body: &[u8], retry_after: Option<Duration>) -> Error {
        let graph = serde_json::from_slice::<Envelope>(body)
            .ok()
            .map(|envelope| Box::new(envelope.error));
        Error::Status {
            status,
            graph,
            body: String::from_utf8_lossy(body).into_owned(),
            retry_after,
        }
    }

    /// Builds the error for a body that did not decode, keeping its start.
    pub(crate) fn decode(status: u16, body: &[u8], source: serde_json::Error) -> Error {
        Error::Decode {
            status,
            snippet: snippet(body),
            source,
        }
    }

    /// Maps a reqwest failure before any response head arrived.
    pub(crate) fn from_send(source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout(source)
        } else {
            Error::Transport(source)
        }
    }

    /// Maps a reqwest failure while reading a response body.
    pub(crate) fn from_body(status: u16, source: reqwest::Error) -> Error {
        if source.is_timeout() {
            Error::Timeout(source)
        } else {
            Error::IncompleteBody { status, source }
        }
    }
}

/// The statuses Graph uses to say "not now, try again": throttling, service
/// unavailable and gateway timeout.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// The first [`SNIPPET_CHARS`] characters of a body, as text.
pub(crate) fn snippet(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .chars()
        .take(SNIPPET_CHARS)
        .collect()
}

fn status_message(status: u16, graph: Option<&GraphError>, body: &str) -> String {
    match graph {
        Some(graph) => {
            let mut message = format!("HTTP {status} {}: {}", graph.code, graph.message);
            if let Some(request_id) = graph
                .inner_error
                .as_ref()
                .and_then(|i| i.request_id.as_ref())
            {
                message.push_str(&format!(" (request-id {request_id})"));
            }
            message
        }
        None if body.is_empty() => format!("HTTP {status}"),
        None => format!("HTTP {status}: {:?}", snippet(body.as_bytes())),
    }
}

/// The `{"error": {...}}` wrapper Graph puts around every error.
#[derive(Deserialize)]
struct Envelope {
    error: GraphError,
}

/// Graph's description of a failed request.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GraphError {
    /// A machine-readable code such as `Request_ResourceNotFound`.
    pub code: String,
    /// A human-readable explanation.
    #[serde(default)]
    pub message: String,
    /// Diagnostics that support staff ask for.
    #[serde(rename = "innerError", alias = "innererror", default)]
    pub inner_error: Option<InnerError>,
}

/// The diagnostic part of [`GraphError`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct InnerError {
    /// The id Graph gave the request.
    #[serde(rename = "request-id", default)]
    pub request_id: Option<String>,
    /// The id this client sent in `client-request-id`.
    #[serde(rename = "client-request-id", default)]
    pub client_request_id: Option<String>,
    /// When the server handled the request, as the server wrote it.
    #[serde(default)]
    pub date: Option<String>,
    /// A more specific code, when the service gives one.
    #[serde(default)]
    pub code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_graph_envelope() {
        let body = br#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty.","innerError":{"date":"2024-01-01T00:00:00","request-id":"abc","client-request-id":"def"}}}"#;
        let error = Error::from_status(401, body, None);
        let graph = error.graph_error().expect("envelope");
        assert_eq!(graph.code, "InvalidAuthenticationToken");
        let inner = graph.inner_error.as_ref().expect("inner error");
        assert_eq!(inner.request_id.as_deref(), Some("abc"));
        assert_eq!(inner.date.as_deref(), Some("2024-01-01T00:00:00"));
        assert!(error.to_string().contains("request-id abc"));
    }

    #[test]
    fn keeps_body_that_is_not_an_envelope() {
        let error = Error::from_status(502, b"<html>Bad Gateway</html>", None);
        assert!(error.graph_error().is_none());
        match error {
            Error::Status { body, .. } => assert_eq!(body, "<html>Bad Gateway</html>"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn snippet_is_bounded() {
        let body = "x".repeat(1000);
        assert_eq!(snippet(body.as_bytes()).len(), SNIPPET_CHARS);
    }
}
