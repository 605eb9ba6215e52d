//! Checks of the docs' examples against the model, in the manner of a docs
//! lint: every request and response body of every operation is read as the
//! type the operation takes or returns, and what does not fit is reported.
//!
//! | code | name | finding |
//! |---|---|---|
//! | `V001` | unknown-property | a member that the type (with its bases) or the parameter set does not declare; open types and `@`-annotations are exempt |
//! | `V002` | wrong-json-type | a value of the wrong JSON kind: a string where a number is declared, an object where an array is |
//! | `V003` | bad-enum-value | a string that is not a member of the enum (flag enums may list members with commas) |
//! | `V004` | bad-date-time | an `Edm.DateTimeOffset` that is not RFC 3339 |
//! | `V005` | bad-format | an `Edm.Date`, `Edm.TimeOfDay`, `Edm.Duration` or `Edm.Guid` not in its string form |
//! | `V006` | unknown-response-type | the response type, from the page or the example's annotation, is not a type of the model |
//! | `V007` | unknown-odata-type | an object's `@odata.type` names no type of the model; its members are not checked |
//! | `V008` | odata-type-not-derived | an object's `@odata.type` is neither the declared type nor derived from it |
//! | `V009` | collection-shape | a collection response that is not `{"value": [...]}` |
//! | `V010` | enum-case | an enum value that matches a member only when case is ignored (`HTML` for `html`) |
//!
//! Every finding is a warning on the line where the example's body starts;
//! the message names the member by its path, such as
//! `value[0].assignedLicenses[0].skuId`. One example reports each code and
//! member once, however many items of a collection repeat the mistake.

mod body;
mod format;
mod value;

use std::collections::BTreeSet;

use docgen_page::Diagnostic;
use serde::Serialize;

use crate::api::Api;
use crate::ir::Source;
use body::{check_request, check_response};

/// A member the type does not declare.
pub const UNKNOWN_PROPERTY: &str = "V001";
/// A value of the wrong JSON kind.
pub const WRONG_JSON_TYPE: &str = "V002";
/// A string that is not a member of its enum.
pub const BAD_ENUM_VALUE: &str = "V003";
/// An `Edm.DateTimeOffset` that is not RFC 3339.
pub const BAD_DATE_TIME: &str = "V004";
/// A date, time of day, duration or GUID not in its string form.
pub const BAD_FORMAT: &str = "V005";
/// A response type that is not in the model.
pub const UNKNOWN_RESPONSE_TYPE: &str = "V006";
/// An `@odata.type` that is not in the model.
pub const UNKNOWN_ODATA_TYPE: &str = "V007";
/// An `@odata.type` unrelated to the declared type.
pub const NOT_DERIVED: &str = "V008";
/// A collection response not shaped `{"value": [...]}`.
pub const COLLECTION_SHAPE: &str = "V009";
/// An enum value that differs from its member only in case.
pub const ENUM_CASE: &str = "V010";

/// How many examples of an API were checked and how many fit the model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExampleReport {
    /// The request examples, checked against the body the operation takes.
    pub request: SideReport,
    /// The response examples, checked against the type it returns.
    pub response: SideReport,
}

/// The counts of one side (requests or responses) of the examples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SideReport {
    /// Examples with a JSON body on this side.
    pub bodies: usize,
    /// Bodies that had a type to be checked against.
    pub checked: usize,
    /// Checked bodies without findings.
    pub valid: usize,
    /// Findings over all checked bodies.
    pub findings: usize,
}

impl SideReport {
    /// The share of checked bodies that are valid, 1.0 when none were
    /// checked.
    pub fn valid_share(&self) -> f64 {
        if self.checked == 0 {
            1.0
        } else {
            self.valid as f64 / self.checked as f64
        }
    }
}

impl Api {
    /// How many examples were checked and how many fit the model; the
    /// findings themselves are in [`Api::diagnostics`].
    pub fn example_report(&self) -> ExampleReport {
        example_report(self)
    }
}

/// Every finding of the examples of `api`'s operations.
pub fn validate_examples(api: &Api) -> Vec<Diagnostic> {
    lint(api).1
}

/// How many examples of `api` were checked and how many fit the model.
pub fn example_report(api: &Api) -> ExampleReport {
    lint(api).0
}

/// One mistake in a body, before it is tied to a file and line.
pub struct Finding {
    /// One of the `V` codes above.
    pub code: &'static str,
    /// Where in the body: `value[0].assignedLicenses[0].skuId`, empty for
    /// the body itself.
    pub path: String,
    /// What is wrong, naming the path.
    pub message: String,
}

fn lint(api: &Api) -> (ExampleReport, Vec<Diagnostic>) {
    let mut report = ExampleReport::default();
    let mut diagnostics = Vec::new();
    for op in &api.operations {
        for example in &op.examples {
            if let Some(request) = &example.request {
                let findings = request
                    .body
                    .as_ref()
                    .map(|body| check_request(api, op, body));
                tally(
                    &mut report.request,
                    &mut diagnostics,
                    "request",
                    &request.source,
                    findings,
                );
            }
            if let Some(response) = &example.response {
                let findings = response
                    .body
                    .as_ref()
                    .map(|body| check_response(api, op, response, body));
                tally(
                    &mut report.response,
                    &mut diagnostics,
                    "response",
                    &response.source,
                    findings,
                );
            }
        }
    }
    (report, diagnostics)
}

/// Counts one side of one example and turns its findings into
/// diagnostics. `findings` is None without a body, and Some(None) when
/// there was nothing to check the body against.
fn tally(
    side: &mut SideReport,
    diagnostics: &mut Vec<Diagnostic>,
    label: &str,
    source: &Source,
    findings: Option<Option<Vec<Finding>>>,
) {
    let Some(findings) = findings else {
        return;
    };
    side.bodies += 1;
    let Some(findings) = findings else {
        return;
    };
    side.checked += 1;
    if findings.is_empty() {
        side.valid += 1;
    }

    // Items of a collection tend to repeat one mistake: report each code
    // and member once per example.
    let mut seen = BTreeSet::new();
    for f in findings {
        if seen.insert((f.code, without_indexes(&f.path))) {
            side.findings += 1;
            diagnostics.push(Diagnostic::warning(
                f.code,
                &source.file,
                source.line,
                format!("{label} example: {}", f.message),
            ));
        }
    }
}

/// `value[0].members[3].id` → `value[].members[].id`.
fn without_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}
