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
//! | `V005` | bad-format | an `Edm.Date`, `Edm.TimeOfDay`, `Edm.Duration` or `Edm.Guid` not in its string form, or an `Edm.Binary` that is not base64 |
//! | `V006` | unknown-response-type | the response type, from the page or the example's annotation, is not a type of the model |
//! | `V007` | unknown-odata-type | an object's `@odata.type` names no type of the model; its members are not checked |
//! | `V008` | odata-type-not-derived | an object's `@odata.type` is neither the declared type nor derived from it |
//! | `V009` | collection-shape | a collection response that is not `{"value": [...]}` |
//! | `V010` | enum-case | an enum value that matches a member only when case is ignored (`HTML` for `html`) |
//! | `V011` | body-with-no-content | a response whose status is `204 No Content` shows a body |
//! | `V012` | undocumented-url | a request's URL fits none of the paths the operation's page documents |
//! | `V013` | undocumented-body | a success response shows a body where the page's `Response` section says none comes back |
//! | `V014` | body-not-taken | a `GET` or `DELETE` request shows a body |
//! | `V015` | missing-body | a success response other than `202` or `204` shows no body where the page's `Response` section says one comes back |
//! | `V016` | unqualified-odata-type | an object's `@odata.type` names a type of the model, but not by its qualified name (`educationAssignmentPointsGradeType` for `#microsoft.graph.educationAssignmentPointsGradeType`) |
//! | `V017` | wrapped-object | a single object is wrapped in `{"value": ...}`, but its type has a `value` property of its own that holds no object |
//! | `V018` | elided-value | a placeholder for a value of the declared primitive type (`datetime-value`, `String`, `skuId-value`) or a value cut short (`MIIDYDCCAki...`); checks of the example read a value of the type in its place |
//!
//! Every finding is a warning on the line where the example's body starts
//! (its request line for `V012`, and for `V015` the line after the
//! response's headers);
//! the message names the member by its path, such as
//! `value[0].assignedLicenses[0].skuId`. One example reports each code and
//! member once, however many items of a collection repeat the mistake.

mod body;
mod elided;
mod format;
mod url;
mod value;

use std::collections::BTreeSet;

use docgen_page::Diagnostic;
use serde::Serialize;

use crate::api::Api;
use crate::ir::{ExampleResponse, Finding, Operation, Source, StandIn, TypeRef};
use body::{check_request, check_response};
use docgen_page::Primitive;
use url::check_url;

/// A member the type does not declare.
pub const UNKNOWN_PROPERTY: &str = "V001";
/// A value of the wrong JSON kind.
pub const WRONG_JSON_TYPE: &str = "V002";
/// A string that is not a member of its enum.
pub const BAD_ENUM_VALUE: &str = "V003";
/// An `Edm.DateTimeOffset` that is not RFC 3339.
pub const BAD_DATE_TIME: &str = "V004";
/// A date, time of day, duration, GUID or binary not in its string form.
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
/// A `204 No Content` response that shows a body.
pub const BODY_WITH_NO_CONTENT: &str = "V011";
/// A request URL that is none of the operation's documented paths.
pub const UNDOCUMENTED_URL: &str = "V012";
/// A success response with a body where the page says none comes back.
pub const UNDOCUMENTED_BODY: &str = "V013";
/// A request body sent with a method that takes none.
pub const BODY_NOT_TAKEN: &str = "V014";
/// A success response without the body the page says comes back.
pub const MISSING_BODY: &str = "V015";
/// An `@odata.type` that is not the qualified name of its type.
pub const UNQUALIFIED_ODATA_TYPE: &str = "V016";
/// A single object wrapped in `value` where its type has a `value`.
pub const WRAPPED_OBJECT: &str = "V017";
/// A placeholder or a value cut short where a primitive is declared.
pub const ELIDED_VALUE: &str = "V018";

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
    /// findings themselves are on the examples and in
    /// [`Api::diagnostics`].
    pub fn example_report(&self) -> ExampleReport {
        example_report(self)
    }
}

