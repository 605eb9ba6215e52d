//! Example requests paired with the responses that follow them.

use crate::diagnostic::Diagnostic;
use crate::http::{elided_parses, parse_body, read_http_message, Body, HttpMessage, StartLine};
use crate::page::{CodeBlock, Example, ExampleMessage, Page};

/// The page's examples, in order, and a diagnostic for each body that is
/// not valid JSON: a note where the docs leave parts out with `...`, an
/// error where the body is broken (cut short, unbalanced).
pub(crate) fn collect_examples(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    for (index, block) in page.code_blocks.iter().enumerate() {
        let annotated = block.block_type();
        if matches!(
            annotated,
            Some("ignored" | "resource" | "example" | "samples")
        ) {
            continue;
        }
        if annotated.is_none() {
            let in_examples = page.is_under(block.section, &["example", "request", "response"])
                && !page.is_under(block.section, &["http request"]);
            let http_like = matches!(
                block.info.as_str(),
                "" | "http" | "HTTP" | "msgraph-interactive"
            );
            if !in_examples || !http_like || block.tab.as_deref().is_some_and(|t| t != "HTTP") {
                continue;
            }
        }

        let mut message = read_http_message(&block.text, block.content_line());
        let mut body_source = &block.text;
        if let Some(next) = body_block(page, index, &message) {
            message.body = parse_body(next.text.clone());
            message.body_line = next.content_line();
            body_source = &next.text;
        }
        if let Body::PartialJson { text, error } = &message.body {
            let file = page.source_file(&block.file);
            diagnostics.push(if is_elided(body_source) && elided_parses(text) {
                Diagnostic::note(
                    "P012",
                    file,
                    message.body_line,
                    "example body leaves parts out (`...`); the rest is read",
                )
            } else {
                Diagnostic::error(
                    "P011",
                    file,
                    message.body_line,
                    format!("example body is not valid JSON ({error}); only what parses is kept"),
                )
            });
        }
        let is_request = match annotated {
            Some("request") => true,
            Some("response") => false,
            _ => match &message.start {
                Some(StartLine::Request { .. }) => true,
                Some(StartLine::Response { .. }) => false,
                None => continue,
            },
        };
        let side = ExampleMessage {
            block: index,
            message,
        };
        if is_request {
            examples.push(Example {
                name: block
                    .annotation
                    .as_ref()
                    .and_then(|a| a.str("name"))
                    .map(Into::into),
                request: Some(side),
                response: None,
            });
        } else {
            // A response may name the several requests it answers:
            // `"name": ["get-drive-by-id", "get-drive-default"]`.
            let answered: Vec<&mut Example> = examples
                .iter_mut()
                .filter(|e| e.response.is_none())
                .filter(|e| {
                    e.name
                        .as_ref()
                        .is_some_and(|n| answers_several(block).contains(&n.as_str()))
                })
                .collect();
            if !answered.is_empty() {
                for e in answered {
                    e.response = Some(side.clone());
                }
                continue;
            }
            match examples.last_mut() {
                Some(e) if e.response.is_none() => e.response = Some(side),
                _ => examples.push(Example {
                    name: None,
                    request: None,
                    response: Some(side),
                }),
            }
        }
    }
    examples
}

/// The request names a response's annotation lists when it answers
/// several; empty when it names one or none.
fn answers_several(block: &CodeBlock) -> Vec<&str> {
    let names = block
        .annotation
        .as_ref()
        .and_then(|a| a.fields.get("name"))
        .and_then(|n| n.as_array());
    names
        .map(|names| names.iter().filter_map(|n| n.as_str()).collect())
        .unwrap_or_default()
}

/// The block that holds a response's body when its own block ends after
/// the headers: the docs sometimes show the body in a `json` block right
/// below, without an annotation of its own.
fn body_block<'p>(page: &'p Page, index: usize, message: &HttpMessage) -> Option<&'p CodeBlock> {
    if !matches!(message.start, Some(StartLine::Response { .. })) || message.body != Body::None {
        return None;
    }
    let block = &page.code_blocks[index];
    let next = page.code_blocks.get(index + 1)?;
    // The fences, the content, and at most one blank line between.
    let end = block.line + block.text.lines().count() as u32 + 1;
    let adjacent = next.file == block.file && next.section == block.section && next.line <= end + 2;
    (adjacent && next.annotation.is_none() && next.info.eq_ignore_ascii_case("json"))
        .then_some(next)
}

/// Whether a body marks the parts it leaves out, as the docs do with `...`.
fn is_elided(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim().trim_end_matches(',');
        t == "..." || t == "…" || t == "\"...\"" || t.starts_with("//")
    })
}
