//! Client-credentials tokens are fetched once, shared, and refreshed early.

use std::time::Duration;

use futures::future::join_all;
use graph_runtime::{Client, ClientCredentials, Error, Method, Request};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{base_url, quick_retry, within};

const SECRET: &str = "client-secret-7d1e";
const ISSUED: &str = "issued-token-5b2c";

/// Mounts a token endpoint for tenant `t1` that issues [`ISSUED`] valid for
/// `expires_in` seconds, after a short delay so that callers overlap.
async fn mount_token_endpoint(server: &MockServer, expires_in: u64, expected_calls: u64) {
    Mock::given(method("POST"))
        .and(path("/t1/oauth2/v2.0/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=app-1"))
        .and(body_string_contains(
            format!("client_secret={SECRET}").as_str(),
        ))
        .and(body_string_contains(
            "scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({
                    "token_type": "Bearer",
                    "expires_in": expires_in,
                    "access_token": ISSUED
                }))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(expected_calls)
        .mount(server)
        .await;
}

async fn mount_me(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .and(header("authorization", format!("Bearer {ISSUED}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "me"})))
        .mount(server)
        .await;
}

fn credentials(server: &MockServer) -> ClientCredentials {
    ClientCredentials::new("t1", "app-1", SECRET).authority(server.uri())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_requests_share_one_token_request() {
    within(async {
        let server = MockServer::start().await;
        mount_token_endpoint(&server, 3600, 1).await;
        mount_me(&server).await;
        let client = Client::new(base_url(&server), credentials(&server)).unwrap();

        let calls = (0..50).map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .send::<serde_json::Value>(Request::new(Method::GET, "/me"))
                    .await
            })
        });
        for result in join_all(calls).await {
            assert_eq!(result.unwrap().unwrap()["id"], "me");
        }

        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn token_is_refreshed_before_it_expires() {
    within(async {
        let server = MockServer::start().await;
        mount_token_endpoint(&server, 2, 2).await;
        mount_me(&server).await;
        let provider = credentials(&server).refresh_margin(Duration::from_secs(1));
        let client = Client::new(base_url(&server), provider).unwrap();

        client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap();
        client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap();
        // Past the refresh point (lifetime minus margin), before expiry.
        tokio::time::sleep(Duration::from_millis(1100)).await;
        client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap();

        server.verify().await;
    })
    .await;
}

#[tokio::test]
async fn refused_token_request_is_auth_error_without_the_secret() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(401).set_body_json(json!({
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided."
            })))
            .mount(&server)
            .await;
        let client = Client::builder(base_url(&server))
            .token_provider(credentials(&server))
            .retry(quick_retry())
            .build()
            .unwrap();

        let error = client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap_err();

        match &error {
            Error::Auth { status, message } => {
                assert_eq!(*status, Some(401));
                assert!(message.contains("invalid_client"), "{message}");
            }
            other => panic!("expected an auth error, got {other:?}"),
        }
        assert!(!format!("{error} {error:?}").contains(SECRET));
        // Nothing reached Graph without a token.
        let requests = server.received_requests().await.unwrap();
        assert!(requests.iter().all(|r| r.url.path() != "/v1.0/me"));
    })
    .await;
}
