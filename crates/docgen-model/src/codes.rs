//! The diagnostic codes the model emits: `M0xx` while lowering pages,
//! `V0xx` from the docs lint that checks every example against the model.
//! `docs/ir-schema.md` explains each at more length.

use docgen_page::{CodeDoc, Severity};

const fn code(code: &'static str, severity: Severity, summary: &'static str) -> CodeDoc {
    CodeDoc {
        code,
        severity,
        summary,
    }
}

/// Every code the model emits, in order.
pub const CODES: &[CodeDoc] = &[
    code(
        "M001",
        Severity::Warning,
        "type names no declared type; read as untyped JSON",
    ),
    code(
        "M002",
        Severity::Warning,
        "type cell holds no type; read as untyped JSON",
    ),
    code(
        "M003",
        Severity::Warning,
        "property declared with different types; first kept",
    ),
    code(
        "M004",
        Severity::Warning,
        "base type is declared nowhere; type has no base",
    ),
    code(
        "M005",
        Severity::Note,
        "method and path documented on several pages; page skipped",
    ),
    code(
        "M010",
        Severity::Warning,
        "API page has no request line; no operation read",
    ),
    code(
        "M011",
        Severity::Warning,
        "request line's path is relative or elided; line skipped",
    ),
    code(
        "V001",
        Severity::Warning,
        "example member is not declared by its type",
    ),
    code(
        "V002",
        Severity::Warning,
        "example value has the wrong JSON kind",
    ),
    code(
        "V003",
        Severity::Warning,
        "example string is not a member of its enum",
    ),
    code(
        "V004",
        Severity::Warning,
        "example date and time is not RFC 3339",
    ),
    code(
        "V005",
        Severity::Warning,
        "example date, time, duration, GUID or binary is malformed",
    ),
    code(
        "V006",
        Severity::Warning,
        "response example's type is not in the model",
    ),
    code(
        "V007",
        Severity::Warning,
        "example `@odata.type` is not in the model",
    ),
    code(
        "V008",
        Severity::Warning,
        "example `@odata.type` is not the declared type or derived",
    ),
    code(
        "V009",
        Severity::Warning,
        "collection response is not `{\"value\": [...]}`",
    ),
    code(
        "V010",
        Severity::Warning,
        "example enum value differs from its member in case",
    ),
    code(
        "V011",
        Severity::Warning,
        "204 response example shows a body",
    ),
    code(
        "V012",
        Severity::Warning,
        "example URL is none of the documented paths",
    ),
    code(
        "V013",
        Severity::Warning,
        "response example shows a body the page says is not sent",
    ),
    code(
        "V014",
        Severity::Warning,
        "GET or DELETE request example sends a body",
    ),
    code(
        "V015",
        Severity::Warning,
        "response example lacks the JSON body the page promises",
    ),
    code(
        "V016",
        Severity::Warning,
        "example `@odata.type` is not a qualified name",
    ),
    code(
        "V017",
        Severity::Warning,
        "single object wrapped in `{\"value\": ...}` is ambiguous",
    ),
    code(
        "V018",
        Severity::Warning,
        "example value is a placeholder or cut short",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_listed_once_in_order() {
        let codes: Vec<&str> = CODES.iter().map(|c| c.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn every_code_is_explained_in_the_schema() {
        let schema = include_str!("../../../docs/ir-schema.md");
        for doc in CODES {
            assert!(
                schema.contains(&format!("| `{}` |", doc.code)),
                "{} is missing from docs/ir-schema.md",
                doc.code
            );
        }
    }
}
