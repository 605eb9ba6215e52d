//! Servers, clients and time limits shared by the tests.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use graph_runtime::{Client, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::MockServer;

/// The bearer token the test clients send; tests look for it in output.
pub const TOKEN: &str = "tok-3f9a1c77-not-for-logs";

/// The longest any one test may run.
const TEST_LIMIT: Duration = Duration::from_secs(20);

/// Runs `future`, failing the test if it takes longer than [`TEST_LIMIT`].
pub async fn within<F: Future>(future: F) -> F::Output {
    tokio::time::timeout(TEST_LIMIT, future)
        .await
        .expect("the test did not finish in time")
}

/// The version root on a mock server, as a base URL.
pub fn base_url(server: &MockServer) -> String {
    format!("{}/v1.0", server.uri())
}

/// Retries with waits short enough for tests.
pub fn quick_retry() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .max_elapsed(Duration::from_secs(10))
}

/// A client for `server` with the test token and quick retries.
pub fn client(server: &MockServer) -> Client {
    Client::builder(base_url(server))
        .static_token(TOKEN)
        .retry(quick_retry())
        .build()
        .expect("client")
}

/// A TCP server that answers every connection with the same bytes and then
/// closes it, for faults a mock server cannot produce.
pub struct RawServer {
    /// `http://127.0.0.1:PORT`.
    pub uri: String,
    connections: Arc<AtomicUsize>,
}

impl RawServer {
    /// Starts answering with `response`, written verbatim after the request
    /// head has been read.
    pub async fn start(response: &'static [u8]) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let uri = format!("http://{}", listener.local_addr().expect("address"));
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    read_head(&mut socket).await;
                    let _ = socket.write_all(response).await;
                    let _ = socket.shutdown().await;
                });
            }
        });
        RawServer { uri, connections }
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Reads until the blank line that ends a request head; request bodies in
/// these tests are small enough to arrive with it.
async fn read_head(socket: &mut tokio::net::TcpStream) {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 1024];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
        }
    }
}
