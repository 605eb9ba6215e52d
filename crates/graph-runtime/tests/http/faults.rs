//! Each way a response can go wrong is a distinct error, never a panic.

use std::time::Duration;

use graph_runtime::{Client, Error, Method, Request, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{client, quick_retry, within, RawServer, TOKEN};

/// A head promising 100 bytes, followed by 11 and a closed connection.
const CUT_OFF_BODY: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"value\": [";

fn raw_client(server: &RawServer) -> Client {
    Client::builder(&server.uri)
        .static_token(TOKEN)
        .retry(quick_retry())
        .build()
        .unwrap()
}

#[tokio::test]
async fn connection_dropped_mid_body_is_incomplete_body_after_retries() {
    within(async {
        let server = RawServer::start(CUT_OFF_BODY).await;

        let error = raw_client(&server)
            .send::<Value>(Request::new(Method::GET, "/users"))
            .await
            .unwrap_err();

        assert!(
            matches!(error, Error::IncompleteBody { status: 200, .. }),
            "{error:?}"
        );
        assert!(error.is_retryable());
        assert_eq!(
            server.connections(),
            3,
            "a GET is retried up to max_attempts"
        );
    })
    .await;
}

#[tokio::test]
async fn post_is_not_resent_after_connection_drop() {
    within(async {
        let server = RawServer::start(CUT_OFF_BODY).await;

        let request = Request::new(Method::POST, "/users")
            .json(&json!({}))
            .unwrap();
        let error = raw_client(&server)
            .send::<Value>(request)
            .await
            .unwrap_err();

        assert!(matches!(error, Error::IncompleteBody { .. }), "{error:?}");
        assert_eq!(server.connections(), 1, "a POST may have been acted on");
    })
    .await;
}

#[tokio::test]
async fn refused_connection_is_transport_error() {
    within(async {
        // Bind and drop a listener to get a port nobody listens on.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        drop(listener);

        let client = Client::builder(format!("http://{address}"))
            .static_token(TOKEN)
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let error = client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        assert_eq!(error.status(), None);
    })
    .await;
}

#[tokio::test]
async fn response_slower_than_timeout_is_timeout() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
            .mount(&server)
            .await;

        let client = Client::builder(crate::support::base_url(&server))
            .static_token(TOKEN)
            .timeout(Duration::from_millis(200))
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let started = std::time::Instant::now();
        let error = client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        assert!(matches!(error, Error::Timeout(_)), "{error:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
    })
    .await;
}

#[tokio::test]
async fn success_body_that_is_not_json_is_decode_error_with_snippet() {
    within(async {
        let server = MockServer::start().await;
        let body = format!("not json at all {}", "x".repeat(500));
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string(body))
            .mount(&server)
            .await;

        let error = client(&server)
            .send::<Value>(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        match &error {
            Error::Decode {
                status, snippet, ..
            } => {
                assert_eq!(*status, 200);
                assert!(snippet.starts_with("not json at all"));
                assert_eq!(snippet.chars().count(), 200);
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
        assert!(error.to_string().contains("not json at all"));
    })
    .await;
}

#[tokio::test]
async fn html_error_page_keeps_raw_body_and_is_not_retried() {
    within(async {
        let server = MockServer::start().await;
        let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
            .expect(1)
            .mount(&server)
            .await;

        let error = client(&server)
            .send::<Value>(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        match &error {
            Error::Status {
                status,
                graph,
                body,
                ..
            } => {
                assert_eq!(*status, 502);
                assert!(graph.is_none());
                assert_eq!(body, page);
            }
            other => panic!("expected a status error, got {other:?}"),
        }
        assert_eq!(error.status(), Some(502));
        assert!(!error.is_retryable());
    })
    .await;
}

#[tokio::test]
async fn unauthorized_with_envelope_decodes_code_message_and_inner_error() {
    within(async {
        let server = MockServer::start().await;
        let envelope = json!({"error": {
            "code": "InvalidAuthenticationToken",
            "message": "Access token has expired or is not yet valid.",
            "innerError": {
                "date": "2024-05-01T10:00:00",
                "request-id": "9f1c0d2e-0000-4000-8000-000000000001",
                "client-request-id": "9f1c0d2e-0000-4000-8000-000000000002"
            }
        }});
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(401).set_body_json(envelope))
            .expect(1)
            .mount(&server)
            .await;

        let error = client(&server)
            .send::<Value>(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        assert!(
            matches!(error, Error::Status { status: 401, .. }),
            "{error:?}"
        );
        let graph = error.graph_error().expect("the envelope is decoded");
        assert_eq!(graph.code, "InvalidAuthenticationToken");
        assert_eq!(
            graph.message,
            "Access token has expired or is not yet valid."
        );
        let inner = graph.inner_error.as_ref().expect("inner error");
        assert_eq!(
            inner.request_id.as_deref(),
            Some("9f1c0d2e-0000-4000-8000-000000000001")
        );
        assert_eq!(inner.date.as_deref(), Some("2024-05-01T10:00:00"));
        assert!(error.to_string().contains("InvalidAuthenticationToken"));
    })
    .await;
}
