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

mod format;
mod value;

use std::collections::BTreeSet;

use docgen_page::{Diagnostic, Primitive};
use serde::Serialize;
use serde_json::Value;

use crate::api::Api;
use crate::ir::{ExampleResponse, Operation, RequestBody, Source, TypeDef, TypeKind, TypeRef};
use value::Checker;

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
    pub request: SideReport,
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
    pub code: &'static str,
    /// Where in the body: `value[0].assignedLicenses[0].skuId`, empty for
    /// the body itself.
    pub path: String,
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

/// The findings of a request body, or None when the operation's body has
/// no type to check against.
fn check_request(api: &Api, op: &Operation, body: &Value) -> Option<Vec<Finding>> {
    let mut checker = Checker::new(api);
    match op.request_body.as_ref()? {
        RequestBody::Type {
            ty: TypeRef::Json, ..
        }
        | RequestBody::Stream => return None,
        RequestBody::Parameters { parameters, .. } if parameters.is_empty() => return None,
        RequestBody::Parameters { parameters, .. } => checker.parameters("", body, parameters),
        // FIXME: an action the lowering reads as a plain `POST` gets its
        // response type as the body type (`Edm.String` for
        // `getMemberGroups`); request bodies are always objects, so such a
        // body type says nothing about the example and is not checked.
        RequestBody::Type { ty, .. } if !is_structured(api, ty) => return None,
        RequestBody::Type { ty, collection } => match (collection, body.get("value")) {
            (true, Some(items)) => checker.check("value", items, ty, true),
            _ => checker.check("", body, ty, *collection),
        },
    }
    Some(checker.findings)
}

/// The findings of a response body, or None when neither the operation
/// nor the example says what type it is.
fn check_response(
    api: &Api,
    op: &Operation,
    response: &ExampleResponse,
    body: &Value,
) -> Option<Vec<Finding>> {
    let mut checker = Checker::new(api);

    // The example's annotation names the type of this one example, often
    // more precisely than the page (a `room` where the page says `place`);
    // the page's type is the fallback.
    let annotated = response.odata_type.as_deref().map(annotated_type);
    let known = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => api.type_def(name).is_some(),
        _ => true,
    };
    let (ty, collection) = match (annotated, &op.response.ty) {
        (Some((ty, collection)), _) if known(&ty) => (ty, collection),
        (None, None) => return None,
        (annotated, page) => {
            let unknown = annotated.map(|(ty, _)| ty).or_else(|| page.clone());
            if let Some(unknown) = unknown.filter(|ty| !known(ty)) {
                checker.findings.push(Finding {
                    code: UNKNOWN_RESPONSE_TYPE,
                    path: String::new(),
                    message: format!(
                        "response type `{}` is not a type of the model",
                        unknown.qualified_name()
                    ),
                });
            }
            match page {
                Some(ty) if known(ty) => (ty.clone(), op.response.collection),
                _ => return Some(checker.findings),
            }
        }
    };
    if ty == TypeRef::Json {
        return None;
    }
    let collection = collection || response.is_collection == Some(true);

    let def = api.resolve(&ty);
    let structured = is_structured(api, &ty);
    let wrapped = wrapped_value(api, body, def, collection);
    match (collection, wrapped) {
        (true, Some(items)) if items.is_array() => checker.check("value", items, &ty, true),
        (true, Some(item)) => {
            checker.findings.push(Finding {
                code: COLLECTION_SHAPE,
                path: "value".into(),
                message: "`value` of a collection response holds one item, not an array".into(),
            });
            checker.check("value", item, &ty, false);
        }
        (true, None) if body.is_array() => {
            checker.findings.push(Finding {
                code: COLLECTION_SHAPE,
                path: String::new(),
                message:
                    "`the body` of a collection response is a bare array, not `{\"value\": [...]}`"
                        .into(),
            });
            checker.check("", body, &ty, true);
        }
        (true, None) => {
            checker.findings.push(Finding {
                code: COLLECTION_SHAPE,
                path: String::new(),
                message: "`the body` of a collection response has no `value` array".into(),
            });
            checker.check("", body, &ty, false);
        }
        // Pages that call a collection "a [user](..) object" still show
        // `{"value": [...]}`: the body's shape is trusted over the prose.
        (false, Some(items)) if items.is_array() && structured => {
            checker.check("value", items, &ty, true)
        }
        (false, Some(item)) => checker.check("value", item, &ty, false),
        (false, None) => checker.check("", body, &ty, false),
    }
    Some(checker.findings)
}

/// Whether `ty` is an entity or complex type, whose values are objects.
fn is_structured(api: &Api, ty: &TypeRef) -> bool {
    api.resolve(ty)
        .is_some_and(|def| def.kind != TypeKind::Enum)
}

/// A type as an example's annotation writes it: `microsoft.graph.user`,
/// `Collection(microsoft.graph.permission)`, `Edm.String`; and whether it
/// is a collection.
fn annotated_type(written: &str) -> (TypeRef, bool) {
    let written = written.trim().trim_start_matches('#');
    let item = written
        .get(.."collection(".len())
        .filter(|head| head.eq_ignore_ascii_case("collection("))
        .and_then(|_| written["collection(".len()..].strip_suffix(')'));
    let (name, collection) = match item {
        Some(item) => (item.trim(), true),
        None => (written, false),
    };
    let ty = match Primitive::from_name(name) {
        Some(p) => TypeRef::Primitive(p),
        None => TypeRef::Named(name.to_string()),
    };
    (ty, collection)
}

/// The `value` member of a body that wraps the result: every collection,
/// every primitive or enum result, and, as many pages write it, a single
/// object (`{"value": {...}}`). A type that declares a `value` property of
/// its own is the body itself unless `value` is the body's only member and
/// its shape says it wraps.
fn wrapped_value<'v>(
    api: &Api,
    body: &'v Value,
    def: Option<&TypeDef>,
    collection: bool,
) -> Option<&'v Value> {
    let members = body.as_object()?;
    let value = members.get("value")?;
    let declares_value = def.is_some_and(|def| {
        def.kind != TypeKind::Enum && api.all_properties(def).iter().any(|p| p.name == "value")
    });
    if !declares_value {
        return Some(value);
    }
    let only_value = members.keys().all(|k| k == "value" || k.contains('@'));
    (only_value && (collection || value.is_object())).then_some(value)
}
