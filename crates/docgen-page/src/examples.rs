//! Example requests paired with the responses that follow them.

use crate::http::{parse_http_message, StartLine};
use crate::page::{Example, ExampleMessage, Page};

pub(crate) fn collect_examples(page: &Page) -> Vec<Example> {
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

        let message = parse_http_message(&block.text, block.content_line());
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
                    .map(str::to_string),
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
