//! Example requests paired with the responses that follow them.

use crate::diagnostic::Diagnostic;
use crate::http::{elided_parses, read_http_message, Body, StartLine};
use crate::page::{Example, ExampleMessage, Page};

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

        let message = read_http_message(&block.text, block.content_line());
        if let Body::PartialJson { text, error } = &message.body {
            let file = page.source_file(&block.file);
            diagnostics.push(if is_elided(&block.text) && elided_parses(text) {
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

/// Whether a body marks the parts it leaves out, as the docs do with `...`.
fn is_elided(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim().trim_end_matches(',');
        t == "..." || t == "…" || t == "\"...\"" || t.starts_with("//")
    })
}
