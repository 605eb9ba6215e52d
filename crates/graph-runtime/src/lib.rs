//! Runtime for generated Microsoft Graph clients: HTTP, auth, errors, paging,
//! retries, batching.
//!
//! Generated code builds a [`Request`] (method, percent-encoded path, query,
//! headers, body) and hands it to a [`Client`], which adds the access token
//! from its [`TokenProvider`], sends it with retries ([`RetryPolicy`]) and
//! redirects, and decodes the answer or returns an [`Error`].
//!
//! ```no_run
//! # async fn example() -> Result<(), graph_runtime::Error> {
//! use graph_runtime::{Client, Method, Request, StaticToken};
//!
//! let client = Client::new("https://graph.microsoft.com/v1.0", StaticToken::new("token"))?;
//! let me: serde_json::Value = client.send(Request::new(Method::GET, "/me")).await?;
//! # Ok(())
//! # }
//! ```

mod batch;
mod builder;
mod client;
mod client_credentials;
mod encode;
mod error;
mod execute;
mod page;
mod redirect;
mod request;
mod response;
mod retry;
mod token;

pub use batch::{BatchRequest, BatchResponse, MAX_BATCH_SIZE};
pub use builder::ClientBuilder;
pub use client::Client;
pub use client_credentials::ClientCredentials;
pub use encode::{encode_path_segment, odata_string_literal};
pub use error::{Error, GraphError, InnerError};
pub use futures::future::BoxFuture;
pub use page::Page;
pub use request::Request;
pub use reqwest::Method;
pub use response::RawResponse;
pub use retry::{parse_retry_after, RetryPolicy};
pub use token::{AccessToken, StaticToken, TokenProvider};
