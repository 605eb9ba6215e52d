use std::borrow::Cow;
use std::sync::Arc;

use arcstr::Substr;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::page::trim;

/// One `METHOD /path` line of an `HTTP request` section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestLine {
    pub line: u32,
    /// The included file the line came from; `None` for the page's own text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    pub method: String,
    pub path: PathTemplate,
}

/// A URL path template such as `/users/{id | userPrincipalName}/getMemberGroups`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathTemplate {
    /// The path as written, without the query string.
    pub raw: String,
    pub segments: Vec<PathSegment>,
    /// The query string as written, without the `?`.
    pub query: Option<String>,
}

/// One `/`-separated piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PathSegment {
    Literal {
        value: String,
    },
    /// `{id}` or `{id | userPrincipalName}`: a key, with the names it may
    /// be given by.
    Parameter {
        names: Vec<String>,
    },
    /// `name(p='{value}', q={q})`, an OData function call, or a key in
    /// parentheses (`users('{id}')`).
    Call {
        name: String,
        arguments: Vec<Argument>,
    },
}

/// An argument of a function segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Argument {
    pub name: Option<String>,
    /// The value as written: `'{period}'`, `640`,
    /// `microsoft.graph.timeZoneStandard'{format}'`.
    pub value: String,
    /// What the caller's value is called, when the caller gives one: the
    /// placeholder's name (`{period}`, `<address>`), or the argument's own
    /// name when a template shows an example value (`width=640`): every
    /// parameter of a function is the caller's to choose.
    pub parameter: Option<String>,
}

impl Argument {
    /// Whether the value is an OData string literal (`'D7'`), perhaps of an
    /// enum type (`microsoft.graph.timeZoneStandard'Iana'`).
    pub fn is_quoted(&self) -> bool {
        let value = self.value.trim();
        value.len() >= 2 && value.ends_with('\'') && value[..value.len() - 1].contains('\'')
    }

    /// The type name before a quoted value: `microsoft.graph.timeZoneStandard`
    /// for `microsoft.graph.timeZoneStandard'Iana'`; empty otherwise.
    pub fn type_prefix(&self) -> &str {
        let value = self.value.trim();
        match value.find('\'') {
            Some(quote) if self.is_quoted() => &value[..quote],
            _ => "",
        }
    }

    /// The value without its type prefix and quotes, with doubled quotes
    /// made single: `'it''s'` → `it's`; an unquoted value as written.
    pub fn unquoted(&self) -> String {
        let value = self.value.trim();
        if !self.is_quoted() {
            return value.to_string();
        }
        let inner = &value[self.type_prefix().len() + 1..value.len() - 1];
        inner.replace("''", "'")
    }
}

const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Reads a request line: `POST /users`,
/// `GET https://graph.microsoft.com/v1.0/me`, `GET /me/photo/$value HTTP/1.1`.
///
/// Returns `None` when the line does not start with an HTTP method.
pub fn parse_request_line(text: &str, line: u32) -> Option<RequestLine> {
    let (method, url) = split_request_line(text)?;
    Some(RequestLine {
        line,
        file: None,
        method: method.to_string(),
        path: PathTemplate::parse(url),
    })
}

/// The method of a request line and its URL, without a trailing
/// `HTTP/1.1`; `None` when the line does not start with an HTTP method or
/// has no URL.
fn split_request_line(text: &str) -> Option<(&'static str, &str)> {
    let word = text.split_whitespace().next()?;
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(word))?;
    // The URL may hold spaces inside `{id | userPrincipalName}`.
    let rest = text.trim_start()[method.len()..].trim();
    let url = rest.strip_suffix("HTTP/1.1").unwrap_or(rest).trim();
    (!url.is_empty()).then_some((method, url))
}

