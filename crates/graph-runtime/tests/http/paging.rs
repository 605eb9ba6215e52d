//! Collections are followed page by page to the end, and failures surface.

use futures::{StreamExt, TryStreamExt};
use graph_runtime::{Error, Method, Page, Request};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{base_url, client, within};

/// Mounts page `number` of the users collection, linking to the next page or,
/// on the last, carrying a delta link.
async fn mount_page(server: &MockServer, number: u32, ids: &[&str], last: bool) {
    let link = if last {
        "@odata.deltaLink"
    } else {
        "@odata.nextLink"
    };
    let target = if last {
        format!("{}/users/delta?$deltatoken=D", base_url(server))
    } else {
        format!("{}/users?$skiptoken={}", base_url(server), number + 1)
    };
    let value: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    let mock = Mock::given(method("GET")).and(path("/v1.0/users"));
    let mock = if number == 1 {
        mock.and(query_param_is_missing("$skiptoken"))
    } else {
        mock.and(query_param("$skiptoken", number.to_string()))
    };
    mock.respond_with(
        ResponseTemplate::new(200).set_body_json(json!({"value": value, link: target})),
    )
    .expect(1)
    .mount(server)
    .await;
}

#[tokio::test]
async fn stream_follows_three_pages_to_the_end() {
    within(async {
        let server = MockServer::start().await;
        mount_page(&server, 1, &["a", "b"], false).await;
        mount_page(&server, 2, &["c"], false).await;
        mount_page(&server, 3, &["d", "e"], true).await;

        let items: Vec<Value> = client(&server)
            .stream(Request::new(Method::GET, "/users"))
            .try_collect()
            .await
            .unwrap();

        let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    })
    .await;
}

#[tokio::test]
async fn failure_on_page_two_ends_the_stream_with_that_error() {
    within(async {
        let server = MockServer::start().await;
        mount_page(&server, 1, &["a", "b"], false).await;
        Mock::given(query_param("$skiptoken", "2"))
            .respond_with(
                ResponseTemplate::new(500).set_body_json(
                    json!({"error": {"code": "generalException", "message": "boom"}}),
                ),
            )
            .mount(&server)
            .await;

        let results: Vec<Result<Value, Error>> = client(&server)
            .stream(Request::new(Method::GET, "/users"))
            .collect()
            .await;

        assert_eq!(results.len(), 3, "two items, then the error, then the end");
        assert!(results[0].is_ok() && results[1].is_ok());
        let error = results[2].as_ref().unwrap_err();
        assert_eq!(error.status(), Some(500));
        assert_eq!(error.graph_error().unwrap().code, "generalException");
    })
    .await;
}

#[tokio::test]
async fn last_page_of_pages_carries_the_delta_link() {
    within(async {
        let server = MockServer::start().await;
        mount_page(&server, 1, &["a"], false).await;
        mount_page(&server, 2, &["b"], true).await;

        let pages: Vec<Page<Value>> = client(&server)
            .pages(Request::new(Method::GET, "/users"))
            .try_collect()
            .await
            .unwrap();

        assert_eq!(pages.len(), 2);
        assert!(pages[0].delta_link.is_none());
        let delta = pages[1].delta_link.as_deref().unwrap();
        assert!(
            delta.ends_with("/v1.0/users/delta?$deltatoken=D"),
            "{delta}"
        );
    })
    .await;
}

#[tokio::test]
async fn next_page_walks_one_page_at_a_time() {
    within(async {
        let server = MockServer::start().await;
        mount_page(&server, 1, &["a"], false).await;
        mount_page(&server, 2, &["b"], true).await;
        let client = client(&server);

        let first: Page<Value> = client
            .page(Request::new(Method::GET, "/users"))
            .await
            .unwrap();
        let second = client
            .next_page(&first)
            .await
            .unwrap()
            .expect("a second page");
        let third = client.next_page(&second).await.unwrap();

        assert_eq!(first.value[0]["id"], "a");
        assert_eq!(second.value[0]["id"], "b");
        assert!(third.is_none());
    })
    .await;
}
