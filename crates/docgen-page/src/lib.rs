//! Reads one markdown API reference page into a [`Page`]: its front matter,
//! sections, tables, code blocks with their annotations, HTTP request lines
//! and examples, each with the line it starts on.
//!
//! The reader never fails: what it cannot understand becomes a
//! [`Diagnostic`] and the rest of the page is still read.

mod annotation;
mod codes;
mod delimiter_rows;
mod diagnostic;
mod examples;
mod files;
mod front_matter;
mod http;
mod include;
mod inline;
mod page;
mod pairs;
mod reader;
mod render;
mod request_lines;
mod source_map;
mod table;
mod type_expr;

pub use annotation::{parse_annotation, Annotation, AnnotationError, Fields};
/// The shared string types of the page model (see [`Page`]).
pub use arcstr::{ArcStr, Substr};
pub use codes::{code_doc, CodeDoc, CODES};
pub use diagnostic::{Diagnostic, Severity};
pub use files::{markdown_files, read_markdown_files, read_shared};
pub use http::{
    parse_http_message, parse_request_line, Argument, Body, HttpMessage, PathSegment, PathTemplate,
    RequestLine, StartLine,
};
pub use include::{
    include_kind, read_page, FsLoader, IncludeKind, PageReader, SourceLoader,
    DEFAULT_MAX_INCLUDE_DEPTH,
};
pub use page::{
    Cell, CodeBlock, Example, ExampleMessage, FrontMatter, Include, Link, Page, Paragraph, Row,
    RowView, Section, Table,
};
pub use reader::parse_page;
pub use render::{render_json, render_plain, render_rich, Sources, Summary};
pub use table::TableKind;
pub use type_expr::{ParsedType, Primitive, TypeExpr};
