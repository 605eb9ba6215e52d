//! Access tokens and the trait the client asks for them.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use futures::future::BoxFuture;

use crate::Error;

/// A bearer token for the `Authorization` header.
///
/// Its `Debug` output shows `***` in place of the secret, so a token can sit
/// inside structs that are logged.
#[derive(Clone)]
pub struct AccessToken {
    secret: String,
    expires_at: Option<Instant>,
}

impl AccessToken {
    /// A token that the client treats as valid until the server says otherwise.
    pub fn new(secret: impl Into<String>) -> AccessToken {
        AccessToken {
            secret: secret.into(),
            expires_at: None,
        }
    }

    /// Sets when the token stops being valid.
    pub fn with_expiry(mut self, expires_at: Instant) -> AccessToken {
        self.expires_at = Some(expires_at);
        self
    }

    /// The token itself. Put it only into an `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// When the token stops being valid, if known.
    pub fn expires_at(&self) -> Option<Instant> {
        self.expires_at
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"***")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Supplies the access token for each request.
///
/// The client calls [`TokenProvider::token`] before every attempt, so a
/// provider that caches can hand out the same token cheaply and refresh it
/// when it nears expiry. The method returns a boxed future so that the trait
/// stays object-safe without a macro.
pub trait TokenProvider: Send + Sync {
    /// A token valid for at least the next request.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;
}

/// A shared provider, so that several clients can use one token cache.
impl<P: TokenProvider + ?Sized> TokenProvider for Arc<P> {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        (**self).token()
    }
}

/// A token fixed when the client is built, for tests, scripts and tokens
/// obtained elsewhere.
#[derive(Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// Wraps a bearer token.
    pub fn new(secret: impl Into<String>) -> StaticToken {
        StaticToken(AccessToken::new(secret))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(***)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret() {
        let token = AccessToken::new("s3cr3t");
        assert!(!format!("{token:?}").contains("s3cr3t"));
        assert!(format!("{token:?}").contains("***"));
        assert!(!format!("{:?}", StaticToken::new("s3cr3t")).contains("s3cr3t"));
    }
}
