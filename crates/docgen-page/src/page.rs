use std::ops::Range;
use std::sync::Arc;

use arcstr::Substr;
use serde::{Serialize, Serializer};

use crate::annotation::Annotation;
use crate::table::TableKind;
use crate::type_expr::ParsedType;

/// Everything the reader took from one markdown page.
///
/// Items refer to their section by index into [`Page::sections`], so a later
/// stage can ask "the tables under `## Request body`" without re-walking the
/// markdown.
///
/// Text is held as a [`Substr`]: most of it (names, cells, link targets,
/// code blocks, example bodies) is a view of the markdown the page was read
/// from, which the page keeps alive and shares, so that it is not copied;
/// only text the reader had to put together (whitespace collapsed, markup
/// removed from the middle) is a copy. The name of an included file is
/// shared by every item read from it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Page {
    /// Path of the page relative to the docs root, with `/` separators.
    pub file: String,
    pub front_matter: FrontMatter,
    /// Text of the first level-1 heading.
    pub title: Option<Substr>,
    /// The `Namespace: microsoft.graph` line under the title.
    pub namespace: Option<Substr>,
    /// Paragraphs between the title and the first section, without notes,
    /// includes and the namespace line.
    pub description: String,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<CodeBlock>,
    pub includes: Vec<Include>,
    /// The `METHOD /path` lines of the `HTTP request` section.
    pub request_lines: Vec<crate::http::RequestLine>,
    pub examples: Vec<Example>,
    /// Annotation comments that carry no `blockType`: page-level metadata
    /// such as `{ "type": "#page.annotation", "section": "documentation" }`.
    pub metadata: Vec<Annotation>,
}

/// The YAML block at the top of a page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FrontMatter {
    pub title: Option<Substr>,
    pub description: Option<Substr>,
    pub ms_prod: Option<Substr>,
    pub ms_subservice: Option<Substr>,
    pub doc_type: Option<Substr>,
    /// Every key, including the ones above, in the order written; a key
    /// written twice keeps its place and takes the later value.
    #[serde(serialize_with = "crate::pairs::serialize_as_map")]
    pub fields: Vec<(Substr, Substr)>,
}

impl FrontMatter {
    /// The product area the page belongs to: `ms.subservice` where the
    /// page has it, `ms.prod` otherwise.
    pub fn area(&self) -> Option<&str> {
        self.ms_subservice.as_deref().or(self.ms_prod.as_deref())
    }
}

/// A heading that opens a section (tab markers such as `# [HTTP](#tab/http)`
/// are not sections).
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub level: u8,
    pub title: Substr,
    pub line: u32,
    /// The included file this came from, relative to the docs root; `None`
    /// when it is the page's own text. `line` is a line of that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    /// The enclosing section, the nearest heading of a lower level before it.
    pub parent: Option<usize>,
}

/// A paragraph of prose with the links it holds.
#[derive(Clone, Debug, Serialize)]
pub struct Paragraph {
    pub line: u32,
    /// The included file this came from, relative to the docs root; `None`
    /// when it is the page's own text. `line` is a line of that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    pub section: Option<usize>,
    pub text: Substr,
    pub links: Vec<Link>,
}

/// A markdown link, with reference-style links already resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: Substr,
    pub target: Substr,
}

/// A table, classified by its header.
///
/// The cells of all its rows are kept together, row after row, in one
/// vector: [`Table::cells_of`] gives a row's cells, [`Table::body`] each
/// row with its cells.
#[derive(Clone, Debug)]
pub struct Table {
    pub line: u32,
    /// The included file this came from, relative to the docs root; `None`
    /// when it is the page's own text. `line` is a line of that file.
    pub file: Option<Arc<str>>,
    pub section: Option<usize>,
    pub kind: TableKind,
    pub header: Vec<Substr>,
    pub rows: Vec<Row>,
    /// The cells of every row, in order; [`Row::cells`] says which are a
    /// row's.
    pub cells: Vec<Cell>,
}

static EMPTY_CELL: Cell = Cell {
    text: Substr::new(),
    links: Vec::new(),
    code: false,
    strong: false,
    emphasis: false,
};

impl Table {
    /// The cells of `row`, a row of this table; none for a row of another
    /// table that reaches past this one's cells.
    pub fn cells_of(&self, row: &Row) -> &[Cell] {
        self.cells.get(row.cells.clone()).unwrap_or_default()
    }

