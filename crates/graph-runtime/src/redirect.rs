//! Following redirects without leaking the token to another host.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Method, StatusCode};
use url::Url;

use crate::Error;

/// Where a response redirects to, or `None` when it is not a redirect the
/// client follows (no `Location`, or `304 Not Modified`).
pub(crate) fn target(
    status: StatusCode,
    headers: &HeaderMap,
    current: &Url,
) -> Option<Result<Url, Error>> {
    if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = headers.get(LOCATION)?;
    let location = match location.to_str() {
        Ok(text) => text,
        Err(_) => {
            return Some(Err(Error::InvalidUrl {
                url: String::from_utf8_lossy(location.as_bytes()).into_owned(),
                reason: "Location header is not text".to_owned(),
            }))
        }
    };
    Some(current.join(location).map_err(|e| Error::InvalidUrl {
        url: location.to_owned(),
        reason: e.to_string(),
    }))
}

/// Whether the next hop keeps the method and body (307, 308, and 301/302
/// for anything but POST) or turns into a bodiless GET, as browsers and curl
/// do for 303 and for a POST answered with 301 or 302.
pub(crate) fn keeps_method(status: StatusCode, method: &Method) -> bool {
    match status.as_u16() {
        303 => *method == Method::HEAD,
        301 | 302 => *method != Method::POST,
        _ => true,
    }
}

/// Whether two URLs share scheme, host and port: the token is sent only to
/// the origin of the client's base URL.
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn relative_location_resolves_against_current_url() {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, "/v1.0/b".parse().unwrap());
        let next = target(
            StatusCode::FOUND,
            &headers,
            &url("https://g.example/v1.0/a"),
        );
        assert_eq!(next.unwrap().unwrap().as_str(), "https://g.example/v1.0/b");
    }

    #[test]
    fn not_modified_is_not_followed() {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, "/b".parse().unwrap());
        assert!(target(
            StatusCode::NOT_MODIFIED,
            &headers,
            &url("https://g.example/a")
        )
        .is_none());
    }

    #[test]
    fn origin_includes_port_and_scheme() {
        assert!(same_origin(
            &url("https://a.example/x"),
            &url("https://a.example:443/y")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("https://a.example:8443/")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("http://a.example/")
        ));
        assert!(!same_origin(
            &url("https://a.example/"),
            &url("https://b.example/")
        ));
    }

    #[test]
    fn see_other_turns_into_get() {
        assert!(!keeps_method(StatusCode::SEE_OTHER, &Method::PUT));
        assert!(!keeps_method(StatusCode::FOUND, &Method::POST));
        assert!(keeps_method(StatusCode::TEMPORARY_REDIRECT, &Method::POST));
    }
}
