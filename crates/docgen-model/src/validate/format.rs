//! Loose checks of the string forms of the EDM primitives.
//!
//! The examples are written by hand, so these checks catch values that
//! could not come from the service (`"2021-13-01"`, `"yesterday"`) rather
//! than every corner of the grammars.

// FIXME: days are checked against 31, not the month's length, so
// `2021-02-30` passes; `chrono`, already in the workspace, would catch it
// once the model crate may depend on it.

/// Whether `s` reads as an RFC 3339 date and time with an offset:
/// `2021-07-16T08:30:00Z`, `2021-07-16T08:30:00.1234567+02:00`.
pub fn is_date_time_offset(s: &str) -> bool {
    let Some((date, rest)) = s.split_once(['T', 't']) else {
        return false;
    };
    let (time, offset) = match rest.find(['Z', 'z', '+', '-']) {
        Some(at) => rest.split_at(at),
        None => return false,
    };
    is_date(date) && is_time_of_day(time) && time.len() >= 8 && is_offset(offset)
}

/// `Z`, `+02:00` or `-0530`.
fn is_offset(s: &str) -> bool {
    if s.eq_ignore_ascii_case("z") {
        return true;
    }
    let digits = s[1..].replace(':', "");
    digits.len() == 4
        && all_digits(&digits)
        && number(&digits[..2]) <= 23
        && number(&digits[2..]) <= 59
}

/// `YYYY-MM-DD` with a month and day in range.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    year.len() == 4
        && month.len() == 2
        && day.len() == 2
        && [year, month, day].iter().all(|p| all_digits(p))
        && (1..=12).contains(&number(month))
        && (1..=31).contains(&number(day))
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fffffff`.
pub fn is_time_of_day(s: &str) -> bool {
    let (clock, fraction) = match s.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (s, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let limits: &[u32] = match parts.len() {
        2 => &[23, 59],
        // A leap second is 60.
        3 => &[23, 59, 60],
        _ => return false,
    };
    let clock_ok = parts
        .iter()
        .zip(limits)
        .all(|(p, max)| p.len() == 2 && all_digits(p) && number(p) <= *max);
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && all_digits(f));
    clock_ok && fraction_ok && (fraction.is_none() || parts.len() == 3)
}

/// An ISO 8601 duration as OData writes it: `P1D`, `PT1H30M`, `-PT0.5S`.
pub fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some(body) = s.strip_prefix(['P', 'p']) else {
        return false;
    };
    let (date, time) = match body.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let date_ok = components(date, "YMWD");
    let time_ok = time.is_none_or(|t| !t.is_empty() && components(t, "HMS"));
    date_ok && time_ok && !(date.is_empty() && time.is_none())
}

/// `1Y2M` style runs of a number and a unit letter, units in `units`
/// order, each at most once.
fn components(s: &str, units: &str) -> bool {
    let mut rest = s;
    let mut allowed = units;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (amount, after) = rest.split_at(end);
        let Some(unit) = after.chars().next().map(|c| c.to_ascii_uppercase()) else {
            return false;
        };
        let Some(at) = allowed.find(unit) else {
            return false;
        };
        if amount.is_empty() || amount.parse::<f64>().is_err() {
            return false;
        }
        allowed = &allowed[at + 1..];
        rest = &after[1..];
    }
    true
}

/// `8-4-4-4-12` hexadecimal digits, braces allowed.
pub fn is_guid(s: &str) -> bool {
    let s = s
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(s);
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Standard base64 with its padding, as the service writes `Edm.Binary`
/// and as the client reads it.
pub fn is_base64(s: &str) -> bool {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .is_ok()
}

/// A number written as a string, as OData writes `Edm.Int64` and
/// `Edm.Decimal` for clients that cannot hold them: `"9007199254740993"`.
pub fn is_numeric_string(s: &str) -> bool {
    !s.trim().is_empty() && s.trim().parse::<f64>().is_ok()
}

/// The string forms of IEEE 754 values that JSON numbers cannot carry.
pub fn is_special_float(s: &str) -> bool {
    matches!(s, "NaN" | "INF" | "-INF" | "Infinity" | "-Infinity")
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

fn number(s: &str) -> u32 {
    s.parse().unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc_3339_and_rejects_other_dates() {
        for ok in [
            "2021-07-16T08:30:00Z",
            "2021-07-16T08:30:00.1234567Z",
            "2021-07-16T08:30:00+02:00",
            "2021-07-16t08:30:00-0530",
        ] {
            assert!(is_date_time_offset(ok), "{ok}");
        }
        for bad in [
            "2021-07-16",
            "2021-07-16T08:30:00",
            "2021-13-16T08:30:00Z",
            "07/16/2021 08:30",
            "String (timestamp)",
            "2021-07-16T08:30Z",
        ] {
            assert!(!is_date_time_offset(bad), "{bad}");
        }
    }

    #[test]
    fn reads_dates_times_durations_and_guids() {
        assert!(is_date("2021-07-16"));
        assert!(!is_date("2021-7-16"));
        assert!(is_time_of_day("08:30:00.0000000"));
        assert!(is_time_of_day("08:30"));
        assert!(!is_time_of_day("25:00:00"));
        assert!(is_duration("PT1H30M"));
        assert!(is_duration("-P1DT0.5S"));
        assert!(is_duration("P2W"));
        assert!(!is_duration("P"));
        assert!(!is_duration("PT"));
        assert!(!is_duration("1 hour"));
        assert!(!is_duration("PT1M1H"));
        assert!(is_guid("d36894ae-94ae-d368-ae94-68d3ae9468d3"));
        assert!(is_guid("{d36894ae-94ae-d368-ae94-68d3ae9468d3}"));
        assert!(!is_guid("d36894ae94aed368ae9468d3ae9468d3"));
        assert!(is_base64("UEsDBBQABgAIAAAAIQ4AAAAA"));
        assert!(is_base64(""));
        assert!(!is_base64("Binary"));
        assert!(!is_base64("Adfsdfsdfsdfw=="));
    }
}
