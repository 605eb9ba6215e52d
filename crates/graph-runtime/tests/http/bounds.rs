//! The client and what it returns can move between threads, as generated
//! code and its callers expect.

use std::sync::Arc;

use graph_runtime::{BatchRequest, Client, ClientCredentials, Method, Page, Request, StaticToken};
use serde_json::Value;

fn assert_send<T: Send>(_: &T) {}

fn assert_shareable<T: Send + Sync + Clone + 'static>() {}

#[test]
fn client_futures_and_streams_are_send() {
    assert_shareable::<Client>();
    let client = Client::new("https://graph.microsoft.com/v1.0", StaticToken::new("t")).unwrap();
    let request = || Request::new(Method::GET, "/me");
    let page: Page<Value> = Page {
        value: Vec::new(),
        next_link: None,
        delta_link: None,
        count: None,
    };

    assert_send(&client.send::<Value>(request()));
    assert_send(&client.send_empty(request()));
    assert_send(&client.send_raw(request()));
    assert_send(&client.page::<Value>(request()));
    assert_send(&client.next_page(&page));
    assert_send(&client.pages::<Value>(request()));
    assert_send(&client.stream::<Value>(request()));
    assert_send(&client.batch(vec![BatchRequest::new("1", Method::GET, "/me")]));
}

#[test]
fn one_token_provider_can_serve_several_clients() {
    let shared = Arc::new(ClientCredentials::new("t", "app", "secret"));
    let first = Client::new("https://graph.microsoft.com/v1.0", shared.clone());
    let second = Client::new("https://graph.microsoft.com/beta", shared);
    assert!(first.is_ok() && second.is_ok());
}

#[test]
fn building_without_a_token_provider_is_a_config_error() {
    let error = Client::builder("https://graph.microsoft.com/v1.0")
        .build()
        .unwrap_err();
    assert!(
        matches!(error, graph_runtime::Error::Config(_)),
        "{error:?}"
    );
    let error = Client::new("not a url", StaticToken::new("t")).unwrap_err();
    assert!(
        matches!(error, graph_runtime::Error::InvalidUrl { .. }),
        "{error:?}"
    );
}
