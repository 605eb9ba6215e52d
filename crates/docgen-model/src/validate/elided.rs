//! Values an example leaves out: a placeholder that names the value's
//! type or role instead of giving one (`"datetime-value"`, `"String"`,
//! `"String (timestamp)"`, `"skuId-value"`), or a value cut short
//! (`"MIIDYDCCAki..."`). The docs write them where a real value would be
//! long or beside the point, as they write `...` for members left out.
//!
//! A placeholder is never a value the service sends, so it is not read as
//! one: the lint reports it as elided (`V018`) and names a value of the
//! declared type that checks of the body put in its place.

use serde_json::Value;

use docgen_page::Primitive;

/// Whether `s`, where the docs declare a `primitive` whose form it does
/// not have, stands for a value rather than being a wrong one.
pub fn is_elided(s: &str) -> bool {
    let s = s.trim();
    names_a_type(s) || is_role_placeholder(s) || is_cut_short(s)
}

/// `String`, `Boolean`, `timestamp`, `Edm.Guid`, and a type with a
/// remark: `String (timestamp)`.
fn names_a_type(s: &str) -> bool {
    let name = match s.split_once(" (") {
        Some((name, remark)) if remark.ends_with(')') => name,
        _ => s,
    };
    Primitive::from_name(name).is_some()
}

/// `datetime-value`, `customerId-value`, `base64-contentBytes-value`, and
/// numbered ones such as `skuId-value-1`.
fn is_role_placeholder(s: &str) -> bool {
    let unnumbered = match s.rsplit_once('-') {
        Some((rest, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => s,
    };
    let Some(role) = unnumbered
        .strip_suffix("-value")
        .or_else(|| unnumbered.strip_suffix("_value"))
    else {
        return false;
    };
    !role.is_empty()
        && role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A value whose end is left out: `MIIDYDCCAki...`, `JVBERi0x…`.
fn is_cut_short(s: &str) -> bool {
    let start = s.trim_end_matches(['.', '…']);
    start.len() < s.len() && (s.ends_with("...") || s.ends_with('…')) && !start.is_empty()
}

/// A value of `primitive` for checks to read in place of an elided one:
/// the type's zero, in the form the service writes it.
pub fn stand_in(primitive: Primitive) -> Option<Value> {
    use Primitive as P;
    let value = match primitive {
        P::Boolean => Value::Bool(false),
        P::Byte | P::SByte | P::Int16 | P::Int32 | P::Int64 | P::Decimal => Value::from(0),
        P::Single | P::Double => Value::from(0.0),
        P::DateTimeOffset => Value::from("0001-01-01T00:00:00Z"),
        P::Date => Value::from("0001-01-01"),
        P::TimeOfDay => Value::from("00:00:00"),
        P::Duration => Value::from("PT0S"),
        P::Guid => Value::from("00000000-0000-0000-0000-000000000000"),
        P::Binary => Value::from(""),
        // Any string is a string, and untyped values take anything.
        P::String | P::Stream | P::Untyped => return None,
    };
    Some(value)
}

/// The JSON pointer of a lint path, to find the value in the body:
/// `value[0].skuIds[2]` → `/value/0/skuIds/2`. The lint's paths are built
/// from declared property names, which hold neither `.` nor `[`.
pub fn pointer(path: &str) -> String {
    let mut pointer = String::with_capacity(path.len() + 4);
    for member in path.split('.').filter(|m| !m.is_empty()) {
        let mut parts = member.split('[');
        if let Some(name) = parts.next().filter(|n| !n.is_empty()) {
            pointer.push('/');
            pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        for index in parts {
            pointer.push('/');
            pointer.push_str(index.trim_end_matches(']'));
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_values_cut_short_are_elided() {
        for s in [
            "datetime-value",
            "customerId-value",
            "skuId-value-1",
            "base64-contentBytes-value",
            "String",
            "Boolean",
            "timestamp",
            "guid",
            "String (timestamp)",
            "Edm.Int32",
            "MIIDYDCCAki...",
            "JVBERi0x…",
        ] {
            assert!(is_elided(s), "{s}");
        }
    }

    #[test]
    fn wrong_values_are_not_elided() {
        for s in [
            "true",
            "2020-02-04T07:00:00.0000000",
            "1974-07-22",
            "Adfsdfsdfsdfw==",
            "a571ebcc-fqe0-4ca2-8c8c-7a284fd6c235",
            "-value",
            "my value",
            "...",
            "String (timestamp",
            "",
        ] {
            assert!(!is_elided(s), "{s}");
        }
    }

    #[test]
    fn stand_ins_have_their_type_s_form() {
        assert_eq!(stand_in(Primitive::Boolean), Some(Value::Bool(false)));
        assert_eq!(
            stand_in(Primitive::DateTimeOffset),
            Some(Value::from("0001-01-01T00:00:00Z"))
        );
        assert_eq!(stand_in(Primitive::String), None);
    }

    #[test]
    fn paths_become_json_pointers() {
        assert_eq!(pointer("value[0].skuIds[2]"), "/value/0/skuIds/2");
        assert_eq!(pointer("birthDate"), "/birthDate");
        assert_eq!(pointer("a[1][0]"), "/a/1/0");
        assert_eq!(pointer(""), "");
    }
}
