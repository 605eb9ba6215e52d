//! The examples of an operation, from the page's request and response
//! blocks.

use docgen_page::{Body, Page, StartLine};

use crate::ir::{Example, ExampleRequest, ExampleResponse, Finding, Source};

/// The page's examples whose request uses `method` (or that have none).
pub fn examples(page: &Page, method: &str) -> Vec<Example> {
    page.examples
        .iter()
        .filter(
            |e| match e.request.as_ref().and_then(|r| r.message.start.as_ref()) {
                Some(StartLine::Request { method: m, .. }) => m == method,
                _ => true,
            },
        )
        .map(|e| {
            let request = e.request.as_ref().and_then(|r| {
                let Some(StartLine::Request { method, url, .. }) = &r.message.start else {
                    return None;
                };
                Some(ExampleRequest {
                    method: method.clone(),
                    url: url.clone(),
                    body: r.message.body.value(),
                    source: Source::new(&page.file, r.message.line),
                    findings: Vec::new(),
                    stand_ins: Vec::new(),
                    url_finding: None,
                })
            });
            let response = e.response.as_ref().map(|r| {
                let annotation = page.code_blocks[r.block].annotation.as_ref();
                let source = Source::new(&page.file, r.message.body_line);
                let body = r.message.body.value();
                ExampleResponse {
                    status: match &r.message.start {
                        Some(StartLine::Response { status, .. }) => Some(*status),
                        _ => None,
                    },
                    findings: broken_body(&r.message.body, body.is_some(), &source),
                    body,
                    empty: r.message.body == Body::None,
                    headers: r
                        .message
                        .headers
                        .iter()
                        .map(|(name, value)| (name.to_string(), value.to_string()))
                        .collect(),
                    truncated: annotation
                        .and_then(|a| a.bool("truncated"))
                        .unwrap_or(false)
                        || matches!(r.message.body, Body::PartialJson { .. }),
                    odata_type: annotation
                        .and_then(|a| a.str("@odata.type"))
                        .map(str::to_string),
                    is_collection: annotation.and_then(|a| a.bool("isCollection")),
                    source,
                    stand_ins: Vec::new(),
                }
            });
            Example {
                name: e.name.as_deref().map(str::to_string),
                request,
                response,
            }
        })
        .collect()
}

/// A finding for a body that is meant as JSON but of which nothing
/// parses (`parsed` is false), so that a check that needs the body can tell
/// why it has none.
fn broken_body(body: &Body, parsed: bool, source: &Source) -> Vec<Finding> {
    match body {
        Body::PartialJson { error, .. } if !parsed => vec![Finding {
            code: "P011",
            path: String::new(),
            message: format!("the body is not valid JSON ({error})"),
            source: source.clone(),
        }],
        Body::Json { .. } if !parsed => vec![Finding {
            code: "P011",
            path: String::new(),
            message: "the body is JSON that cannot be read into a value \
                      (a number out of range or an unpaired surrogate)"
                .to_string(),
            source: source.clone(),
        }],
        _ => Vec::new(),
    }
}
