//! When and how long to wait before sending a request again.

use std::time::{Duration, SystemTime};

use reqwest::Method;

/// How the client retries throttled, unavailable and failed requests.
///
/// A request is retried when the server answers 429, 503 or 504 (for any
/// method: the server did not act on it, or says to try again), and when the
/// connection fails or times out (only for idempotent methods, which are safe
/// to repeat). The wait is the server's `Retry-After` when it sends one,
/// otherwise an exponential backoff with jitter. Retrying stops after
/// `max_attempts` attempts or when the next wait would pass `max_elapsed`
/// since the first attempt, whichever comes first.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// Four attempts, backoff from 1 s up to 30 s, within two minutes.
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// A policy that sends each request once.
    pub fn none() -> RetryPolicy {
        RetryPolicy::default().max_attempts(1)
    }

    /// How many times a request is sent at most, counting the first; at least 1.
    pub fn max_attempts(mut self, attempts: u32) -> RetryPolicy {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the second attempt; it doubles for each later one.
    pub fn initial_backoff(mut self, delay: Duration) -> RetryPolicy {
        self.initial_backoff = delay;
        self
    }

    /// The longest backoff between two attempts. `Retry-After` is not capped
    /// by it, only by `max_elapsed`.
    pub fn max_backoff(mut self, delay: Duration) -> RetryPolicy {
        self.max_backoff = delay;
        self
    }

    /// The longest time from the first attempt to the start of the last.
    pub fn max_elapsed(mut self, total: Duration) -> RetryPolicy {
        self.max_elapsed = total;
        self
    }

    /// The most attempts for one request.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before attempt `attempt + 1`, after `attempt` attempts failed.
    ///
    /// Uses "equal jitter": half the exponential delay is fixed, the other
    /// half random, so that clients throttled together spread out without
    /// any of them retrying immediately.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(31);
        let delay = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let half = delay / 2;
        half + half.mul_f64(fastrand::f64())
    }

    /// Whether a wait of `delay` still fits, `elapsed` after the first attempt.
    pub(crate) fn fits(&self, elapsed: Duration, delay: Duration) -> bool {
        elapsed.saturating_add(delay) <= self.max_elapsed
    }
}

/// Whether repeating the method has the same effect as sending it once, so
/// that a request whose outcome is unknown may be sent again.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ]
    .contains(method)
}

/// Reads a `Retry-After` value: a number of seconds, or an HTTP-date turned
/// into the time left until it from `now` (zero if it has passed).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
    }

    #[test]
    fn retry_after_http_date() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
    }

    #[test]
    fn retry_after_in_the_past_is_zero() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn retry_after_garbage_is_ignored() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        for _ in 0..20 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = policy.backoff(3);
            assert!(third >= Duration::from_millis(175) && third <= Duration::from_millis(350));
            assert!(policy.backoff(40) <= Duration::from_millis(350));
        }
    }

    #[test]
    fn only_idempotent_methods_are_safe_to_repeat() {
        assert!(is_idempotent(&Method::GET));
        assert!(is_idempotent(&Method::PUT));
        assert!(!is_idempotent(&Method::POST));
        assert!(!is_idempotent(&Method::PATCH));
    }
}
