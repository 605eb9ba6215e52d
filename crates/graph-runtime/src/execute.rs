//! Sending one request: attempts, retries, redirects, and the tracing span.

use std::time::{Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER,
};
use reqwest::Method;
use tracing::field::Empty;
use tracing::Instrument;
use url::Url;

use crate::error::is_retryable_status;
use crate::retry::{is_idempotent, parse_retry_after};
use crate::{redirect, Client, Error, RawResponse, Request};

/// The header Graph echoes back so a client can match its logs to Graph's.
const CLIENT_REQUEST_ID: &str = "client-request-id";

impl Client {
    /// Sends `request`, retrying as the policy allows, and returns the
    /// response of a success status read whole. Any other status becomes
    /// [`Error::Status`].
    pub(crate) async fn execute(&self, request: &Request) -> Result<RawResponse, Error> {
        let url = request.url(&self.inner.base_url)?;
        let mut headers = header_map(request)?;

        // One id for all attempts, so that Graph's logs show them as retries
        // of the same call.
        if !headers.contains_key(CLIENT_REQUEST_ID) {
            let id = uuid::Uuid::new_v4().to_string();
            headers.insert(
                CLIENT_REQUEST_ID,
                HeaderValue::from_str(&id).expect("a uuid is a valid header value"),
            );
        }
        let client_request_id = headers
            .get(CLIENT_REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();

        let span = tracing::debug_span!(
            "graph_request",
            method = %request.method(),
            path = url.path(),
            client_request_id,
            attempt = Empty,
            status = Empty,
            duration_ms = Empty,
        );
        self.retrying(request.method(), &url, &headers, request.body_bytes())
            .instrument(span)
            .await
    }

    /// The retry loop around [`Client::attempt`].
    async fn retrying(
        &self,
        method: &Method,
        url: &Url,
        headers: &HeaderMap,
        body: Option<&Bytes>,
    ) -> Result<RawResponse, Error> {
        let policy = &self.inner.retry;
        let span = tracing::Span::current();
        let started = Instant::now();
        let mut attempt = 0;

        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let outcome = self.attempt(method, url, headers, body).await;
            span.record("duration_ms", started.elapsed().as_millis() as u64);

            // Decide whether this outcome is final, and how long the server
            // asked to wait if not.
            let (error, server_wait) = match outcome {
                Ok(response) => {
                    span.record("status", response.status);
                    if (200..300).contains(&response.status) {
                        tracing::debug!(
                            status = response.status,
                            attempt,
                            "graph request succeeded"
                        );
                        return Ok(response);
                    }
                    let retry_after = response
                        .headers
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    let error = Error::from_status(response.status, &response.body, retry_after);
                    if !is_retryable_status(response.status) {
                        tracing::debug!(status = response.status, attempt, "graph request failed");
                        return Err(error);
                    }
                    (error, retry_after)
                }
                // The server may have acted on a request whose response was
                // lost, so only methods that are safe to repeat are resent.
                Err(error) if error.is_retryable() && is_idempotent(method) => (error, None),
                Err(error) => {
                    tracing::debug!(%error, attempt, "graph request failed");
                    return Err(error);
                }
            };

            if attempt >= policy.attempts() {
                tracing::debug!(%error, attempt, "graph request failed, no attempts left");
                return Err(error);
            }
            let delay = server_wait.unwrap_or_else(|| policy.backoff(attempt));
            if !policy.fits(started.elapsed(), delay) {
                tracing::debug!(%error, attempt, ?delay, "graph request failed, no time left to retry");
                return Err(error);
            }
            tracing::debug!(%error, attempt, ?delay, "retrying graph request");
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt: fetch a token, send, follow redirects, read the body.
    async fn attempt(
        &self,
        method: &Method,
        url: &Url,
        headers: &HeaderMap,
        body: Option<&Bytes>,
    ) -> Result<RawResponse, Error> {
        let token = self.inner.auth.token().await?;
        let mut bearer =
            HeaderValue::from_str(&format!("Bearer {}", token.secret())).map_err(|_| {
                Error::Auth {
                    status: None,
                    message: "the access token is not a valid header value".to_owned(),
                }
            })?;
        bearer.set_sensitive(true);

        let mut method = method.clone();
        let mut url = url.clone();
        let mut headers = headers.clone();
        let mut body = body.cloned();
        let mut hops = 0;

        loop {
            // The token goes only to the base URL's origin, so that neither a
            // redirect nor an absolute link can carry it to another host.
            let mut hop_headers = headers.clone();
            if !redirect::same_origin(&url, &self.inner.base_url) {
                hop_headers.remove(AUTHORIZATION);
            } else if !hop_headers.contains_key(AUTHORIZATION) {
                hop_headers.insert(AUTHORIZATION, bearer.clone());
            }

            let mut builder = self
                .inner
                .http
                .request(method.clone(), url.clone())
                .headers(hop_headers);
            if let Some(body) = &body {
                builder = builder.body(body.clone());
            }
            let response = builder.send().await.map_err(Error::from_send)?;
            let status = response.status();

            if let Some(next) = redirect::target(status, response.headers(), &url) {
                let next = next?;
                hops += 1;
                if hops > self.inner.max_redirects {
                    return Err(Error::TooManyRedirects {
                        hops: hops - 1,
                        location: next.to_string(),
                    });
                }
                tracing::debug!(status = status.as_u16(), hop = hops, "following redirect");
                if !redirect::keeps_method(status, &method) {
                    method = Method::GET;
                    body = None;
                    headers.remove(CONTENT_TYPE);
                    headers.remove(CONTENT_LENGTH);
                }
                url = next;
                continue;
            }

            let response_headers = response.headers().clone();
            let bytes = response
                .bytes()
                .await
                .map_err(|e| Error::from_body(status.as_u16(), e))?;
            return Ok(RawResponse {
                status: status.as_u16(),
                headers: response_headers,
                body: bytes,
            });
        }
    }
}

/// The request's headers as an HTTP header map, checking names and values.
fn header_map(request: &Request) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in request.headers() {
        let invalid = || Error::InvalidHeader { name: name.clone() };
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let mut header_value = HeaderValue::from_str(value).map_err(|_| invalid())?;
        if crate::request::is_sensitive_header(name) {
            header_value.set_sensitive(true);
        }
        map.append(header_name, header_value);
    }
    Ok(map)
}
