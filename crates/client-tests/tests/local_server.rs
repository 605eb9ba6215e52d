//! The generated client against a real HTTP server on 127.0.0.1.

use std::time::Duration;

use graph_client::models::User;
use graph_client::GraphClient;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client_for(server: &MockServer) -> GraphClient {
    let client = graph_runtime::Client::builder(server.uri())
        .static_token("test-token")
        .retry(graph_runtime::RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    GraphClient::new(client)
}

#[tokio::test]
async fn create_user_sends_the_documented_request_and_decodes_201() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "@odata.type": "#microsoft.graph.user",
            "id": "d36894ae-94ae-d368-ae94-68d3ae9468d3",
            "deviceEnrollmentLimit": 5
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server).await;
    let user = User {
        odata_type: Some("#microsoft.graph.user".into()),
        device_enrollment_limit: Some(5),
        ..Default::default()
    };
    let created = tokio::time::timeout(Duration::from_secs(10), client.users().create(&user))
        .await
        .expect("the call finishes")
        .expect("201 decodes");
    assert_eq!(
        created.id.as_deref(),
        Some("d36894ae-94ae-d368-ae94-68d3ae9468d3")
    );
    assert_eq!(created.device_enrollment_limit, Some(5));

    let received = server.received_requests().await.unwrap();
    let [request] = received.as_slice() else {
        panic!("one request expected, got {}", received.len())
    };
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/users");
    assert_eq!(
        request
            .headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap(),
        "Bearer test-token"
    );
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({"@odata.type": "#microsoft.graph.user", "deviceEnrollmentLimit": 5})
    );
}

#[tokio::test]
async fn an_error_response_decodes_into_the_graph_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"deviceEnrollmentLimit": 1000})))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "error": {
                "code": "Authorization_RequestDenied",
                "message": "Insufficient privileges to complete the operation.",
                "innerError": {
                    "request-id": "a1b2c3d4-0000-0000-0000-000000000000",
                    "date": "2021-07-16T10:00:00"
                }
            }
        })))
        .mount(&server)
        .await;

    let client = client_for(&server).await;
    let user = User {
        device_enrollment_limit: Some(1000),
        ..Default::default()
    };
    let error = tokio::time::timeout(Duration::from_secs(10), client.users().create(&user))
        .await
        .expect("the call finishes")
        .expect_err("403 is an error");
    assert_eq!(error.status(), Some(403));
    let graph = error.graph_error().expect("the envelope decodes");
    assert_eq!(graph.code, "Authorization_RequestDenied");
    let inner = graph.inner_error.as_ref().expect("inner error");
    assert_eq!(
        inner.request_id.as_deref(),
        Some("a1b2c3d4-0000-0000-0000-000000000000")
    );
}

#[tokio::test]
async fn list_follows_next_links_and_reads_derived_types() {
    use graph_client::models::{ComplianceState, ManagedDeviceKind};
    use graph_runtime::futures::StreamExt;
    use wiremock::matchers::query_param;

    let server = MockServer::start().await;
    let next = format!("{}/users/u1/managedDevices?$skiptoken=page2", server.uri());
    Mock::given(method("GET"))
        .and(path("/users/u1/managedDevices"))
        .and(query_param("$top", "1"))
        .and(header("ConsistencyLevel", "eventual"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "@odata.nextLink": next,
            "value": [{"@odata.type": "#microsoft.graph.managedDevice", "id": "d1", "complianceState": "compliant"}]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users/u1/managedDevices"))
        .and(query_param("$skiptoken", "page2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"@odata.type": "#microsoft.graph.windowsManagedDevice", "id": "d2", "complianceState": "retired", "windowsActiveMalwareCount": 3}]
        })))
        .mount(&server)
        .await;

    let client = client_for(&server).await;
    let list = client
        .users()
        .by_id("u1")
        .managed_devices()
        .list()
        .top(1)
        .consistency_level("eventual");
    let devices: Vec<_> =
        tokio::time::timeout(Duration::from_secs(10), list.stream().collect::<Vec<_>>())
            .await
            .expect("the stream ends");
    let devices: Vec<ManagedDeviceKind> = devices.into_iter().collect::<Result<_, _>>().unwrap();

    let [ManagedDeviceKind::ManagedDevice(first), ManagedDeviceKind::WindowsManagedDevice(second)] =
        devices.as_slice()
    else {
        panic!("two devices of the documented types expected: {devices:?}")
    };
    assert_eq!(first.compliance_state, Some(ComplianceState::Compliant));
    assert_eq!(
        second.compliance_state,
        Some(ComplianceState::Other("retired".into()))
    );
    assert_eq!(second.windows_active_malware_count, Some(3));
}

#[tokio::test]
async fn an_action_posts_its_parameters_and_accepts_204() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/users/adele%40contoso.com/managedDevices/d1/wipe"))
        .and(body_json(json!({"keepEnrollmentData": true})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server).await;
    let body = graph_client::operations::WipeActionBody {
        keep_enrollment_data: Some(true),
        ..Default::default()
    };
    let wipe = client
        .users()
        .by_id("adele@contoso.com")
        .managed_devices()
        .by_id("d1")
        .wipe(&body);
    tokio::time::timeout(Duration::from_secs(10), wipe)
        .await
        .expect("the call finishes")
        .expect("204 is success");
}
