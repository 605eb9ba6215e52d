//! Comparing the JSON an example shows with the JSON that came back.
//!
//! Values are compared as JSON, member order ignored, with the latitude
//! that a faithful round trip through the generated types needs: members
//! whose value is `null` are dropped on the way back (every field is
//! optional), numbers are compared by value (`1` and `1.0`, and at single
//! precision, since `Edm.Single` holds no more), date-times by the instant
//! they name, times of day by the time (`11:58:36.2550000` and
//! `11:58:36.255`), and GUIDs without regard to case.

use graph_runtime::model::{chrono, uuid};
use serde_json::Value;

/// How many differences a message lists before it sums up the rest.
const LISTED: usize = 3;

/// `value` without the object members that are `null`, at any depth.
pub fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// What differs between `expected` and `actual`, one line per difference,
/// each naming the member by its path (`value[0].id`); empty when they are
/// the same.
pub fn differences(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk("", expected, actual, &mut out);
    out
}

/// The differences as one message: the first few, then how many more.
pub fn summarize(differences: &[String]) -> String {
    let mut text = differences
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if differences.len() > LISTED {
        text.push_str(&format!("; and {} more", differences.len() - LISTED));
    }
    text
}

fn walk(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let member = member_path(path, key);
                match a.get(key) {
                    Some(av) => walk(&member, ev, av, out),
                    None => out.push(format!("`{member}` is lost")),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    out.push(format!(
                        "`{}` is added: {}",
                        member_path(path, key),
                        short(av)
                    ));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "`{}` has {} items instead of {}",
                    display_path(path),
                    a.len(),
                    e.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                walk(&format!("{path}[{i}]"), ev, av, out);
            }
        }
        (e, a) if same_scalar(e, a) => {}
        (e, a) => out.push(format!(
            "`{}` is {} instead of {}",
            display_path(path),
            short(a),
            short(e)
        )),
    }
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
    fn nulls_are_dropped_at_any_depth() {
        let value = json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}]});
        assert_eq!(without_nulls(&value), json!({"b": {"d": 1}, "e": [{}]}));
    }

    #[test]
    fn member_order_and_number_form_do_not_matter() {
        let expected = json!({"a": 1, "b": 2.5});
        let actual = json!({"b": 2.5, "a": 1.0});
        assert!(differences(&expected, &actual).is_empty());
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
        assert_eq!(
            differences(&expected, &actual),
            [
                "`a.b[1]` is 3 instead of 2",
                "`c` is \"y\" instead of \"x\"",
                "`lost` is lost",
                "`new` is added: 0",
            ]
        );
    }

    #[test]
    fn a_summary_lists_three_then_counts() {
        let lines: Vec<String> = (0..5).map(|i| format!("d{i}")).collect();
        assert_eq!(summarize(&lines), "d0; d1; d2; and 2 more");
    }
}