    /// The cell of `row` at `index`, or an empty one when the row is short.
    pub fn cell(&self, row: &Row, index: usize) -> &Cell {
        self.cells_of(row).get(index).unwrap_or(&EMPTY_CELL)
    }

    /// The body rows, each with its cells.
    pub fn body(&self) -> impl Iterator<Item = RowView<'_>> {
        self.rows.iter().map(|row| RowView {
            row,
            cells: self.cells_of(row),
        })
    }

    /// Index of the first header column whose text is one of `names`, which
    /// are given in lowercase, in any case.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| {
            let h = trim(h);
            names.iter().any(|n| h.eq_ignore_ascii_case(n))
        })
    }

    /// Index of the column that holds types (`Type`, `Return type`), in
    /// the kinds of table whose rows are typed.
    pub fn type_column(&self) -> Option<usize> {
        let typed = matches!(
            self.kind,
            TableKind::Properties
                | TableKind::Relationships
                | TableKind::RequestBody
                | TableKind::Parameters
                | TableKind::QueryParameters
                | TableKind::Methods
        );
        if !typed {
            return None;
        }
        self.column(&[
            "type",
            "return type",
            "returns",
            "data type",
            "property type",
        ])
    }
}

/// One body row of a table.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: u32,
    /// The included file this came from, relative to the docs root; `None`
    /// when it is the page's own text. `line` is a line of that file.
    pub file: Option<Arc<str>>,
    /// The group opened by the nearest bold row above (`|**On-boarding**|`).
    pub context: Option<Substr>,
    /// The first cell starts with non-breaking spaces: a sub-row of the row
    /// above, as in per-context permission tables.
    pub indented: bool,
    /// Where the row's cells are in its table's `cells`.
    pub cells: Range<usize>,
    /// The row's type cell read as a type, in tables that have a type
    /// column (see [`Table::type_column`]).
    pub type_expr: Option<ParsedType>,
}

impl Row {
    /// The type read from the row's type cell, if its table has one.
    pub fn ty(&self) -> Option<&crate::type_expr::TypeExpr> {
        self.type_expr.as_ref().map(|t| &t.ty)
    }
}

/// A row of a table with its cells, as [`Table::body`] gives it; it reads
/// as the [`Row`] it shows.
#[derive(Clone, Copy, Debug)]
pub struct RowView<'a> {
    /// The row's line, group, indentation and type.
    pub row: &'a Row,
    /// The row's cells, from its table's `cells`.
    pub cells: &'a [Cell],
}

impl<'a> RowView<'a> {
    /// The cell at `index`, or an empty one when the row is short.
    pub fn cell(&self, index: usize) -> &'a Cell {
        self.cells.get(index).unwrap_or(&EMPTY_CELL)
    }
}

impl std::ops::Deref for RowView<'_> {
    type Target = Row;

    fn deref(&self) -> &Row {
        self.row
    }
}

/// A table is written out with each row holding its cells.
impl Serialize for Table {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct TableOut<'a> {
            line: u32,
            #[serde(skip_serializing_if = "Option::is_none")]
            file: Option<&'a Arc<str>>,
            section: Option<usize>,
            kind: TableKind,
            header: &'a [Substr],
            rows: Vec<RowOut<'a>>,
        }
        #[derive(Serialize)]
        struct RowOut<'a> {
            line: u32,
            #[serde(skip_serializing_if = "Option::is_none")]
            file: Option<&'a Arc<str>>,
            context: Option<&'a Substr>,
            indented: bool,
            cells: &'a [Cell],
            #[serde(skip_serializing_if = "Option::is_none")]
            type_expr: Option<&'a ParsedType>,
        }
        let rows = self.rows.iter().map(|row| RowOut {
            line: row.line,
            file: row.file.as_ref(),
            context: row.context.as_ref(),
            indented: row.indented,
            cells: self.cells_of(row),
            type_expr: row.type_expr.as_ref(),
        });
        TableOut {
            line: self.line,
            file: self.file.as_ref(),
            section: self.section,
            kind: self.kind,
            header: &self.header,
            rows: rows.collect(),
        }
        .serialize(serializer)
    }
}

