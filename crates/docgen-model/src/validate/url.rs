//! Whether an example's URL is one of the paths its operation documents.

use docgen_page::PathTemplate;

use super::{Check, UNDOCUMENTED_URL};
use crate::ir::Operation;
use crate::lower::paths::fits;

/// How many documented paths a finding lists.
const LISTED: usize = 2;

/// A finding when `url` fits none of the paths `op`'s page lists under
/// `HTTP request`. URLs on another host than the service's (notifications
/// the service sends to an app) are not calls of the operation and are
/// not checked.
pub fn check_url(op: &Operation, url: &str) -> Option<Check> {
    if other_host(url) {
        return None;
    }
    let written = PathTemplate::parse(url);
    let documented: Vec<PathTemplate> = std::iter::once(op.template.clone())
        .chain(op.alternative_paths.iter().map(|p| PathTemplate::parse(p)))
        .collect();
    if documented.iter().any(|t| fits(&written, t)) {
        return None;
    }
    let listed: Vec<String> = documented
        .iter()
        .take(LISTED)
        .map(|t| format!("`{}`", t.raw))
        .collect();
    let more = documented.len().saturating_sub(LISTED);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(Check::new(
        UNDOCUMENTED_URL,
        "",
        format!(
            "the URL's path `{}` is none of the documented paths: {}{more}",
            written.raw,
            listed.join(", ")
        ),
    ))
}

/// Whether a full URL names a host other than the service's: every
/// national cloud's service host has `graph` in its name.
fn other_host(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or(rest);
    !host.to_ascii_lowercase().contains("graph")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_on_other_hosts_are_not_calls() {
        assert!(other_host("https://bot.contoso.com/api/calls"));
        assert!(!other_host("https://graph.microsoft.com/v1.0/me"));
        assert!(!other_host("/me"));
    }
}
