use std::fmt;
use std::ops::Index;

use memchr::{memchr, memrchr};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::error::Category;
use serde_json::Value;

use crate::pairs;

/// The JSON object of an annotation comment such as
/// `<!-- { "blockType": "request", "name": "create_user" } -->`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Annotation {
    pub line: u32,
    pub fields: Fields,
    /// The comment was not valid JSON and was repaired to read it.
    pub repaired: bool,
}

/// The fields of an annotation in the order written; a key written twice
/// keeps its place and takes the later value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields(Vec<(String, Value)>);

impl Fields {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Every field, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the annotation is `{}`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `fields["name"]`: the value, or `null` when the key is absent.
impl Index<&str> for Fields {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(key).unwrap_or(&NULL)
    }
}

impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        pairs::serialize_as_map(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fields, D::Error> {
        struct FieldsVisitor;

        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields: Vec<(String, Value)> = Vec::with_capacity(4);
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    pairs::set(&mut fields, key, value);
                }
                Ok(Fields(fields))
            }
        }

        deserializer.deserialize_map(FieldsVisitor)
    }
}

impl Annotation {
    /// The `blockType` field: `request`, `response`, `resource`, `ignored`...
    pub fn block_type(&self) -> Option<&str> {
        self.str("blockType")
    }