/// One mistake in a body, before it is tied to a file and line.
pub struct Check {
    /// One of the `V` codes above.
    pub code: &'static str,
    /// Where in the body: `value[0].assignedLicenses[0].skuId`, empty for
    /// the body itself.
    pub path: String,
    /// What is wrong, naming the path.
    pub message: String,
    /// For an elided value (`V018`), a value of the declared type to check
    /// the rest of the body with.
    pub stand_in: Option<serde_json::Value>,
}

impl Check {
    fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Check {
        Check {
            code,
            path: path.into(),
            message: message.into(),
            stand_in: None,
        }
    }
}

/// What the lint found in one example, before it is stored on it.
struct Found {
    operation: usize,
    example: usize,
    url: Option<Finding>,
    request: Option<(Vec<Finding>, Vec<StandIn>)>,
    response: Option<(Vec<Finding>, Vec<StandIn>)>,
}

/// Lints every example of `api`'s operations: stores each body's findings
/// on its example and returns them as diagnostics.
pub fn lint_examples(api: &mut Api) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (o, op) in api.operations.iter().enumerate() {
        for (e, example) in op.examples.iter().enumerate() {
            let request = example.request.as_ref();
            let url = request.and_then(|request| {
                let check = check_url(op, &request.url)?;
                located(vec![check], &request.source).pop()
            });
            let request = request.and_then(|request| {
                let findings = request_checks(api, op, request.body.as_ref()?)?;
                let stand_ins = stand_ins(&findings);
                Some((located(findings, &request.source), stand_ins))
            });
            let response = example.response.as_ref().and_then(|response| {
                let findings = match &response.body {
                    Some(body) => response_checks(api, op, response, body)?,
                    None => vec![missing_body(op, response)?],
                };
                let stand_ins = stand_ins(&findings);
                Some((located(findings, &response.source), stand_ins))
            });
            found.push(Found {
                operation: o,
                example: e,
                url,
                request,
                response,
            });
        }
    }

    let mut diagnostics = Vec::new();
    for found in found {
        let example = &mut api.operations[found.operation].examples[found.example];
        if let Some(side) = example.request.as_mut() {
            diagnostics.extend(found.url.iter().map(|f| diagnostic("request", f)));
            side.url_finding = found.url;
            if let Some((findings, stand_ins)) = found.request {
                diagnostics.extend(findings.iter().map(|f| diagnostic("request", f)));
                side.findings = findings;
                side.stand_ins = stand_ins;
            }
        }
        if let (Some(side), Some((findings, stand_ins))) =
            (example.response.as_mut(), found.response)
        {
            diagnostics.extend(findings.iter().map(|f| diagnostic("response", f)));
            side.findings.extend(findings);
            side.stand_ins = stand_ins;
        }
    }
    diagnostics
}

/// How many examples of `api` were checked and how many fit the model.
pub fn example_report(api: &Api) -> ExampleReport {
    let mut report = ExampleReport::default();
    for op in &api.operations {
        for example in &op.examples {
            if let Some(request) = &example.request {
                let findings = request
                    .body
                    .as_ref()
                    .map(|body| request_checks(api, op, body));
                tally(&mut report.request, findings, &request.source);
            }
            if let Some(response) = &example.response {
                let findings = response
                    .body
                    .as_ref()
                    .map(|body| response_checks(api, op, response, body));
                tally(&mut report.response, findings, &response.source);
            }
        }
    }
    report
}

/// Counts one side of one example. `findings` is None without a body, and
/// Some(None) when there was nothing to check the body against.
fn tally(side: &mut SideReport, findings: Option<Option<Vec<Check>>>, source: &Source) {
    let Some(findings) = findings else {
        return;
    };
    side.bodies += 1;
    let Some(findings) = findings else {
        return;
    };
    side.checked += 1;
    let findings = located(findings, source);
    if findings.is_empty() {
        side.valid += 1;
    }
    side.findings += findings.len();
}