impl PathTemplate {
    /// Reads a path or full URL; the host and version prefix of a full URL
    /// are dropped (`https://graph.microsoft.com/v1.0/me` → `/me`).
    pub fn parse(url: &str) -> PathTemplate {
        let path = strip_origin(url.trim());
        let (path, query) = split_query(path);
        let path = path.trim_end_matches('/');
        let mut raw = String::with_capacity(path.len() + 1);
        if !path.starts_with('/') {
            raw.push('/');
        }
        raw.push_str(path);
        // The path starts with a slash, so there are no more segments than
        // slashes.
        let slashes = memchr::memchr_iter(b'/', raw.as_bytes()).count();
        let mut segments = Vec::with_capacity(slashes);
        segments.extend(
            split_segments(&raw)
                .filter(|s| !s.is_empty())
                .map(parse_segment),
        );
        PathTemplate {
            raw,
            segments,
            query: query.map(str::to_string),
        }
    }

    /// The names of the parameters in the template, in order.
    pub fn parameters(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().flat_map(|s| -> Vec<&str> {
            match s {
                PathSegment::Parameter { names } => {
                    names.iter().take(1).map(String::as_str).collect()
                }
                PathSegment::Call { arguments, .. } => arguments
                    .iter()
                    .filter_map(|a| a.parameter.as_deref())
                    .collect(),
                PathSegment::Literal { .. } => Vec::new(),
            }
        })
    }
}

fn strip_origin(url: &str) -> &str {
    let Some(after_scheme) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return url;
    };
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    for version in ["/v1.0", "/beta"] {
        if let Some(rest) = path.strip_prefix(version) {
            if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
                return rest;
            }
        }
    }
    path
}

/// Splits at the first `?` that is not inside parentheses or braces.
fn split_query(path: &str) -> (&str, Option<&str>) {
    if memchr::memchr(b'?', path.as_bytes()).is_none() {
        return (path, None);
    }
    let mut depth = 0i32;
    for (i, c) in path.bytes().enumerate() {
        match c {
            b'(' | b'{' => depth += 1,
            b')' | b'}' => depth -= 1,
            b'?' if depth <= 0 => return (&path[..i], Some(&path[i + 1..])),
            _ => {}
        }
    }
    (path, None)
}

/// Splits at `/` outside parentheses, braces and quotes, so that
/// `range(address='A1:B2')` and `{id | name}` stay whole.
fn split_segments(path: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0i32;
    let mut quoted = false;
    let mut start = 0;
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while let Some(&c) = path.as_bytes().get(at) {
            at += 1;
            match c {
                b'\'' => quoted = !quoted,
                b'(' | b'{' if !quoted => depth += 1,
                b')' | b'}' if !quoted => depth -= 1,
                b'/' if depth <= 0 && !quoted => {
                    let part = &path[start..at - 1];
                    start = at;
                    return Some(part);
                }
                _ => {}
            }
        }
        if done {
            return None;
        }
        done = true;
        Some(&path[start..])
    })
}

fn parse_segment(segment: &str) -> PathSegment {
    let s = trim(segment);
    if let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        if !inner.contains('{') {
            return PathSegment::Parameter {
                names: parameter_names(inner),
            };
        }
    }
    // `(team-id)` alone, a key written in parentheses where braces belong.
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        let name = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if !inner.is_empty() && inner.bytes().all(name) {
            return PathSegment::Parameter {
                names: vec![inner.to_string()],
            };
        }
    }
    let call = s.ends_with(')').then(|| s.find('(')).flatten();
    if let Some(open) = call {
        let name = s[..open].to_string();
        let inner = &s[open + 1..s.len() - 1];
        let arguments = split_arguments(inner)
            .into_iter()
            .filter(|a| !a.trim().is_empty())
            .map(parse_argument)
            .collect();
        return PathSegment::Call { name, arguments };
    }
    PathSegment::Literal {
        value: s.to_string(),
    }
}

