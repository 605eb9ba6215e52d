//! Tokens never show in logs or in `Debug` output.

use std::io::Write;
use std::sync::{Arc, Mutex};

use graph_runtime::{AccessToken, Client, ClientCredentials, Method, Request, StaticToken};
use serde_json::json;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{base_url, client, quick_retry, within, TOKEN};

const SECRET: &str = "client-secret-91aa";
const ISSUED: &str = "issued-token-c0ffee";

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

fn assert_no_secret(text: &str) {
    for secret in [TOKEN, SECRET, ISSUED] {
        assert!(!text.contains(secret), "{secret} leaked into:\n{text}");
    }
}

#[tokio::test]
async fn trace_logs_hold_no_token() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    // The default test runtime runs on this thread, so the guard covers the
    // client's futures.
    let _guard = tracing::subscriber::set_default(subscriber);

    within(async {
        let server = MockServer::start().await;
        Mock::given(path("/t1/oauth2/v2.0/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"access_token": ISSUED, "expires_in": 3600, "token_type": "Bearer"}),
            ))
            .mount(&server)
            .await;
        Mock::given(path("/v1.0/throttled"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .mount(&server)
            .await;

        let static_client = client(&server);
        static_client
            .send_empty(Request::new(Method::GET, "/throttled"))
            .await
            .unwrap();
        let credentials = ClientCredentials::new("t1", "app", SECRET).authority(server.uri());
        let app_client = Client::builder(base_url(&server))
            .token_provider(credentials)
            .retry(quick_retry())
            .build()
            .unwrap();
        app_client
            .send_empty(Request::new(Method::GET, "/me"))
            .await
            .unwrap();
    })
    .await;

    let logs = captured.text();
    assert!(
        logs.contains("graph_request"),
        "the request span is logged:\n{logs}"
    );
    assert!(logs.contains("attempt=2"), "the retry is logged:\n{logs}");
    assert!(logs.contains("status=200"), "the status is logged:\n{logs}");
    assert_no_secret(&logs);
}

#[tokio::test]
async fn debug_output_holds_no_token() {
    within(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(403)
                    .set_body_json(json!({"error": {"code": "Forbidden", "message": "no"}})),
            )
            .mount(&server)
            .await;
        let client = client(&server);
        let request =
            Request::new(Method::GET, "/me").header("Authorization", format!("Bearer {TOKEN}"));

        let error = client.send_empty(request.clone()).await.unwrap_err();

        let builder = Client::builder(base_url(&server)).static_token(TOKEN);
        let debug = format!(
            "{client:?} {request:?} {error:?} {error} {builder:?} {:?} {:?} {:?}",
            AccessToken::new(TOKEN),
            StaticToken::new(TOKEN),
            ClientCredentials::new("t1", "app", SECRET),
        );
        assert!(debug.contains("***"));
        assert_no_secret(&debug);
    })
    .await;
}
