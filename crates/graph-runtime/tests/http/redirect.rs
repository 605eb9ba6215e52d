//! Redirects are followed, and the token stays with the Graph host.

use graph_runtime::{Error, Method, Request};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{client, within, TOKEN};

fn redirect_to(location: &str) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("Location", location)
}

#[tokio::test]
async fn redirect_to_another_host_drops_authorization() {
    within(async {
        let graph = MockServer::start().await;
        let storage = MockServer::start().await;
        // Another host name, not only another port, for the same machine.
        let elsewhere = storage.uri().replace("127.0.0.1", "localhost");
        Mock::given(path("/v1.0/me/photo/$value"))
            .respond_with(redirect_to(&format!("{elsewhere}/blob/1")))
            .mount(&graph)
            .await;
        Mock::given(method("GET"))
            .and(path("/blob/1"))
            .respond_with(ResponseTemplate::new(200).set_body_bytes(b"JPEG".to_vec()))
            .expect(1)
            .mount(&storage)
            .await;

        let photo = client(&graph)
            .send_raw(Request::new(Method::GET, "/me/photo/$value"))
            .await
            .unwrap();

        assert_eq!(&photo.body[..], b"JPEG");
        let received = storage.received_requests().await.unwrap();
        assert!(received[0].headers.get("authorization").is_none());
        assert!(received[0].headers.get("client-request-id").is_some());
    })
    .await;
}

#[tokio::test]
async fn redirect_on_the_same_host_keeps_authorization() {
    within(async {
        let graph = MockServer::start().await;
        Mock::given(path("/v1.0/old"))
            .respond_with(redirect_to("/v1.0/new"))
            .mount(&graph)
            .await;
        Mock::given(path("/v1.0/new"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"moved": true})))
            .expect(1)
            .mount(&graph)
            .await;

        let body: Value = client(&graph)
            .send(Request::new(Method::GET, "/old"))
            .await
            .unwrap();

        assert_eq!(body["moved"], true);
    })
    .await;
}

#[tokio::test]
async fn absolute_link_to_another_host_gets_no_token() {
    within(async {
        let graph = MockServer::start().await;
        let other = MockServer::start().await;
        Mock::given(path("/download"))
            .respond_with(ResponseTemplate::new(200).set_body_string("data"))
            .expect(1)
            .mount(&other)
            .await;

        client(&graph)
            .send_raw(Request::new(
                Method::GET,
                format!("{}/download", other.uri()),
            ))
            .await
            .unwrap();

        let received = other.received_requests().await.unwrap();
        assert!(received[0].headers.get("authorization").is_none());
    })
    .await;
}

#[tokio::test]
async fn post_answered_with_see_other_fetches_with_get() {
    within(async {
        let graph = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v1.0/jobs"))
            .respond_with(ResponseTemplate::new(303).insert_header("Location", "/v1.0/jobs/7"))
            .mount(&graph)
            .await;
        Mock::given(method("GET"))
            .and(path("/v1.0/jobs/7"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "7"})))
            .expect(1)
            .mount(&graph)
            .await;

        let request = Request::new(Method::POST, "/jobs")
            .json(&json!({"a": 1}))
            .unwrap();
        let job: Value = client(&graph).send(request).await.unwrap();

        assert_eq!(job["id"], "7");
    })
    .await;
}

#[tokio::test]
async fn redirect_loop_stops_with_too_many_redirects() {
    within(async {
        let graph = MockServer::start().await;
        Mock::given(path("/v1.0/loop"))
            .respond_with(redirect_to("/v1.0/loop"))
            .expect(11)
            .mount(&graph)
            .await;

        let error = client(&graph)
            .send_empty(Request::new(Method::GET, "/loop"))
            .await
            .unwrap_err();

        assert!(
            matches!(error, Error::TooManyRedirects { hops: 10, .. }),
            "{error:?}"
        );
    })
    .await;
}
