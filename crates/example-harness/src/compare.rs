//! Comparing the JSON an example shows with the JSON that came back.
//!
//! Values are compared as JSON, member order ignored, with the latitude
//! that a faithful round trip through the generated types needs: members
//! the example shows as `null` may be dropped on the way back (every field
//! is optional), numbers are compared by value (`1` and `1.0`, and at single
//! precision, since `Edm.Single` holds no more), date-times by the instant
//! they name, times of day by the time (`11:58:36.2550000` and
//! `11:58:36.255`), and GUIDs without regard to case.

use graph_runtime::model::{chrono, uuid};
use serde_json::Value;

/// How many differences a message lists before it sums up the rest.
const LISTED: usize = 3;

/// One way the JSON that came back differs from the example's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The member, by path (`value[0].id`); empty for the body itself.
    pub member: String,
    /// What differs, naming the member.
    pub text: String,
}

/// What differs between `expected` and `actual`, in the order of
/// `expected`; empty when they are the same. A member that `expected`
/// shows as `null` may come back `null` or not at all.
pub fn differences(expected: &Value, actual: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    walk("", expected, actual, &mut out);
    out
}

/// The differences as one message: the first few, then how many more.
pub fn summarize(differences: &[Difference]) -> String {
    let mut text = differences
        .iter()
        .take(LISTED)
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if differences.len() > LISTED {
        text.push_str(&format!("; and {} more", differences.len() - LISTED));
    }
    text
}

fn walk(path: &str, expected: &Value, actual: &Value, out: &mut Vec<Difference>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let member = member_path(path, key);
                match a.get(key) {
                    // Every field is optional: a documented `null` may be
                    // left out on the way back.
                    None | Some(Value::Null) if ev.is_null() => {}
                    Some(av) => walk(&member, ev, av, out),
                    None => differ(out, &member, format!("`{member}` is lost")),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    let member = member_path(path, key);
                    differ(out, &member, format!("`{member}` is added: {}", short(av)));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                differ(
                    out,
                    path,
                    format!(
                        "`{}` has {} items instead of {}",
                        display_path(path),
                        a.len(),
                        e.len()
                    ),
                );
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                walk(&format!("{path}[{i}]"), ev, av, out);
            }
        }
        (e, a) if same_scalar(e, a) => {}
        (e, a) => differ(
            out,
            path,
            format!(
                "`{}` is {} instead of {}",
                display_path(path),
                short(a),
                short(e)
            ),
        ),
    }
}

fn differ(out: &mut Vec<Difference>, member: &str, text: String) {
    out.push(Difference {
        member: member.to_string(),
        text,
    });
}

fn same_scalar(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => e == a || same_number(e.as_f64(), a.as_f64()),
        (Value::String(e), Value::String(a)) => {
            e == a || same_instant(e, a) || same_time(e, a) || same_guid(e, a)
        }
        (e, a) => e == a,
    }
}

fn same_number(expected: Option<f64>, actual: Option<f64>) -> bool {
    match (expected, actual) {
        (Some(e), Some(a)) => e == a || e as f32 == a as f32,
        _ => false,
    }
}

fn same_time(expected: &str, actual: &str) -> bool {
    let parse = |t: &str| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S%.f");
    matches!((parse(expected), parse(actual)), (Ok(e), Ok(a)) if e == a)
}

fn same_instant(expected: &str, actual: &str) -> bool {
    let parse = chrono::DateTime::parse_from_rfc3339;
    matches!((parse(expected), parse(actual)), (Ok(e), Ok(a)) if e == a)
}

fn same_guid(expected: &str, actual: &str) -> bool {
    let parse = uuid::Uuid::parse_str;
    matches!((parse(expected), parse(actual)), (Ok(e), Ok(a)) if e == a)
}

fn member_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(the body)"
    } else {
        path
    }
}

/// A value in a message, cut short.
fn short(value: &Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        text
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn member_order_and_number_form_do_not_matter() {
        let expected = json!({"a": 1, "b": 2.5});
        let actual = json!({"b": 2.5, "a": 1.0});
        assert!(differences(&expected, &actual).is_empty());
    }

    #[test]
    fn a_documented_null_may_come_back_null_or_not_at_all() {
        let expected = json!({"a": null, "b": null, "c": 1});
        assert!(differences(&expected, &json!({"a": null, "c": 1})).is_empty());
        let added = differences(&json!({"c": 1}), &json!({"a": null, "c": 1}));
        assert_eq!(added[0].text, "`a` is added: null");
    }

    #[test]
    fn date_times_compare_by_instant_and_guids_without_case() {
        let expected = json!({
            "when": "2021-07-16T08:30:00.0000000Z",
            "id": "8B1E2D3C-0000-4000-8000-000000000001"
        });
        let actual = json!({
            "when": "2021-07-16T08:30:00+00:00",
            "id": "8b1e2d3c-0000-4000-8000-000000000001"
        });
        assert!(differences(&expected, &actual).is_empty());
    }

    #[test]
    fn times_of_day_and_single_precision_numbers_compare_by_value() {
        let expected = json!({"time": "11:58:36.2550000", "radius": 4.666666666666667});
        let actual = json!({"time": "11:58:36.255", "radius": 4.666666507720947});
        assert!(differences(&expected, &actual).is_empty());
        assert!(!differences(&json!(4.5), &json!(4.6)).is_empty());
    }

    #[test]
    fn lost_added_and_changed_members_are_named_by_path() {
        let expected = json!({"a": {"b": [1, 2]}, "c": "x", "lost": true});
        let actual = json!({"a": {"b": [1, 3]}, "c": "y", "new": 0});
        let found = differences(&expected, &actual);
        let texts: Vec<&str> = found.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "`a.b[1]` is 3 instead of 2",
                "`c` is \"y\" instead of \"x\"",
                "`lost` is lost",
                "`new` is added: 0",
            ]
        );
        let members: Vec<&str> = found.iter().map(|d| d.member.as_str()).collect();
        assert_eq!(members, ["a.b[1]", "c", "lost", "new"]);
    }

    #[test]
    fn a_summary_lists_three_then_counts() {
        let lines: Vec<Difference> = (0..5)
            .map(|i| Difference {
                member: String::new(),
                text: format!("d{i}"),
            })
            .collect();
        assert_eq!(summarize(&lines), "d0; d1; d2; and 2 more");
    }
}
