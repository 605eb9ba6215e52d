//! Configuring a [`Client`] before it is built.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::client::Inner;
use crate::{Client, Error, RetryPolicy, StaticToken, TokenProvider};

/// How long a request may take, body included, unless configured otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How many redirects one attempt follows before giving up.
const DEFAULT_MAX_REDIRECTS: usize = 10;

/// Settings for a [`Client`]; start with [`Client::builder`].
pub struct ClientBuilder {
    base_url: String,
    auth: Option<Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
    max_redirects: usize,
    timeout: Duration,
    user_agent: String,
}

impl ClientBuilder {
    pub(crate) fn new(base_url: &str) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.to_owned(),
            auth: None,
            retry: RetryPolicy::default(),
            max_redirects: DEFAULT_MAX_REDIRECTS,
            timeout: DEFAULT_TIMEOUT,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// Where access tokens come from.
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> ClientBuilder {
        self.auth = Some(Arc::new(provider));
        self
    }

    /// Uses one fixed bearer token for every request.
    pub fn static_token(self, token: impl Into<String>) -> ClientBuilder {
        self.token_provider(StaticToken::new(token))
    }

    /// The longest one attempt may take, from connecting to the last byte of
    /// the body. Defaults to 60 seconds.
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header sent with every request.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> ClientBuilder {
        self.user_agent = user_agent.into();
        self
    }

    /// How failed requests are retried; see [`RetryPolicy`].
    pub fn retry(mut self, policy: RetryPolicy) -> ClientBuilder {
        self.retry = policy;
        self
    }

    /// How many redirects one attempt follows. Defaults to 10.
    pub fn max_redirects(mut self, hops: usize) -> ClientBuilder {
        self.max_redirects = hops;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = Url::parse(&self.base_url).map_err(|e| Error::InvalidUrl {
            url: self.base_url.clone(),
            reason: e.to_string(),
        })?;
        if !matches!(base_url.scheme(), "http" | "https") {
            return Err(Error::InvalidUrl {
                url: self.base_url,
                reason: "the base URL must be http or https".to_owned(),
            });
        }
        let auth = self.auth.ok_or_else(|| {
            Error::Config("no token provider: call token_provider or static_token".to_owned())
        })?;

        // Redirects are followed by the client itself, so that it can decide
        // per hop whether the token may go along.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout)
            .user_agent(&self.user_agent)
            .gzip(true)
            .build()
            .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))?;

        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                retry: self.retry,
                max_redirects: self.max_redirects,
                timeout: self.timeout,
                user_agent: self.user_agent,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("has_token_provider", &self.auth.is_some())
            .field("retry", &self.retry)
            .field("max_redirects", &self.max_redirects)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}
