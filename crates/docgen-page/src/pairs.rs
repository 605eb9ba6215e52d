//! Keys and values kept in the order written, as front matter and
//! annotation comments hold them: a handful of pairs, found faster by
//! looking at each than by hashing.

use serde::{Serialize, Serializer};

/// Sets `key` to `value`: a key written again keeps its place and takes the
/// later value, as in a JSON object.
pub(crate) fn set<K: PartialEq, V>(pairs: &mut Vec<(K, V)>, key: K, value: V) {
    match pairs.iter_mut().find(|(k, _)| *k == key) {
        Some((_, old)) => *old = value,
        None => pairs.push((key, value)),
    }
}

/// Writes the pairs out as a map, in their order.
pub(crate) fn serialize_as_map<K, V, S>(pairs: &[(K, V)], serializer: S) -> Result<S::Ok, S::Error>
where
    K: Serialize,
    V: Serialize,
    S: Serializer,
{
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_written_twice_keeps_its_place_and_the_later_value() {
        let mut pairs = Vec::new();
        set(&mut pairs, "a", 1);
        set(&mut pairs, "b", 2);
        set(&mut pairs, "a", 3);
        assert_eq!(pairs, [("a", 3), ("b", 2)]);

        let json = serialize_as_map(&pairs, serde_json::value::Serializer).unwrap();
        assert_eq!(json.to_string(), r#"{"a":3,"b":2}"#);
    }
}
