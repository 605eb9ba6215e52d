//! Markdown API reference page to page model: tables, code blocks, annotations, with source lines.
