//! Throttled and unavailable responses are retried, as the server asks.

use std::time::{Duration, Instant, SystemTime};

use graph_runtime::{Client, Error, Method, Request, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{base_url, client, within, TOKEN};

async fn mount_once(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .respond_with(response)
        .up_to_n_times(1)
        .mount(server)
        .await;
}

async fn mount_success(server: &MockServer) {
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn throttled_request_waits_retry_after_seconds() {
    within(async {
        let server = MockServer::start().await;
        mount_once(
            &server,
            ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        )
        .await;
        mount_success(&server).await;

        let started = Instant::now();
        let body: Value = client(&server)
            .send(Request::new(Method::GET, "/me"))
            .await
            .unwrap();

        assert_eq!(body["ok"], true);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn unavailable_request_waits_until_retry_after_date() {
    within(async {
        let server = MockServer::start().await;
        // HTTP-dates have whole seconds, so a date three seconds ahead means
        // a wait of more than two.
        let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3));
        mount_once(
            &server,
            ResponseTemplate::new(503).insert_header("Retry-After", date.as_str()),
        )
        .await;
        mount_success(&server).await;

        let started = Instant::now();
        client(&server)
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap();

        assert!(
            started.elapsed() >= Duration::from_millis(1500),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn without_retry_after_backs_off_and_succeeds() {
    within(async {
        let server = MockServer::start().await;
        mount_once(&server, ResponseTemplate::new(503)).await;
        mount_once(&server, ResponseTemplate::new(504)).await;
        mount_success(&server).await;

        let started = Instant::now();
        client(&server)
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap();

        assert_eq!(server.received_requests().await.unwrap().len(), 3);
        // Backoffs of 5-10 ms then 10-20 ms.
        assert!(started.elapsed() >= Duration::from_millis(15));
    })
    .await;
}

#[tokio::test]
async fn gives_up_after_max_attempts_with_the_last_status() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503))
            .expect(3)
            .mount(&server)
            .await;

        let error = client(&server)
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        assert_eq!(error.status(), Some(503));
        assert!(error.is_retryable());
    })
    .await;
}

#[tokio::test]
async fn retry_after_beyond_the_time_budget_returns_at_once() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
            .expect(1)
            .mount(&server)
            .await;

        let started = Instant::now();
        let error = client(&server)
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        assert!(started.elapsed() < Duration::from_secs(2));
        match error {
            Error::Status {
                status: 429,
                retry_after,
                ..
            } => {
                assert_eq!(retry_after, Some(Duration::from_secs(3600)));
            }
            other => panic!("expected 429, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn throttled_post_is_retried() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "1"})))
            .mount(&server)
            .await;

        let request = Request::new(Method::POST, "/users")
            .json(&json!({}))
            .unwrap();
        let created: Value = client(&server).send(request).await.unwrap();

        assert_eq!(created["id"], "1");
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn no_retry_policy_sends_once() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
            .expect(1)
            .mount(&server)
            .await;

        let client = Client::builder(base_url(&server))
            .static_token(TOKEN)
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let error = client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        assert_eq!(error.status(), Some(429));
    })
    .await;
}