    /// A string field.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    /// A boolean field, also accepting the strings `"true"` and `"false"`.
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.fields.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Why a comment could not be read as an annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnotationError {
    /// The comment holds no `{`: it is prose, not an annotation.
    NotJson,
    /// It looks like JSON but no unambiguous repair makes it parse.
    Invalid(String),
}

/// Reads the inside of an HTML comment as an annotation.
///
/// The docs' annotations are hand-written, and some are not valid JSON. The
/// repairs made are the ones with a single reading: text around the outer
/// braces, trailing commas, a missing comma between a value and the next
/// key on the following line, and smart quotes.
pub fn parse_annotation(comment: &str, line: u32) -> Result<Annotation, AnnotationError> {
    let bytes = comment.as_bytes();
    let (Some(start), Some(end)) = (memchr(b'{', bytes), memrchr(b'}', bytes)) else {
        return Err(AnnotationError::NotJson);
    };
    if end < start {
        return Err(AnnotationError::NotJson);
    }
    let body = &comment[start..=end];
    // Prose that happens to hold braces (`of the format {start}-{end}`).
    if memchr(b':', body.as_bytes()).is_none() {
        return Err(AnnotationError::NotJson);
    }
    let exact = start == comment.find(|c: char| !c.is_whitespace()).unwrap_or(start)
        && comment[end + 1..].trim().is_empty();

    if let Ok(fields) = serde_json::from_str::<Fields>(body) {
        return Ok(Annotation {
            line,
            fields,
            repaired: !exact,
        });
    }

    // A line end inside a string is either a string that goes on over two
    // lines or one that was never closed; try the first reading, then the
    // second.
    let mut error = String::new();
    for multiline_strings in [true, false] {
        let repaired = repair(body, multiline_strings);
        match serde_json::from_str::<Fields>(&repaired) {
            Ok(fields) => {
                return Ok(Annotation {
                    line,
                    fields,
                    repaired: true,
                })
            }
            // JSON, but not an object.
            Err(e) if e.classify() == Category::Data => error = "not a JSON object".into(),
            Err(e) if error.is_empty() => error = e.to_string(),
            Err(_) => {}
        }
    }
    Err(AnnotationError::Invalid(error))
}

fn repair(body: &str, multiline_strings: bool) -> String {
    let body = body
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'");

    // Walk outside of strings, dropping commas that close nothing and adding
    // one where a value ends a line and the next line starts a key.
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::with_capacity(body.len() + 8);
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if c == '\n' {
                if multiline_strings {
                    out.pop();
                    out.push_str("\\n");
                } else {
                    out.pop();
                    out.push_str("\"\n");
                    in_string = false;
                }
            }
            i += 1;
            continue;
        }
        match c {
            // A bare key (`isCollection: true`) gets its quotes.
            c if (c.is_ascii_alphabetic() || c == '@')
                && out.trim_end().ends_with(['{', ',', '\n'])
                || (c.is_ascii_alphabetic() || c == '@') && starts_line(&out) =>
            {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '_'))
                    .count();
                let word: String = chars[i..i + len].iter().collect();
                let colon = chars[i + len..].iter().find(|c| !c.is_whitespace()) == Some(&':');
                if colon {
                    if ends_value(&out) {
                        insert_comma_before_trailing_space(&mut out);
                    }
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                } else {
                    out.push_str(&word);
                }
                i += len;
                continue;
            }
            '"' => {
                if ends_value(&out) && next_line_break_between(&out) {
                    insert_comma_before_trailing_space(&mut out);
                }
                in_string = true;
                out.push(c);
            }
            ',' => {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if !matches!(next, Some('}') | Some(']') | Some(',')) {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether the text before the current position ends with a complete value.
fn ends_value(out: &str) -> bool {
    let trimmed = out.trim_end();
    trimmed.ends_with('"')
        || trimmed.ends_with('}')
        || trimmed.ends_with(']')
        || trimmed.ends_with("true")
        || trimmed.ends_with("false")
        || trimmed.ends_with("null")
        || trimmed.ends_with(|c: char| c.is_ascii_digit())
}

/// Whether only white space stands between the last line end and here.
fn starts_line(out: &str) -> bool {
    let trimmed = out.trim_end_matches([' ', '\t']);
    trimmed.is_empty() || trimmed.ends_with('\n')
}

fn next_line_break_between(out: &str) -> bool {
    let trimmed_len = out.trim_end().len();
    out[trimmed_len..].contains('\n')
}

fn insert_comma_before_trailing_space(out: &mut String) {
    let at = out.trim_end().len();
    out.insert(at, ',');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_valid_annotation() {
        let a =
            parse_annotation(r#" { "blockType": "request", "name": "create_user" } "#, 3).unwrap();
        assert_eq!(a.block_type(), Some("request"));
        assert_eq!(a.str("name"), Some("create_user"));
        assert!(!a.repaired);
    }

    #[test]
    fn drops_trailing_commas() {
        let a = parse_annotation(
            "{\n \"blockType\": \"response\",\n \"truncated\": true,\n}",
            1,
        )
        .unwrap();
        assert_eq!(a.bool("truncated"), Some(true));
        assert!(a.repaired);
    }

    #[test]
    fn adds_a_missing_comma_between_lines() {
        let a = parse_annotation(
            "{\n  \"blockType\": \"response\"\n  \"@odata.type\": \"microsoft.graph.user\"\n}",
            1,
        )
        .unwrap();
        assert_eq!(a.str("@odata.type"), Some("microsoft.graph.user"));
    }

    #[test]
    fn ignores_text_around_the_braces() {
        let a = parse_annotation("stray { \"blockType\": \"ignored\" } text", 1).unwrap();
        assert_eq!(a.block_type(), Some("ignored"));
        assert!(a.repaired);
    }

    #[test]
    fn quotes_bare_keys() {
        let a = parse_annotation(
            "{\n  \"blockType\": \"response\",\n  isCollection: true\n}",
            1,
        )
        .unwrap();
        assert_eq!(a.bool("isCollection"), Some(true));
    }

    #[test]
    fn keeps_strings_that_run_over_lines() {
        let a = parse_annotation(
            "{\n  \"type\": \"#page.annotation\",\n  \"suppressions\": [\n    \"Warning: page.md:\n      Found enums\"\n  ]\n}",
            1,
        )
        .unwrap();
        assert_eq!(a.str("type"), Some("#page.annotation"));
        assert_eq!(
            a.fields["suppressions"][0].as_str(),
            Some("Warning: page.md:\n      Found enums")
        );
    }

    #[test]
    fn closes_a_string_left_open_at_the_line_end() {
        let a = parse_annotation(
            "{\n  \"blockType\": \"request\",\n  \"name\": \"get_user\n}",
            1,
        )
        .unwrap();
        assert_eq!(a.block_type(), Some("request"));
    }

    #[test]
    fn prose_with_braces_is_not_json() {
        assert_eq!(
            parse_annotation(" ranges of the format `{start}-{end}` ", 1),
            Err(AnnotationError::NotJson)
        );
    }

    #[test]
    fn prose_comment_is_not_json() {
        assert_eq!(
            parse_annotation(" TODO: add an example ", 1),
            Err(AnnotationError::NotJson)
        );
    }

    #[test]
    fn unrepairable_json_is_reported() {
        assert!(matches!(
            parse_annotation("{ \"blockType\": request }", 1),
            Err(AnnotationError::Invalid(_))
        ));
    }
}