/// `id | userPrincipalName` → `["id", "userPrincipalName"]`.
fn parameter_names(inner: &str) -> Vec<String> {
    inner
        .split(['|', ','])
        .map(|n| n.trim().trim_matches('\'').trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn split_arguments(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in inner.bytes().enumerate() {
        match c {
            b'\'' => quoted = !quoted,
            b'{' | b'(' if !quoted => depth += 1,
            b'}' | b')' if !quoted => depth -= 1,
            b',' if !quoted && depth <= 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

fn parse_argument(arg: &str) -> Argument {
    let arg = arg.trim();
    let (name, value) = match arg.split_once('=') {
        Some((n, v)) if !n.contains('{') && !n.contains('\'') => {
            (Some(n.trim().to_string()), v.trim())
        }
        _ => (None, arg),
    };
    let mut argument = Argument {
        name,
        value: value.to_string(),
        parameter: None,
    };
    // A placeholder is written `{address}`, or on some pages `<address>`.
    let unquoted = argument.unquoted();
    let placeholder = [('{', '}'), ('<', '>')]
        .iter()
        .find_map(|(open, close)| unquoted.strip_prefix(*open)?.strip_suffix(*close))
        .and_then(|v| parameter_names(v).into_iter().next());
    argument.parameter = placeholder.or_else(|| argument.name.clone());
    argument
}

/// The body of an example request or response.
///
/// JSON bodies are kept as written and checked to parse; [`Body::value`]
/// reads them into a `serde_json::Value` when a later stage asks. The JSON
/// form of a body shows that value, as if it were held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    None,
    /// A body that is JSON by the grammar. [`Body::value`] reads it,
    /// unless it holds what serde_json cannot (a number out of the range of
    /// an `f64`, an unpaired surrogate escape).
    Json {
        text: Substr,
    },
    /// JSON that does not parse as written: cut short (`...`) or broken.
    /// [`Body::value`] gives what parses after removing the elided parts,
    /// if anything does.
    PartialJson {
        text: Substr,
        error: String,
    },
    /// A body that is not JSON: text, CSV, XML, binary placeholder.
    Text {
        text: Substr,
    },
}

impl Body {
    /// The body as written; `None` for [`Body::None`].
    pub fn text(&self) -> Option<&str> {
        match self {
            Body::None => None,
            Body::Json { text } | Body::PartialJson { text, .. } | Body::Text { text } => {
                Some(text)
            }
        }
    }

    /// The JSON value of the body, read anew on each call: all of it for
    /// [`Body::Json`], what parses without the elided parts for
    /// [`Body::PartialJson`], and `None` for bodies that are not JSON.
    pub fn value(&self) -> Option<Value> {
        match self {
            Body::Json { text } => serde_json::from_str(text.trim()).ok(),
            Body::PartialJson { text, .. } => parse_elided(text.trim()),
            Body::None | Body::Text { .. } => None,
        }
    }
}

/// `{"kind": "json", "value": ...}`, `{"kind": "partial_json", "text": ...,
/// "value": ..., "error": ...}`, `{"kind": "text", "text": ...}` or
/// `{"kind": "none"}`.
impl Serialize for Body {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Body::None => {
                let mut s = serializer.serialize_struct("Body", 1)?;
                s.serialize_field("kind", "none")?;
                s.end()
            }
            Body::Json { .. } => {
                let mut s = serializer.serialize_struct("Body", 2)?;
                s.serialize_field("kind", "json")?;
                s.serialize_field("value", &self.value())?;
                s.end()
            }
            Body::PartialJson { text, error } => {
                let mut s = serializer.serialize_struct("Body", 4)?;
                s.serialize_field("kind", "partial_json")?;
                s.serialize_field("text", text)?;
                s.serialize_field("value", &self.value())?;
                s.serialize_field("error", error)?;
                s.end()
            }
            Body::Text { text } => {
                let mut s = serializer.serialize_struct("Body", 2)?;
                s.serialize_field("kind", "text")?;
                s.serialize_field("text", text)?;
                s.end()
            }
        }
    }
}

/// The first line of an HTTP message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StartLine {
    /// The URL as written, without a trailing `HTTP/1.1`;
    /// [`StartLine::path`] reads it as a path template for the reader that
    /// needs one.
    Request {
        method: String,
        url: String,
    },
    Response {
        status: u16,
        reason: String,
    },
}

impl StartLine {
    /// A request's URL read as a path template, as a request line's path
    /// is; `None` for a response.
    pub fn path(&self) -> Option<PathTemplate> {
        match self {
            StartLine::Request { url, .. } => Some(PathTemplate::parse(url)),
            StartLine::Response { .. } => None,
        }
    }
}

/// An example request or response, as written in a code block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpMessage {
    pub line: u32,
    pub start: Option<StartLine>,
    pub headers: Vec<(Substr, Substr)>,
    pub body: Body,
    /// Line of the body's first line.
    pub body_line: u32,
}

