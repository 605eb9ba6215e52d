//! Percent-encoding for the parts of a Graph URL that carry caller values.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters. A value encoded with it
/// cannot end a path segment (`/`), start a query (`?`) or a fragment (`#`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// [`SEGMENT`] minus the quote, which OData string literals need verbatim.
const LITERAL: &AsciiSet = &SEGMENT.remove(b'\'');

/// What must be encoded inside a query name or value. `$`, `'`, `(`, `)`,
/// `,` and `:` stay readable because OData query options are written with
/// them (`$filter=startswith(displayName,'a')`); `+` is encoded because many
/// servers read it as a space.
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes one path segment: an id, or a userPrincipalName with `@`
/// or a guest's `#EXT#`.
///
/// ```
/// assert_eq!(
///     graph_runtime::encode_path_segment("a_b#EXT#@contoso.com"),
///     "a_b%23EXT%23%40contoso.com"
/// );
/// ```
pub fn encode_path_segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Quotes and escapes a string for an OData function parameter, ready to put
/// into a path: `f(p='it''s')`.
///
/// A quote inside the value is doubled, as OData requires; every other
/// character that could break the URL is percent-encoded, so the result needs
/// no further encoding.
///
/// ```
/// assert_eq!(graph_runtime::odata_string_literal("it's"), "'it''s'");
/// assert_eq!(graph_runtime::odata_string_literal("a/b c"), "'a%2Fb%20c'");
/// ```
pub fn odata_string_literal(s: &str) -> String {
    let escaped = s.replace('\'', "''");
    format!("'{}'", utf8_percent_encode(&escaped, LITERAL))
}

/// Percent-encodes a query option name or value.
pub(crate) fn encode_query_component(s: &str) -> String {
    utf8_percent_encode(s, QUERY).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segment_keeps_unreserved_characters() {
        assert_eq!(encode_path_segment("AbZ09-._~"), "AbZ09-._~");
    }

    #[test]
    fn path_segment_encodes_separators_and_unicode() {
        assert_eq!(encode_path_segment("a/b?c#d e%"), "a%2Fb%3Fc%23d%20e%25");
        assert_eq!(encode_path_segment("jo@contoso.com"), "jo%40contoso.com");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
        assert_eq!(encode_path_segment(""), "");
    }

    #[test]
    fn literal_doubles_quotes() {
        assert_eq!(odata_string_literal("it's"), "'it''s'");
        assert_eq!(odata_string_literal("''"), "''''''");
        assert_eq!(odata_string_literal(""), "''");
    }

    #[test]
    fn literal_encodes_characters_that_break_the_path() {
        assert_eq!(odata_string_literal("a#b?c"), "'a%23b%3Fc'");
        assert_eq!(odata_string_literal("x(y),z"), "'x%28y%29%2Cz'");
    }

    #[test]
    fn query_component_keeps_odata_syntax_readable() {
        assert_eq!(
            encode_query_component("startswith(displayName,'a b')"),
            "startswith(displayName,'a%20b')"
        );
        assert_eq!(encode_query_component("$top"), "$top");
        assert_eq!(encode_query_component("a+b&c=d#"), "a%2Bb%26c%3Dd%23");
    }
}
