//! Rust types for the EDM primitives that generated models use, and the
//! crates they come from, re-exported so that a generated crate needs no
//! dependency of its own for them.

use std::fmt;

use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use chrono;
pub use uuid;

/// `Edm.DateTimeOffset`: an RFC 3339 timestamp with its offset.
pub type DateTimeOffset = chrono::DateTime<chrono::FixedOffset>;
/// `Edm.Date`: a calendar date, `2021-07-16`.
pub type Date = chrono::NaiveDate;
/// `Edm.TimeOfDay`: a time without a date, `08:30:00.0000000`.
pub type TimeOfDay = chrono::NaiveTime;
/// `Edm.Guid`.
pub type Guid = uuid::Uuid;

/// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M`, kept as written
/// so that it goes back to the service unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Duration(pub String);

impl Duration {
    /// The duration as a [`std::time::Duration`], for the day-time forms
    /// (`P1DT2H3M4.5S`); `None` for forms with years or months, whose length
    /// depends on the calendar, and for text that is not a duration.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let rest = self.0.strip_prefix('P')?;
        let (days, time) = match rest.split_once('T') {
            Some((d, t)) => (d, t),
            None => (rest, ""),
        };
        let mut seconds = 0f64;
        for (part, units) in [
            (days, &[('W', 604_800f64), ('D', 86_400f64)][..]),
            (time, &[('H', 3_600f64), ('M', 60f64), ('S', 1f64)][..]),
        ] {
            let mut number = String::new();
            for c in part.chars() {
                if c.is_ascii_digit() || c == '.' {
                    number.push(c);
                    continue;
                }
                let (_, scale) = units.iter().find(|(u, _)| *u == c)?;
                seconds += number.parse::<f64>().ok()? * scale;
                number.clear();
            }
            if !number.is_empty() {
                return None;
            }
        }
        Some(std::time::Duration::from_secs_f64(seconds))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `Edm.Binary`: bytes, written in JSON as standard base64.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub Vec<u8>);

impl fmt::Debug for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64({} bytes)", self.0.len())
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map(Base64)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_convert_when_their_length_is_fixed() {
        let d = |s: &str| Duration(s.to_string()).to_std();
        assert_eq!(d("PT1H30M"), Some(std::time::Duration::from_secs(5400)));
        assert_eq!(
            d("P1DT0.5S"),
            Some(std::time::Duration::from_millis(86_400_500))
        );
        assert_eq!(d("P1Y"), None);
        assert_eq!(d("soon"), None);
    }

    #[test]
    fn binary_is_base64_in_json() {
        let b = Base64(b"hi".to_vec());
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"aGk=\"");
        let back: Base64 = serde_json::from_str("\"aGk=\"").unwrap();
        assert_eq!(back, b);
        assert!(serde_json::from_str::<Base64>("\"not base64!\"").is_err());
    }
}
