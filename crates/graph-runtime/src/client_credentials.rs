//! App-only tokens from the Microsoft identity platform (client credentials).

use std::fmt;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::{AccessToken, Error, TokenProvider};

/// The public cloud's identity platform.
const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";

/// All application permissions granted to the app on Microsoft Graph.
const DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

/// How long before expiry a token is replaced, so that a request never
/// leaves with a token that expires on the way.
const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// How long a token request may take.
const TOKEN_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Gets app-only tokens with a client id and secret (the OAuth 2.0 client
/// credentials grant), caches them, and refreshes them before they expire.
///
/// Concurrent requests that find the cache stale wait for a single token
/// request rather than each sending their own. A failed token request is not
/// cached: the next caller tries again.
pub struct ClientCredentials {
    tenant: String,
    client_id: String,
    client_secret: String,
    scope: String,
    authority: String,
    refresh_margin: Duration,
    http: Result<reqwest::Client, String>,
    cache: Mutex<Option<Cached>>,
}

/// A token and when to stop handing it out.
struct Cached {
    token: AccessToken,
    refresh_at: Instant,
}

impl ClientCredentials {
    /// Credentials for the app `client_id` in `tenant` (an id or a domain).
    pub fn new(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> ClientCredentials {
        // The token endpoint never redirects; refusing to follow keeps the
        // secret from being posted anywhere else.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TOKEN_REQUEST_TIMEOUT)
            .build()
            .map_err(|e| e.to_string());
        ClientCredentials {
            tenant: tenant.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scope: DEFAULT_SCOPE.to_owned(),
            authority: DEFAULT_AUTHORITY.to_owned(),
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            http,
            cache: Mutex::new(None),
        }
    }

    /// The identity platform's base URL, for national clouds or a test
    /// server. Defaults to `https://login.microsoftonline.com`.
    pub fn authority(mut self, authority: impl Into<String>) -> ClientCredentials {
        self.authority = authority.into();
        self
    }

    /// The scope asked for. Defaults to `https://graph.microsoft.com/.default`.
    pub fn scope(mut self, scope: impl Into<String>) -> ClientCredentials {
        self.scope = scope.into();
        self
    }

    /// How long before expiry a token is replaced. Defaults to five minutes;
    /// a token is always used for at least half its lifetime.
    pub fn refresh_margin(mut self, margin: Duration) -> ClientCredentials {
        self.refresh_margin = margin;
        self
    }

    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    pub fn token_url(&self) -> String {
        format!(
            "{}/{}/oauth2/v2.0/token",
            self.authority.trim_end_matches('/'),
            self.tenant
        )
    }

    /// The cached token, or a new one if it is due for refresh.
    async fn cached_or_fetch(&self) -> Result<AccessToken, Error> {
        // Holding the lock across the token request is what makes it a
        // single flight: everyone else waits here and then finds it cached.
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_ref() {
            if Instant::now() < cached.refresh_at {
                return Ok(cached.token.clone());
            }
        }
        let fresh = self.fetch().await?;
        let token = fresh.token.clone();
        *cache = Some(fresh);
        Ok(token)
    }

    /// Asks the token endpoint for a new token.
    async fn fetch(&self) -> Result<Cached, Error> {
        let http = self.http.as_ref().map_err(|e| Error::Config(e.clone()))?;
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("client_id", &self.client_id)
            .append_pair("client_secret", &self.client_secret)
            .append_pair("scope", &self.scope)
            .append_pair("grant_type", "client_credentials")
            .finish();

        tracing::debug!(token_url = %self.token_url(), "requesting an access token");
        let requested_at = Instant::now();
        let response = http
            .post(self.token_url())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(form)
            .send()
            .await
            .map_err(|e| Error::Auth {
                status: None,
                message: format!("token request failed: {e}"),
            })?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(|e| Error::Auth {
            status: Some(status),
            message: format!("token response was cut off: {e}"),
        })?;

        if !(200..300).contains(&status) {
            return Err(Error::Auth {
                status: Some(status),
                message: describe_failure(&body),
            });
        }
        // The body holds the token, so a decode failure must not quote it.
        let granted: Granted = serde_json::from_slice(&body).map_err(|e| Error::Auth {
            status: Some(status),
            message: format!("token response is not the expected JSON: {e}"),
        })?;

        let lifetime = granted.lifetime();
        let refresh_after = lifetime
            .saturating_sub(self.refresh_margin)
            .max(lifetime / 2);
        Ok(Cached {
            token: AccessToken::new(granted.access_token).with_expiry(requested_at + lifetime),
            refresh_at: requested_at + refresh_after,
        })
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        Box::pin(self.cached_or_fetch())
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url())
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("scope", &self.scope)
            .field("refresh_margin", &self.refresh_margin)
            .finish_non_exhaustive()
    }
}

/// A successful token response.
#[derive(Deserialize)]
struct Granted {
    access_token: String,
    /// Seconds; some endpoints send it as a string.
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

impl Granted {
    /// How long the token is valid; an hour, the platform's usual lifetime,
    /// when the endpoint does not say.
    fn lifetime(&self) -> Duration {
        let seconds = match &self.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_u64(),
            Some(serde_json::Value::String(s)) => s.parse().ok(),
            _ => None,
        };
        Duration::from_secs(seconds.unwrap_or(3600))
    }
}

/// The identity platform's error response.
#[derive(Deserialize)]
struct Refused {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// The error code and description of a refused token request, or the start
/// of the body when it is not the platform's error JSON.
fn describe_failure(body: &[u8]) -> String {
    match serde_json::from_slice::<Refused>(body) {
        Ok(refused) => match refused.error_description {
            Some(description) => format!("{}: {}", refused.error, description),
            None => refused.error,
        },
        Err(_) => format!("token endpoint answered {:?}", crate::error::snippet(body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_url_joins_authority_and_tenant() {
        let credentials = ClientCredentials::new("contoso.onmicrosoft.com", "id", "secret")
            .authority("https://login.example/");
        assert_eq!(
            credentials.token_url(),
            "https://login.example/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
    }

    #[test]
    fn expires_in_may_be_a_string() {
        let granted: Granted =
            serde_json::from_str(r#"{"access_token":"t","expires_in":"60"}"#).unwrap();
        assert_eq!(granted.lifetime(), Duration::from_secs(60));
    }

    #[test]
    fn debug_hides_the_secret() {
        let credentials = ClientCredentials::new("t", "id", "very-secret");
        assert!(!format!("{credentials:?}").contains("very-secret"));
    }

    #[test]
    fn failure_shows_code_and_description() {
        let body = br#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret."}"#;
        assert_eq!(
            describe_failure(body),
            "invalid_client: AADSTS7000215: Invalid client secret."
        );
    }
}
