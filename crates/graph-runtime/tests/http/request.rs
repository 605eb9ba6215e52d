//! What arrives at the server is what the caller built.

use graph_runtime::{encode_path_segment, Method, Request};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{client, within, TOKEN};

#[tokio::test]
async fn authorization_json_body_and_path_arrive_as_sent() {
    within(async {
        let server = MockServer::start().await;
        let user = json!({"displayName": "Adele", "accountEnabled": true});
        Mock::given(method("POST"))
            .and(path("/v1.0/users"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .and(header("content-type", "application/json"))
            .and(header("x-custom", "yes"))
            .and(body_json(&user))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "42"})))
            .expect(1)
            .mount(&server)
            .await;

        let request = Request::new(Method::POST, "/users")
            .header("x-custom", "yes")
            .json(&user)
            .unwrap();
        let created: Value = client(&server).send(request).await.unwrap();

        assert_eq!(created["id"], "42");
    })
    .await;
}

#[tokio::test]
async fn encoded_path_segment_reaches_the_server_intact() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1.0/users/guest_x.com%23EXT%23%40contoso.com"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "g"})))
            .expect(1)
            .mount(&server)
            .await;

        let upn = encode_path_segment("guest_x.com#EXT#@contoso.com");
        let user: Value = client(&server)
            .send(Request::new(Method::GET, format!("/users/{upn}")))
            .await
            .unwrap();

        assert_eq!(user["id"], "g");
    })
    .await;
}

#[tokio::test]
async fn query_options_are_percent_encoded() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1.0/users"))
            .and(query_param("$filter", "startswith(displayName,'a b&c')"))
            .and(query_param("$top", "5"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
            .expect(1)
            .mount(&server)
            .await;

        let request = Request::new(Method::GET, "/users")
            .query("$filter", "startswith(displayName,'a b&c')")
            .query("$top", 5);
        client(&server).send_empty(request).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn every_request_gets_its_own_client_request_id() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .respond_with(ResponseTemplate::new(204))
            .expect(2)
            .mount(&server)
            .await;

        let client = client(&server);
        client
            .send_empty(Request::new(Method::DELETE, "/users/1"))
            .await
            .unwrap();
        client
            .send_empty(Request::new(Method::DELETE, "/users/2"))
            .await
            .unwrap();

        let ids: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| r.headers["client-request-id"].to_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), 2);
        assert_ne!(ids[0], ids[1]);
        for id in &ids {
            let id = id.as_bytes();
            assert_eq!(id.len(), 36, "a hyphenated uuid");
            assert_eq!(id[14], b'4', "a version 4 uuid");
        }
    })
    .await;
}

#[tokio::test]
async fn user_agent_is_configurable() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(header("user-agent", "docgen-test/1"))
            .respond_with(ResponseTemplate::new(200).set_body_string("bytes"))
            .expect(1)
            .mount(&server)
            .await;

        let client = graph_runtime::Client::builder(crate::support::base_url(&server))
            .static_token(TOKEN)
            .user_agent("docgen-test/1")
            .build()
            .unwrap();
        let raw = client
            .send_raw(Request::new(Method::GET, "/me/photo/$value"))
            .await
            .unwrap();

        assert_eq!(raw.status, 200);
        assert_eq!(&raw.body[..], b"bytes");
    })
    .await;
}

#[tokio::test]
async fn an_optional_body_is_none_when_the_service_sends_none() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("PATCH"))
            .and(path("/v1.0/planner/tasks/t1"))
            .respond_with(ResponseTemplate::new(204))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("PATCH"))
            .and(path("/v1.0/planner/tasks/t1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "t1"})))
            .mount(&server)
            .await;

        let client = client(&server);
        let patch = || Request::new(Method::PATCH, "/planner/tasks/t1").json(&json!({}));
        let empty: Option<Value> = client.call_optional(patch()).await.unwrap();
        let returned: Option<Value> = client.call_optional(patch()).await.unwrap();

        assert_eq!(empty, None);
        assert_eq!(returned, Some(json!({"id": "t1"})));
    })
    .await;
}
