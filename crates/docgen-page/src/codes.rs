//! The diagnostic codes the page reader emits, with what each means and
//! what to do about it. `DIAGNOSTICS.md` beside the crate's manifest holds
//! the same table for people who do not read the code.
//!
//! | code | severity | meaning |
//! |---|---|---|
//! | P001 | warning | An annotation comment looks like JSON but cannot be read, even after repair; the code block after it is read without annotation. |
//! | P002 | note | An annotation comment is not valid JSON; it was read after an unambiguous repair (trailing comma, missing comma, bare key, smart quotes, line end in a string). |
//! | P003 | warning | An `[!INCLUDE]` names a file that cannot be read; the include is skipped. |
//! | P004 | error | Lines start with `\|` but have no delimiter row (`\|---\|`); the table is lost (read as text). |
//! | P005 | note | A `request`, `response` or `resource` annotation is not followed by a code block. |
//! | P006 | note | A line in an `HTTP request` block is not a request line (`METHOD /path`). |
//! | P007 | note | A type cell holds more than a type (`string, maximum size 20`); the nearest type was kept. |
//! | P008 | warning | A type cell names no type (empty, or a sentence); later stages fall back to untyped JSON. |
//! | P009 | warning | An `[!INCLUDE]` would include a file that is already being included; the include is skipped. |
//! | P010 | warning | Includes nest deeper than the reader allows; the innermost include is skipped. |
//! | P011 | error | An example body is not valid JSON (cut short, unbalanced); only what parses is kept. |
//! | P012 | note | An example body leaves parts out with `...`; the rest is read. |
//! | P013 | warning | A page is not valid UTF-8; invalid bytes were replaced. |
//! | P014 | error | A page cannot be read from disk. |

use crate::diagnostic::Severity;

/// What one diagnostic code means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeDoc {
    pub code: &'static str,
    pub severity: Severity,
    /// One line, for summaries.
    pub summary: &'static str,
}

/// Every code the reader emits, in order.
pub const CODES: &[CodeDoc] = &[
    CodeDoc {
        code: "P001",
        severity: Severity::Warning,
        summary: "annotation comment is not valid JSON and was ignored",
    },
    CodeDoc {
        code: "P002",
        severity: Severity::Note,
        summary: "annotation comment was read after repair",
    },
    CodeDoc {
        code: "P003",
        severity: Severity::Warning,
        summary: "included file cannot be read",
    },
    CodeDoc {
        code: "P004",
        severity: Severity::Error,
        summary: "table lines without a delimiter row; the table is lost",
    },
    CodeDoc {
        code: "P005",
        severity: Severity::Note,
        summary: "annotation not followed by a code block",
    },
    CodeDoc {
        code: "P006",
        severity: Severity::Note,
        summary: "line in an HTTP request block is not a request line",
    },
    CodeDoc {
        code: "P007",
        severity: Severity::Note,
        summary: "type cell holds more than a type",
    },
    CodeDoc {
        code: "P008",
        severity: Severity::Warning,
        summary: "type cell names no type",
    },
    CodeDoc {
        code: "P009",
        severity: Severity::Warning,
        summary: "include cycle",
    },
    CodeDoc {
        code: "P010",
        severity: Severity::Warning,
        summary: "includes nested too deep",
    },
    CodeDoc {
        code: "P011",
        severity: Severity::Error,
        summary: "example body is not valid JSON",
    },
    CodeDoc {
        code: "P012",
        severity: Severity::Note,
        summary: "example body leaves parts out",
    },
    CodeDoc {
        code: "P013",
        severity: Severity::Warning,
        summary: "page is not valid UTF-8",
    },
    CodeDoc {
        code: "P014",
        severity: Severity::Error,
        summary: "page cannot be read",
    },
];

/// The documentation of `code`, if the reader emits it.
pub fn code_doc(code: &str) -> Option<&'static CodeDoc> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_table_lists_every_code_with_its_severity() {
        let markdown = include_str!("../DIAGNOSTICS.md");
        for doc in CODES {
            let row = format!("| {} | {} |", doc.code, doc.severity);
            assert!(markdown.contains(&row), "DIAGNOSTICS.md lacks `{row}`");
        }
    }

    #[test]
    fn every_code_the_reader_emits_is_documented() {
        let sources = [
            include_str!("reader.rs"),
            include_str!("include.rs"),
            include_str!("request_lines.rs"),
        ];
        for source in sources {
            for (i, _) in source.match_indices("\"P0") {
                let code = &source[i + 1..i + 5];
                assert!(code_doc(code).is_some(), "{code} is not in CODES");
            }
        }
    }
}
