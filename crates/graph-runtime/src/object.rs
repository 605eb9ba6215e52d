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
    pub fn take<T: DeserializeOwned, E: serde::de::Error>(
        &mut self,
        key: &str,
    ) -> Result<Option<T>, E> {
        match self.0.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value)
                .map(Some)
                .map_err(|e| E::custom(format_args!("field `{key}`: {e}"))),
        }
    }

    /// The fields no model field took, for open types.
    pub fn into_rest(self) -> Map<String, Value> {
        self.0
    }
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