/// Reads an example block. `line` is the line of the block's first content
/// line. A response block may omit its status line and hold only a body.
pub fn parse_http_message(text: &str, line: u32) -> HttpMessage {
    read_http_message(&Substr::from(text), line)
}

/// [`parse_http_message`] of a text the message shares: its headers and
/// body are views of `text`.
pub(crate) fn read_http_message(text: &Substr, line: u32) -> HttpMessage {
    // Lines are taken one at a time up to the body, which is kept whole.
    let mut lines = Lines { text, at: 0 };
    let mut consumed = 0;
    let mut next = lines.clone();
    let mut first = next.next();
    while first.is_some_and(|l| trim(l).is_empty()) {
        lines = next.clone();
        consumed += 1;
        first = next.next();
    }

    let start = first.and_then(parse_start_line);
    let mut headers = Vec::new();
    if start.is_some() {
        lines = next.clone();
        consumed += 1;
        while let Some(l) = next.next() {
            if trim(l).is_empty() {
                lines = next.clone();
                consumed += 1;
                break;
            }
            match l.split_once(':') {
                Some((name, value)) if is_header_name(name) => {
                    headers.push((part_of(text, trim(name)), part_of(text, trim(value))));
                    lines = next.clone();
                    consumed += 1;
                }
                _ => break,
            }
        }
    }

    let mut next = lines.clone();
    while next.next().is_some_and(|l| trim(l).is_empty()) {
        lines = next.clone();
        consumed += 1;
    }
    let body_line = line + consumed;
    let body = match lines.rest() {
        Cow::Borrowed(body) => parse_body(part_of(text, body)),
        Cow::Owned(body) => parse_body(Substr::from(body)),
    };

    HttpMessage {
        line,
        start,
        headers,
        body,
        body_line,
    }
}

/// The lines of a text as [`str::lines`] gives them, with what is left.
#[derive(Clone)]
struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Lines<'a> {
    /// The lines not yet taken, joined by `\n`: the rest of the text
    /// without its last line end.
    fn rest(&self) -> Cow<'a, str> {
        let rest = &self.text[self.at..];
        if memchr::memchr(b'\r', rest.as_bytes()).is_some() {
            return Cow::Owned(rest.lines().collect::<Vec<_>>().join("\n"));
        }
        Cow::Borrowed(rest.strip_suffix('\n').unwrap_or(rest))
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = &self.text[self.at..];
        if rest.is_empty() {
            return None;
        }
        let (line, len) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => {
                let line = &rest[..end];
                (line.strip_suffix('\r').unwrap_or(line), end + 1)
            }
            None => (rest, rest.len()),
        };
        self.at += len;
        Some(line)
    }
}

