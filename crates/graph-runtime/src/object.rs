//! Reading and writing JSON objects field by field, for generated models.
//!
//! serde's derives expand to a visitor per struct with a branch per field
//! for maps and for sequences; over thousands of generated types that is
//! most of a crate's compile time. Generated models instead read their
//! object into an [`Object`] once and take each field from it, and write
//! themselves with [`write_field`]: one line per field.

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// A JSON object read from the wire, from which a model takes its fields.
#[derive(Debug, Default)]
pub struct Object(Map<String, Value>);

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Object)
    }
}

impl Object {
    /// Takes the field `key`: `None` when it is absent or `null`. A value of
    /// the wrong shape is an error that names the field.
    ///
    /// A number may come as a string: OData writes `Edm.Int64`,
    /// `Edm.Decimal` and the floating-point types so for clients that
    /// cannot hold them (`IEEE754Compatible=true`).
    pub fn take<T: DeserializeOwned, E: serde::de::Error>(
        &mut self,
        key: &str,
    ) -> Result<Option<T>, E> {
        let value = match self.0.remove(key) {
            None | Some(Value::Null) => return Ok(None),
            Some(value) => value,
        };
        let number = match &value {
            Value::String(text) => number_in(text),
            _ => None,
        };
        serde_json::from_value(value)
            .or_else(|e| match number {
                Some(number) => serde_json::from_value(number).map_err(|_| e),
                None => Err(e),
            })
            .map(Some)
            .map_err(|e| E::custom(format_args!("field `{key}`: {e}")))
    }

    /// Takes the instance annotations: members whose name holds an `@`
    /// (`manager@odata.bind`, `@odata.etag`), which no model field names.
    pub fn annotations(&mut self) -> Map<String, Value> {
        let names: Vec<String> = self.0.keys().filter(|k| k.contains('@')).cloned().collect();
        names
            .into_iter()
            .filter_map(|name| self.0.remove_entry(&name))
            .collect()
    }

    /// The fields no model field took, for open types.
    pub fn into_rest(self) -> Map<String, Value> {
        self.0
    }
}

/// The number a string holds, as a JSON number: `"9007199254740993"`,
/// `"0.158"`.
fn number_in(text: &str) -> Option<Value> {
    let text = text.trim();
    if let Ok(integer) = text.parse::<i64>() {
        return Some(Value::from(integer));
    }
    text.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
}

/// A single value as OData returns it from a function or a property:
/// `{"value": 42}`. A bare value is accepted too.
#[derive(Clone, Debug, PartialEq)]
pub struct Unwrapped<T>(pub T);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Unwrapped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let inner = match value {
            Value::Object(mut map) if map.contains_key("value") => {
                map.remove("value").unwrap_or(Value::Null)
            }
            other => other,
        };
        serde_json::from_value(inner)
            .map(Unwrapped)
            .map_err(D::Error::custom)
    }
}

/// Reads an [`Object`] from a deserializer, for a model's `Deserialize`.
pub fn read_object<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Object, D::Error> {
    Object::deserialize(deserializer)
        .map_err(|e| D::Error::custom(format_args!("expected a JSON object: {e}")))
}

/// Writes `key: value` when `value` is set; unset fields are left out, as
/// the service expects of partial objects.
pub fn write_field<M: SerializeMap, T: serde::Serialize>(
    map: &mut M,
    key: &str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_taken_by_name_and_nulls_are_absent() {
        let mut object: Object =
            serde_json::from_str(r#"{"id": "1", "size": 3, "note": null, "extra": true}"#).unwrap();
        let id: Option<String> = object.take::<_, serde_json::Error>("id").unwrap();
        let note: Option<String> = object.take::<_, serde_json::Error>("note").unwrap();
        let missing: Option<i32> = object.take::<_, serde_json::Error>("missing").unwrap();
        assert_eq!((id.as_deref(), note, missing), (Some("1"), None, None));

        let wrong = object
            .take::<String, serde_json::Error>("size")
            .unwrap_err();
        assert!(wrong.to_string().contains("field `size`"), "{wrong}");
        assert_eq!(object.into_rest().len(), 1);
    }

    #[test]
    fn numbers_may_come_as_strings() {
        let mut object: Object =
            serde_json::from_str(r#"{"weight": "0.25", "size": "9007199254740993", "name": "7"}"#)
                .unwrap();
        let weight: Option<f64> = object.take::<_, serde_json::Error>("weight").unwrap();
        let size: Option<i64> = object.take::<_, serde_json::Error>("size").unwrap();
        let name: Option<String> = object.take::<_, serde_json::Error>("name").unwrap();
        assert_eq!(
            (weight, size, name.as_deref()),
            (Some(0.25), Some(9007199254740993), Some("7"))
        );
    }

    #[test]
    fn annotations_are_taken_by_their_at_sign() {
        let mut object: Object = serde_json::from_str(
            r#"{"id": "1", "manager@odata.bind": "https://x/users/2", "@odata.etag": "W/1"}"#,
        )
        .unwrap();
        let annotations = object.annotations();
        let mut names: Vec<&String> = annotations.keys().collect();
        names.sort();
        assert_eq!(names, ["@odata.etag", "manager@odata.bind"]);
        assert_eq!(object.into_rest().len(), 1);
    }

    #[test]
    fn single_values_are_unwrapped_from_their_envelope() {
        let wrapped: Unwrapped<bool> =
            serde_json::from_str(r#"{"@odata.context": "x", "value": true}"#).unwrap();
        assert_eq!(wrapped, Unwrapped(true));
        let bare: Unwrapped<String> = serde_json::from_str(r#""csr""#).unwrap();
        assert_eq!(bare.0, "csr");
    }

    #[test]
    fn only_set_fields_are_written() {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut map = serde::Serializer::serialize_map(&mut serializer, None).unwrap();
        write_field(&mut map, "a", &Some(1)).unwrap();
        write_field::<_, i32>(&mut map, "b", &None).unwrap();
        SerializeMap::end(map).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a":1}"#);
    }
}
