//! Runtime for generated Microsoft Graph clients: HTTP, auth, errors, paging,
//! retries, batching.
//!
//! Generated code builds a [`Request`] (method, percent-encoded path, query,
//! headers, body) and hands it to a [`Client`], which adds the access token
//! from its [`TokenProvider`], sends it with retries ([`RetryPolicy`]) and
//! redirects, and decodes the answer or returns an [`Error`].
//!
//! Where things live:
//!
//! - `client`, `builder`: the [`Client`] and its settings.
//! - `request`, `encode`: building a [`Request`]; percent-encoding of path
//!   segments, OData literals and query options.
//! - `execute`: one call end to end: token, attempts, retries, redirects,
//!   and the `graph_request` tracing span.
//! - `retry`, `redirect`: the decisions `execute` makes between attempts
//!   and between hops.
//! - `response`, `error`: what comes back: [`RawResponse`], [`Error`] and
//!   Graph's error envelope.
//! - `token`, `client_credentials`: where the bearer token comes from.
//! - `page`, `batch`: collections across `@odata.nextLink`, and `$batch`.
//!
//! Two rules hold everywhere: the token is sent only to the base URL's
//! origin, and no token or `Authorization` value appears in `Debug` output
//! or in logs.
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

#![warn(missing_docs)]

mod batch;
mod builder;
mod call;
mod client;
mod client_credentials;
mod encode;
mod error;
mod execute;
pub mod model;
pub mod object;
mod page;
pub mod permissions;
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
pub use futures;
pub use futures::future::BoxFuture;
pub use page::Page;
pub use request::Request;
pub use reqwest::Method;
pub use response::RawResponse;
pub use retry::{parse_retry_after, RetryPolicy};
pub use token::{AccessToken, StaticToken, TokenProvider};