fn parse_start_line(text: &str) -> Option<StartLine> {
    let text = trim(text);
    // `HTTP/1.1 201 Created`, or without the version, `HTTP 201 Created`.
    let after_version = match text.strip_prefix("HTTP/") {
        Some(rest) => Some(rest.split_once(char::is_whitespace).map_or("", |(_, r)| r)),
        None => text.strip_prefix("HTTP "),
    };
    if let Some(rest) = after_version {
        let mut words = rest.split_whitespace();
        let status = words.next()?.parse().ok()?;
        let mut reason = String::new();
        for word in words {
            if !reason.is_empty() {
                reason.push(' ');
            }
            reason.push_str(word);
        }
        return Some(StartLine::Response { status, reason });
    }
    let (method, url) = split_request_line(text)?;
    Some(StartLine::Request {
        method: method.to_string(),
        url: url.to_string(),
    })
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `part`, a slice of `text`, sharing `text`'s memory.
fn part_of(text: &Substr, part: &str) -> Substr {
    text.try_substr_from(part)
        .unwrap_or_else(|| Substr::from(part))
}

pub(crate) fn parse_body(text: Substr) -> Body {
    let trimmed = trim(&text);
    if trimmed.is_empty() {
        return Body::None;
    }
    // A JSON-looking body is read as JSON whatever the declared content type
    // says: examples often declare `text/plain` for JSON.
    let looks_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    if !looks_json {
        return Body::Text { text };
    }
    // serde_json checks the grammar of a value it skips as strictly as that
    // of one it reads, without building anything.
    match serde_json::from_str::<IgnoredAny>(trimmed) {
        Ok(_) => Body::Json { text },
        Err(e) => Body::PartialJson {
            text,
            error: e.to_string(),
        },
    }
}

/// Whether the elided parts of a body that is not JSON as written can be
/// left out so that the rest parses (see [`Body::value`]).
pub(crate) fn elided_parses(text: &str) -> bool {
    parse_elided::<IgnoredAny>(text.trim()).is_some()
}

/// Reads JSON with elisions: lines that are only `...`, `…` or `// comments`
/// are dropped, a trailing comma before a closing bracket is removed, and a
/// body cut short is closed.
fn parse_elided<T: DeserializeOwned>(text: &str) -> Option<T> {
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let t = l.trim().trim_end_matches(',');
            !(t == "..." || t == "…" || t.starts_with("//") || t == "\"...\"")
        })
        .collect();
    let mut joined = kept.join("\n");
    remove_trailing_commas(&mut joined);
    if let Ok(v) = serde_json::from_str(&joined) {
        return Some(v);
    }
    close_open_brackets(&mut joined);
    remove_trailing_commas(&mut joined);
    serde_json::from_str(&joined).ok()
}

fn remove_trailing_commas(text: &mut String) {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            out.push(c);
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']') | None) {
                continue;
            }
        }
        out.push(c);
    }
    *text = out;
}