/// A table cell: its plain text and the inline markup that later stages need
/// to resolve types and targets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Text without markup, whitespace collapsed, non-breaking spaces trimmed.
    pub text: Substr,
    pub links: Vec<Link>,
    /// The cell holds a code span.
    pub code: bool,
    /// All of the cell's text is bold.
    pub strong: bool,
    /// All of the cell's text is italic.
    pub emphasis: bool,
}

impl Cell {
    /// The cell read as a type expression.
    pub fn type_expr(&self) -> ParsedType {
        crate::type_expr::TypeExpr::parse(self)
    }
}

/// A fenced or indented code block.
#[derive(Clone, Debug, Serialize)]
pub struct CodeBlock {
    /// Line of the opening fence.
    pub line: u32,
    /// The included file this came from, relative to the docs root; `None`
    /// when it is the page's own text. `line` is a line of that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    pub section: Option<usize>,
    /// The info string after the fence, such as `http` or `json`.
    pub info: Substr,
    /// The content, without the fences.
    pub text: Substr,
    /// The annotation comment just before the block, if any.
    pub annotation: Option<Annotation>,
    /// The tab the block sits in (`HTTP`, `C#`...), if any.
    pub tab: Option<Substr>,
}

impl CodeBlock {
    /// Line of the block's first content line.
    pub fn content_line(&self) -> u32 {
        self.line + 1
    }

    /// The annotation's `blockType`, if the block has one.
    pub fn block_type(&self) -> Option<&str> {
        self.annotation.as_ref().and_then(|a| a.block_type())
    }
}

/// An `[!INCLUDE [label](path)]` line.
#[derive(Clone, Debug, Serialize)]
pub struct Include {
    pub line: u32,
    /// The included file this came from, relative to the docs root; `None`
    /// when it is the page's own text. `line` is a line of that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    pub section: Option<usize>,
    pub label: Substr,
    pub path: Substr,
    /// The included text was read in place of this line (see
    /// [`PageReader`](crate::PageReader)); `false` for includes that are
    /// not expanded, and always with [`parse_page`](crate::parse_page).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub expanded: bool,
}

impl Page {
    /// The file that `file` fields of items refer to: the included file
    /// when there is one, the page otherwise.
    pub fn source_file<'a>(&'a self, file: &'a Option<Arc<str>>) -> &'a str {
        file.as_deref().unwrap_or(&self.file)
    }

    /// The section's title and those of its parents, innermost first.
    pub fn section_path(&self, section: Option<usize>) -> impl Iterator<Item = &Section> {
        std::iter::successors(section.map(|i| &self.sections[i]), |s| {
            s.parent.map(|p| &self.sections[p])
        })
    }

    /// Whether `section` is, or is nested in, a section whose title starts
    /// with one of `titles`, which are given in lowercase, in any case.
    pub fn is_under(&self, section: Option<usize>, titles: &[&str]) -> bool {
        self.section_path(section)
            .any(|s| titles.iter().any(|p| starts_with_ignore_case(&s.title, p)))
    }
}

/// A request example with the response that follows it. Either may be
/// missing: some pages show only a response.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    /// The request annotation's `name`.
    pub name: Option<Substr>,
    pub request: Option<ExampleMessage>,
    pub response: Option<ExampleMessage>,
}

/// One side of an example, with the code block it was read from.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleMessage {
    /// Index into [`Page::code_blocks`].
    pub block: usize,
    pub message: crate::http::HttpMessage,
}

/// `text` without white space at its ends, as [`str::trim`] gives it, with
/// a shortcut for text that starts and ends with printable ASCII, as most
/// does.
pub(crate) fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// `text` with its ASCII letters in lowercase, written into `buffer`; none
/// when it does not fit. Names and header cells are short, so matching them
/// in lowercase this way allocates nothing.
pub(crate) fn ascii_lowercase_in<'a>(text: &str, buffer: &'a mut [u8]) -> Option<&'a str> {
    let lower = buffer.get_mut(..text.len())?;
    lower.copy_from_slice(text.as_bytes());
    lower.make_ascii_lowercase();
    // Changing the case of ASCII letters keeps the text valid UTF-8.
    std::str::from_utf8(lower).ok()
}

/// Whether `text` starts with `prefix`, ASCII letters compared in any case.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}
