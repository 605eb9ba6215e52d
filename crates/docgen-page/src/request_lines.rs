//! The `METHOD /path` lines of a page, from its `HTTP request` sections or,
//! on pages without one, from blocks that hold nothing else.

use crate::diagnostic::Diagnostic;
use crate::http::{parse_request_line, RequestLine};
use crate::page::{starts_with_ignore_case, trim, CodeBlock, Page};

/// The request lines of the page, each tagged with the file it came from.
pub(crate) fn collect_request_lines(
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RequestLine> {
    let mut request_lines = Vec::new();
    for block in &page.code_blocks {
        if !page.is_under(block.section, &["http request"]) {
            continue;
        }
        match block.block_type() {
            Some("response") => {}
            // An interactive sample standing in for the request line:
            // its first lines are the request, anything after is an
            // example's headers and body.
            Some("request") => request_lines.extend(
                block_lines(block).map_while(|(line, text)| request_line(block, text, line)),
            ),
            // A sample in a programming language, such as the C# that
            // shows how to encode an id.
            _ if !is_http_info(&block.info) => {}
            _ => {
                for (line, text) in block_lines(block) {
                    match request_line(block, text, line) {
                        Some(request) => request_lines.push(request),
                        // `or` between two request lines, and the
                        // headers some sections show under them.
                        None if text.eq_ignore_ascii_case("or") || is_header_line(text) => {}
                        None => diagnostics.push(Diagnostic::note(
                            "P006",
                            page.source_file(&block.file),
                            line,
                            format!("`{text}` in the HTTP request section is not a request line"),
                        )),
                    }
                }
            }
        }
    }

    // A page without an `HTTP request` section may still show its
    // request lines in a block of their own under another heading.
    let has_section = page
        .sections
        .iter()
        .any(|s| starts_with_ignore_case(&s.title, "http request"));
    if request_lines.is_empty() && !has_section {
        for block in &page.code_blocks {
            let outside_examples = !page.is_under(block.section, &["example", "response"]);
            let plain = !matches!(block.block_type(), Some("request" | "response"));
            if !outside_examples || !plain || block.tab.is_some() {
                continue;
            }
            let parsed: Option<Vec<_>> = block_lines(block)
                .map(|(line, text)| request_line(block, text, line))
                .collect();
            if let Some(lines) = parsed {
                request_lines.extend(lines);
            }
        }
    }
    request_lines
}

fn request_line(block: &CodeBlock, text: &str, line: u32) -> Option<RequestLine> {
    let mut request = parse_request_line(text, line)?;
    request.file.clone_from(&block.file);
    Some(request)
}

/// An info string that a block of HTTP lines may carry.
fn is_http_info(info: &str) -> bool {
    [
        "",
        "http",
        "https",
        "msgraph-interactive",
        "rest",
        "text",
        "txt",
        "console",
    ]
    .iter()
    .any(|name| info.eq_ignore_ascii_case(name))
}

/// `Prefer: odata.maxpagesize=2`.
fn is_header_line(text: &str) -> bool {
    text.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// The non-empty lines of a block with their line numbers, without the
/// comment lines (`// ...`, `# ...`) some request sections carry.
fn block_lines(block: &CodeBlock) -> impl Iterator<Item = (u32, &str)> {
    block
        .text
        .lines()
        .enumerate()
        .map(|(i, text)| (block.content_line() + i as u32, trim(text)))
        .filter(|(_, text)| !text.is_empty() && !text.starts_with("//") && !text.starts_with('#'))
}
