//! Long request lists are split into batches and answers matched back.

use graph_runtime::{BatchRequest, Error, Method};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

use crate::support::{client, within};

/// Answers a batch in reverse order, so that matching by id is what puts
/// the answers back in place; a request whose url ends in `/missing` fails.
fn echo_batch(request: &Received) -> ResponseTemplate {
    let batch: Value = request.body_json().expect("a JSON batch");
    let responses: Vec<Value> = batch["requests"]
        .as_array()
        .expect("a requests array")
        .iter()
        .rev()
        .map(|r| {
            if r["url"].as_str().unwrap().ends_with("/missing") {
                json!({"id": r["id"], "status": 404, "body": {"error": {"code": "Request_ResourceNotFound", "message": "gone"}}})
            } else {
                json!({"id": r["id"], "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"url": r["url"]}})
            }
        })
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({"responses": responses}))
}

async fn batch_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/$batch"))
        .respond_with(echo_batch)
        .mount(&server)
        .await;
    server
}

/// The requests of each batch the server received, as JSON.
async fn received_batches(server: &MockServer) -> Vec<Vec<Value>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.body_json::<Value>().unwrap()["requests"]
                .as_array()
                .unwrap()
                .clone()
        })
        .collect()
}

#[tokio::test]
async fn forty_five_requests_go_as_three_batches_and_match_back() {
    within(async {
        let server = batch_server().await;
        let requests: Vec<BatchRequest> = (0..45)
            .map(|i| BatchRequest::new(format!("r{i}"), Method::GET, format!("/users/{i}")))
            .collect();

        let responses = client(&server).batch(requests).await.unwrap();

        let sizes: Vec<usize> = received_batches(&server)
            .await
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, [20, 20, 5]);
        assert_eq!(responses.len(), 45);
        for (i, response) in responses.iter().enumerate() {
            assert_eq!(response.id, format!("r{i}"));
            assert_eq!(response.status, 200);
            let body: Value = response.json().unwrap();
            assert_eq!(body["url"], format!("/users/{i}"));
        }
    })
    .await;
}

#[tokio::test]
async fn dependent_requests_stay_in_one_batch_with_their_body() {
    within(async {
        let server = batch_server().await;
        let mut requests: Vec<BatchRequest> = (0..18)
            .map(|i| BatchRequest::new(format!("r{i}"), Method::GET, format!("/users/{i}")))
            .collect();
        requests.push(
            BatchRequest::new("create", Method::POST, "/groups")
                .json(&json!({"displayName": "Team"}))
                .unwrap(),
        );
        requests.push(
            BatchRequest::new("member", Method::POST, "/groups/x/members/$ref")
                .depends_on(["create"]),
        );
        requests.push(
            BatchRequest::new("owner", Method::POST, "/groups/x/owners/$ref")
                .depends_on(["member"]),
        );
        requests.push(BatchRequest::new("last", Method::GET, "/me"));

        let responses = client(&server).batch(requests).await.unwrap();

        let batches = received_batches(&server).await;
        let ids: Vec<Vec<&str>> = batches
            .iter()
            .map(|b| b.iter().map(|r| r["id"].as_str().unwrap()).collect())
            .collect();
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[1], ["create", "member", "owner", "last"]);
        let create = &batches[1][0];
        assert_eq!(create["body"], json!({"displayName": "Team"}));
        assert_eq!(create["headers"]["Content-Type"], "application/json");
        assert_eq!(batches[1][2]["dependsOn"], json!(["member"]));
        let response_ids: Vec<&str> = responses.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(&response_ids[18..], ["create", "member", "owner", "last"]);
    })
    .await;
}

#[tokio::test]
async fn failed_request_inside_a_batch_is_its_own_status() {
    within(async {
        let server = batch_server().await;
        let requests = vec![
            BatchRequest::new("1", Method::GET, "/users/missing"),
            BatchRequest::new("2", Method::GET, "/users/here"),
        ];

        let responses = client(&server).batch(requests).await.unwrap();

        assert!(!responses[0].is_success());
        let error = responses[0].json::<Value>().unwrap_err();
        assert_eq!(error.status(), Some(404));
        assert_eq!(
            error.graph_error().unwrap().code,
            "Request_ResourceNotFound"
        );
        assert!(responses[1].is_success());
    })
    .await;
}

#[tokio::test]
async fn chain_longer_than_a_batch_is_refused_before_sending() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(500))
            .expect(0)
            .mount(&server)
            .await;
        let requests: Vec<BatchRequest> = (0..21)
            .map(|i| {
                let request = BatchRequest::new(i.to_string(), Method::GET, "/me");
                if i == 0 {
                    request
                } else {
                    request.depends_on([(i - 1).to_string()])
                }
            })
            .collect();

        let error = client(&server).batch(requests).await.unwrap_err();

        assert!(matches!(error, Error::Batch(_)), "{error:?}");
    })
    .await;
}
