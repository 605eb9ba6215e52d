//! Rust names for OData names, chosen in one place so that every stage
//! agrees on them.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers, and so get a raw identifier or, where
/// a raw identifier is not allowed, a trailing underscore.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Removes what cannot stand in an identifier: `@odata.type` → `odata type`,
/// `$value` → `value`, `x-ms-header` → `x ms header`.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
}

/// Prefixes a name that starts with a digit, which no identifier may.
fn no_leading_digit(name: String, prefix: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// A snake_case field, method or module name; keywords become raw
/// identifiers (`type` → `r#type`).
pub fn field_name(name: &str) -> String {
    let snake = no_leading_digit(words(name).to_snake_case(), "n");
    escape_keyword(snake)
}

/// A snake_case method name; the same rules as fields.
pub fn method_name(name: &str) -> String {
    field_name(name)
}

/// An UpperCamelCase type or variant name; acronyms are folded
/// (`AADUser` → `AadUser`), as the Rust API guidelines ask.
pub fn type_name(name: &str) -> String {
    let camel = no_leading_digit(words(name).to_upper_camel_case(), "N");
    if KEYWORDS.contains(&camel.as_str()) {
        format!("{camel}_")
    } else {
        camel
    }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Makes `name` unique among `taken` by appending a number, and records it.
pub fn unique_name(name: String, taken: &mut std::collections::BTreeSet<String>) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    let base = name.trim_start_matches("r#").to_string();
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|candidate| taken.insert(candidate.clone()))
        .expect("an unused number exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case() {
        assert_eq!(
            field_name("deviceEnrollmentLimit"),
            "device_enrollment_limit"
        );
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("3dModel"), "n3d_model");
        assert_eq!(field_name("$value"), "value");
    }

    #[test]
    fn types_are_camel_case() {
        assert_eq!(type_name("user"), "User");
        assert_eq!(
            type_name("AADUserConversationMember"),
            "AadUserConversationMember"
        );
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("24HourClock"), "N24hourClock");
    }

    #[test]
    fn collisions_get_a_number() {
        let mut taken = std::collections::BTreeSet::new();
        assert_eq!(unique_name("id".into(), &mut taken), "id");
        assert_eq!(unique_name("id".into(), &mut taken), "id2");
        assert_eq!(unique_name("r#type".into(), &mut taken), "r#type");
        assert_eq!(unique_name("r#type".into(), &mut taken), "type2");
    }
}