/// The findings of a request body: against the type the operation takes,
/// or one finding when its method takes no body. None when there is
/// nothing to check.
fn request_checks(api: &Api, op: &Operation, body: &serde_json::Value) -> Option<Vec<Check>> {
    if op.request_body.is_none() && matches!(op.method.as_str(), "GET" | "DELETE" | "HEAD") {
        return Some(vec![Check::new(
            BODY_NOT_TAKEN,
            "",
            format!(
                "the example sends a body, but a `{}` request takes none",
                op.method
            ),
        )]);
    }
    check_request(api, op, body)
}

/// The finding of a success response that shows no body where the page
/// says one comes back as JSON. `202 Accepted` and `204 No Content` are
/// answers without a body; the lowering makes a body that the docs show
/// missing from them optional.
fn missing_body(op: &Operation, response: &ExampleResponse) -> Option<Check> {
    let status = response.status.unwrap_or(op.response.status);
    let json = match &op.response.ty {
        Some(TypeRef::Named(_)) => true,
        Some(TypeRef::Primitive(p)) => !matches!(p, Primitive::Stream | Primitive::Untyped),
        Some(TypeRef::Json) | None => false,
    };
    let raw_path = op.path.ends_with("/$value") || op.path.ends_with("/content");
    let expected = json && !raw_path && !op.response.optional;
    let success = (200..300).contains(&status) && !matches!(status, 202 | 204);
    // An answer of another kind (`text/plain` for a `$count`) is no JSON
    // body left out.
    let json_answer = response
        .header("content-type")
        .is_none_or(|t| t.to_ascii_lowercase().contains("json"));
    if !(expected && success && json_answer && response.empty) {
        return None;
    }
    let message = format!(
        "the example answers `{status}` without a body, but the docs say {} `{}` comes back ({})",
        if op.response.collection {
            "a collection of"
        } else {
            "a"
        },
        op.response.ty.as_ref().map_or("", TypeRef::qualified_name),
        op.response.source
    );
    Some(Check::new(MISSING_BODY, "", message))
}

/// The findings of a response body: against its type, and against its
/// status. None when there is nothing to check.
fn response_checks(
    api: &Api,
    op: &Operation,
    response: &ExampleResponse,
    body: &serde_json::Value,
) -> Option<Vec<Check>> {
    let typed = check_response(api, op, response, body);
    let status = response.status.unwrap_or(op.response.status);
    let check = if status == 204 {
        Check::new(
            BODY_WITH_NO_CONTENT,
            "",
            "the status is `204 No Content`, but the example shows a body",
        )
    } else if op.response.ty.is_none() && status < 400 {
        Check::new(
            UNDOCUMENTED_BODY,
            "",
            format!(
                "the example shows a body, but the docs say none comes back ({})",
                op.response.source
            ),
        )
    } else {
        return typed;
    };
    let mut checks = vec![check];
    checks.extend(typed.into_iter().flatten());
    Some(checks)
}

/// Every elided value's stand-in, at each place the body elides it: unlike
/// the findings, these are not folded across the items of a collection.
fn stand_ins(findings: &[Check]) -> Vec<StandIn> {
    findings
        .iter()
        .filter_map(|f| {
            Some(StandIn {
                pointer: elided::pointer(&f.path),
                value: f.stand_in.clone()?,
            })
        })
        .collect()
}

/// The findings of one body, tied to its page and line. Items of a
/// collection tend to repeat one mistake: each code and member is kept
/// once per body, at its first item.
fn located(findings: Vec<Check>, source: &Source) -> Vec<Finding> {
    let mut seen = BTreeSet::new();
    findings
        .into_iter()
        .filter(|f| seen.insert((f.code, without_indexes(&f.path))))
        .map(|f| Finding {
            code: f.code,
            path: f.path,
            message: f.message,
            source: source.clone(),
        })
        .collect()
}

fn diagnostic(label: &str, finding: &Finding) -> Diagnostic {
    Diagnostic::warning(
        finding.code,
        &finding.source.file,
        finding.source.line,
        format!("{label} example: {}", finding.message),
    )
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
