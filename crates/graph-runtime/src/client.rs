//! The client that every generated call goes through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use url::Url;

use crate::{ClientBuilder, Error, RawResponse, Request, RetryPolicy, TokenProvider};

/// A Microsoft Graph client: a base URL, a token provider, and the HTTP
/// behaviour (timeouts, retries, redirects, tracing) shared by every call.
///
/// Cloning is cheap and clones share one connection pool and token cache.
/// `Debug` output never contains a token.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// What clones of a [`Client`] share.
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    pub(crate) auth: Arc<dyn TokenProvider>,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_redirects: usize,
    pub(crate) timeout: Duration,
    pub(crate) user_agent: String,
}

impl Client {
    /// Starts configuring a client for `base_url`, such as
    /// `https://graph.microsoft.com/v1.0`.
    pub fn builder(base_url: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder::new(base_url.as_ref())
    }

    /// A client with default settings and the given token provider.
    pub fn new(
        base_url: impl AsRef<str>,
        auth: impl TokenProvider + 'static,
    ) -> Result<Client, Error> {
        Client::builder(base_url).token_provider(auth).build()
    }

    /// The URL that request paths are relative to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// Sends `request` and decodes the JSON response body as `T`.
    pub async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        let response = self.execute(&request).await?;
        response.json()
    }

    /// Sends `request`, expects a success status, and ignores any body
    /// (`204 No Content` and the like).
    pub async fn send_empty(&self, request: Request) -> Result<(), Error> {
        self.execute(&request).await.map(drop)
    }

    /// Sends `request` and returns status, headers and body bytes as they
    /// came, for bodies that are not JSON (file content, reports, photos).
    ///
    /// A failure status is still an [`Error::Status`].
    pub async fn send_raw(&self, request: Request) -> Result<RawResponse, Error> {
        self.execute(&request).await
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token provider is left out: it may hold secrets, and the trait
        // does not require `Debug`.
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("retry", &self.inner.retry)
            .field("max_redirects", &self.inner.max_redirects)
            .field("timeout", &self.inner.timeout)
            .field("user_agent", &self.inner.user_agent)
            .finish_non_exhaustive()
    }
}