fn close_open_brackets(text: &mut String) {
    let mut stack = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => stack.push('}'),
            '[' => stack.push(']'),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    if in_string {
        text.push('"');
    }
    while let Some(close) = stack.pop() {
        text.push(close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_request_line_with_alternative_keys() {
        let r = parse_request_line("GET /users/{id | userPrincipalName}/memberOf", 4).unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(
            r.path.segments,
            vec![
                PathSegment::Literal {
                    value: "users".into()
                },
                PathSegment::Parameter {
                    names: vec!["id".into(), "userPrincipalName".into()]
                },
                PathSegment::Literal {
                    value: "memberOf".into()
                },
            ]
        );
    }

    #[test]
    fn a_key_in_parentheses_where_braces_belong_is_a_parameter() {
        let path = PathTemplate::parse("/teams/(team-id)/channels/{channel-id}");
        assert_eq!(
            path.segments[1],
            PathSegment::Parameter {
                names: vec!["team-id".to_string()]
            }
        );
        assert_eq!(
            path.parameters().collect::<Vec<_>>(),
            ["team-id", "channel-id"]
        );
        // A key of a named segment stays a call.
        let path = PathTemplate::parse("/users('{id}')");
        assert!(matches!(&path.segments[0], PathSegment::Call { name, .. } if name == "users"));
    }

    #[test]
    fn reads_function_segments() {
        let r = parse_request_line(
            "GET /reports/getEmailActivityCounts(period='{period_value}')",
            1,
        )
        .unwrap();
        assert_eq!(
            r.path.segments[1],
            PathSegment::Call {
                name: "getEmailActivityCounts".into(),
                arguments: vec![Argument {
                    name: Some("period".into()),
                    value: "'{period_value}'".into(),
                    parameter: Some("period_value".into()),
                }]
            }
        );
        assert_eq!(r.path.parameters().collect::<Vec<_>>(), ["period_value"]);
    }

    #[test]
    fn angle_brackets_mark_a_placeholder_too() {
        let r = parse_request_line(
            "PATCH /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')",
            1,
        )
        .unwrap();
        assert_eq!(
            r.path.parameters().collect::<Vec<_>>(),
            ["id", "id", "address"]
        );
        let r = parse_request_line("GET /reports/f(a=<start>,'{key}',b)", 1).unwrap();
        assert_eq!(r.path.parameters().collect::<Vec<_>>(), ["start", "key"]);
    }

    #[test]
    fn a_named_argument_with_an_example_value_is_a_parameter() {
        let r =
            parse_request_line("GET /charts/{name}/image(width=640,fittingMode='fit')", 1).unwrap();
        assert_eq!(
            r.path.parameters().collect::<Vec<_>>(),
            ["name", "width", "fittingMode"]
        );
    }

    #[test]
    fn enum_literals_keep_their_type_apart_from_the_value() {
        let r = parse_request_line(
            "GET /me/outlook/supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{format}')",
            1,
        )
        .unwrap();
        let PathSegment::Call { arguments, .. } = &r.path.segments[2] else {
            panic!("a call: {:?}", r.path.segments[2]);
        };
        let argument = &arguments[0];
        assert_eq!(argument.parameter.as_deref(), Some("format"));
        assert!(argument.is_quoted());
        assert_eq!(argument.type_prefix(), "microsoft.graph.timeZoneStandard");
        assert_eq!(argument.unquoted(), "{format}");

        let plain = Argument {
            name: None,
            value: "'it''s'".into(),
            parameter: None,
        };
        assert_eq!((plain.type_prefix(), plain.unquoted()), ("", "it's".into()));
        let number = Argument {
            value: "640".into(),
            ..plain
        };
        assert!(!number.is_quoted());
        assert_eq!(number.unquoted(), "640");
    }

    #[test]
    fn drops_the_origin_and_keeps_the_query() {
        let r = parse_request_line("GET https://graph.microsoft.com/v1.0/me/messages?$top=5", 1)
            .unwrap();
        assert_eq!(r.path.raw, "/me/messages");
        assert_eq!(r.path.query.as_deref(), Some("$top=5"));
    }

    #[test]
    fn prose_is_not_a_request_line() {
        assert!(parse_request_line("For a specific user:", 1).is_none());
        assert!(parse_request_line("GET HTTP/1.1", 1).is_none());
        assert_eq!(parse_http_message("GET HTTP/1.1\n", 1).start, None);
    }

    #[test]
    fn a_request_example_keeps_its_url_without_the_version() {
        let m = parse_http_message(
            "get https://graph.microsoft.com/v1.0/me/events HTTP/1.1\n",
            1,
        );
        let Some(StartLine::Request { method, url }) = &m.start else {
            panic!("{:?}", m.start);
        };
        let url_as_written = "https://graph.microsoft.com/v1.0/me/events";
        assert_eq!((method.as_str(), url.as_str()), ("GET", url_as_written));
        assert_eq!(
            m.start.as_ref().and_then(StartLine::path).unwrap().raw,
            "/me/events"
        );
        assert!(StartLine::Response {
            status: 200,
            reason: "OK".into()
        }
        .path()
        .is_none());
    }

    #[test]
    fn reads_a_request_example() {
        let m = parse_http_message(
            "POST https://graph.microsoft.com/v1.0/users\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n}\n",
            10,
        );
        assert!(matches!(m.start, Some(StartLine::Request { ref method, .. }) if method == "POST"));
        let path = m.start.as_ref().and_then(StartLine::path).unwrap();
        assert_eq!(path.raw, "/users");
        assert_eq!(
            m.headers,
            vec![("Content-type".into(), "application/json".into())]
        );
        assert!(matches!(m.body, Body::Json { .. }));
        assert_eq!(m.body.text(), Some("{\n  \"id\": \"1\"\n}"));
        assert_eq!(m.body.value(), Some(serde_json::json!({"id": "1"})));
        assert_eq!(m.body_line, 13);
    }

    #[test]
    fn a_body_after_blank_lines_keeps_its_line_and_text() {
        let m = parse_http_message("\n\nHTTP/1.1 200 OK\r\n\r\n\r\n[1,\r\n 2]\r\n", 4);
        assert_eq!(m.body_line, 9);
        assert_eq!(m.body.text(), Some("[1,\n 2]"));
        assert_eq!(m.body.value(), Some(serde_json::json!([1, 2])));

        let m = parse_http_message("{}\n\n", 1);
        assert_eq!(m.start, None);
        assert_eq!(m.body.text(), Some("{}\n"));
    }

    #[test]
    fn a_body_is_json_by_the_grammar() {
        // A lone surrogate and a number out of range are JSON by the
        // grammar that serde_json does not read into a value.
        for body in [r#"{"a": "\ud800"}"#, r#"{"a": 1e400}"#] {
            let m = parse_http_message(body, 1);
            assert!(matches!(m.body, Body::Json { .. }), "{body}");
            assert_eq!(m.body.value(), None, "{body}");
        }
        for body in [
            r#"{"a": 01}"#,
            "{\"a\": \"\u{1}\"}",
            r#"{"a": "\x"}"#,
            r#"{"a" 1}"#,
        ] {
            let m = parse_http_message(body, 1);
            assert!(matches!(m.body, Body::PartialJson { .. }), "{body}");
        }
    }

    #[test]
    fn a_body_shows_its_value_as_json() {
        let m = parse_http_message("HTTP/1.1 200 OK\n\n{\"id\": 1}", 1);
        assert_eq!(
            serde_json::to_value(&m.body).unwrap(),
            serde_json::json!({"kind": "json", "value": {"id": 1}})
        );
    }

    #[test]
    fn reads_a_response_example() {
        let m = parse_http_message(
            "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{}",
            1,
        );
        assert_eq!(
            m.start,
            Some(StartLine::Response {
                status: 201,
                reason: "Created".into()
            })
        );
        let without_version = parse_http_message("HTTP 201 Created\n\n{\"id\": 1}", 1);
        assert_eq!(without_version.start, m.start);
        assert!(matches!(without_version.body, Body::Json { .. }));
    }

    #[test]
    fn keeps_what_parses_of_an_elided_body() {
        let m = parse_http_message(
            "HTTP/1.1 200 OK\n\n{\n  \"value\": [\n    { \"id\": \"1\" },\n    ...\n  ]\n}",
            1,
        );
        assert!(matches!(m.body, Body::PartialJson { .. }), "{:?}", m.body);
        assert_eq!(
            m.body.value(),
            Some(serde_json::json!({"value": [{"id": "1"}]}))
        );
    }

    #[test]
    fn closes_a_body_cut_in_half() {
        let m = parse_http_message("HTTP/1.1 200 OK\n\n{\n  \"id\": \"1\",\n  \"name\": \"a", 1);
        assert!(matches!(m.body, Body::PartialJson { .. }));
        assert_eq!(
            m.body.value(),
            Some(serde_json::json!({"id": "1", "name": "a"}))
        );
    }

    #[test]
    fn non_json_bodies_are_text() {
        let m = parse_http_message("HTTP/1.1 200 OK\nContent-Type: text/csv\n\na,b\n1,2", 1);
        assert!(matches!(m.body, Body::Text { .. }));
    }
}
