//! Doc comments from the docs' own text.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes, one per line of `text`, which prettyplease
/// prints as `///` comments. Markdown that rustdoc would misread (brackets
/// that look like intra-doc links, angle brackets that look like HTML) is
/// escaped.
pub fn doc(text: &str) -> TokenStream {
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| format!(" {}", escape(l.trim_end())))
        .collect();
    quote! { #(#[doc = #lines])* }
}

/// A doc comment of paragraphs; empty ones are skipped.
pub fn doc_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let text = paragraphs
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    doc(&text)
}

fn escape(line: &str) -> String {
    line.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
