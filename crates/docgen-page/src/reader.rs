use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::mem;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use arcstr::{ArcStr, Substr};
use memchr::memmem::Finder;
use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, MetadataBlockKind, Options, Parser,
    Tag, TagEnd,
};

use crate::annotation::{parse_annotation, Annotation, AnnotationError};
use crate::delimiter_rows::{holds_delimiter_row, repair_delimiter_rows};
use crate::diagnostic::Diagnostic;
use crate::examples::collect_examples;
use crate::front_matter::parse_front_matter;
use crate::include::parse_include_target;
use crate::inline::{gather, shared, Inline, TextBuffer};
use crate::page::{Cell, CodeBlock, Include, Page, Paragraph, Row, Section, Table};
use crate::request_lines::collect_request_lines;
use crate::source_map::SourceMap;
use crate::table::TableKind;
use crate::type_expr::TypeExpr;

/// Reads one page. `file` is the path reported in diagnostics and stored in
/// the page; `source` is the page's markdown.
///
/// The page's text is a view of `source` (see [`Page`]): given an
/// [`ArcStr`], the page shares it; given a `&str` or `String`, the page
/// keeps one copy of it.
///
/// `[!INCLUDE]` lines are listed in [`Page::includes`] but not expanded; a
/// [`PageReader`](crate::PageReader) reads a page with its includes.
pub fn parse_page(file: &str, source: impl Into<ArcStr>) -> (Page, Vec<Diagnostic>) {
    read_mapped(source.into(), SourceMap::single(file), &HashSet::new())
}

/// Reads an expanded page: `map` tells which file each line came from, and
/// `expanded` which include lines, as (file index, line), were expanded.
pub(crate) fn read_mapped(
    source: ArcStr,
    map: SourceMap,
    expanded: &HashSet<(usize, u32)>,
) -> (Page, Vec<Diagnostic>) {
    let read = read_once(source.clone(), &map, expanded);
    // A table whose delimiter row pulldown-cmark refuses is read as a
    // paragraph. The page is read again with its delimiter rows repaired,
    // which keeps the length of every line, so that places are still those
    // of the page as written.
    if read.broken_table {
        if let Cow::Owned(repaired) = repair_delimiter_rows(&source) {
            map.rewind();
            let read = read_once(ArcStr::from(repaired), &map, expanded);
            return (read.page, read.diagnostics);
        }
    }
    (read.page, read.diagnostics)
}

/// A page read once, and whether it holds a table that was not read.
struct Read {
    page: Page,
    diagnostics: Vec<Diagnostic>,
    broken_table: bool,
}

fn read_once(source: ArcStr, map: &SourceMap, expanded: &HashSet<(usize, u32)>) -> Read {
    let buffers = BUFFERS.with(|b| b.take());
    let mut reader = Reader::new(source, map, expanded, buffers);
    reader.walk();
    let broken_table = reader.broken_table;
    let (mut page, mut diagnostics, buffers) = reader.finish();
    BUFFERS.with(|b| *b.borrow_mut() = buffers);
    page.request_lines = collect_request_lines(&page, &mut diagnostics);
    page.examples = collect_examples(&page, &mut diagnostics);

    // Every page of a docs folder is held at once: no spare capacity.
    page.description.shrink_to_fit();
    page.includes.shrink_to_fit();
    page.request_lines.shrink_to_fit();
    page.examples.shrink_to_fit();
    page.metadata.shrink_to_fit();
    Read {
        page,
        diagnostics,
        broken_table,
    }
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::default();
}

/// The vectors a reader fills as it reads a page, kept from one page to the
/// next on each thread so that they grow a few times in all rather than on
/// every page. The page's own vectors are built in them and copied out at
/// their final size.
#[derive(Default)]
struct Buffers {
    inline: Inline,
    cells: Vec<Cell>,
    rows: Vec<Row>,
    text: TextBuffer,
    html: String,
    sections: Vec<Section>,
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    code_blocks: Vec<CodeBlock>,
}

/// The items of `buffer` in a vector of their own size; the buffer is left
/// empty, with its capacity.
fn exact<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut items = Vec::with_capacity(buffer.len());
    items.append(buffer);
    items
}

struct Reader<'a> {
    /// The text read; the page's text is a view of it.
    source: ArcStr,
    map: &'a SourceMap,
    expanded: &'a HashSet<(usize, u32)>,
    page: Page,
    diagnostics: Vec<Diagnostic>,
    section: Option<usize>,
    tab: Option<Substr>,
    /// An annotation waiting for the code block it describes.
    pending: Option<(Annotation, Option<Arc<str>>)>,
    /// Nesting depth of block quotes: notes, which are not content.
    quote_depth: usize,
    /// A paragraph holds a delimiter row: a table was not read.
    broken_table: bool,
    /// The inline content of the block being read.
    inline: Inline,
    /// The cells of the table being read, row after row.
    cells: Vec<Cell>,
    /// The rows of the table being read.
    rows: Vec<Row>,
    /// The text of the front matter or code block being read.
    text: TextBuffer,
    /// The text of the HTML block being read.
    html: String,
}

impl<'a> Reader<'a> {
    fn new(
        source: ArcStr,
        map: &'a SourceMap,
        expanded: &'a HashSet<(usize, u32)>,
        buffers: Buffers,
    ) -> Reader<'a> {
        let file = map.file(0).to_string();
        let Buffers {
            mut inline,
            cells,
            rows,
            text,
            html,
            sections,
            paragraphs,
            tables,
            code_blocks,
        } = buffers;
        inline.start_page(source.clone());
        Reader {
            inline,
            source,
            map,
            expanded,
            page: Page {
                file,
                sections,
                paragraphs,
                tables,
                code_blocks,
                ..Page::default()
            },
            diagnostics: Vec::new(),
            section: None,
            tab: None,
            pending: None,
            quote_depth: 0,
            broken_table: false,
            cells,
            rows,
            text,
            html,
        }
    }

    /// The page read, with its vectors at their final size, the diagnostics,
    /// and the buffers emptied for the next page.
    fn finish(self) -> (Page, Vec<Diagnostic>, Buffers) {
        let mut page = self.page;
        let mut inline = self.inline;
        inline.start_page(ArcStr::new());
        let mut cells = self.cells;
        cells.clear();
        let mut rows = self.rows;
        rows.clear();
        let mut text = self.text;
        text.clear();
        let mut buffers = Buffers {
            inline,
            cells,
            rows,
            text,
            html: self.html,
            sections: mem::take(&mut page.sections),
            paragraphs: mem::take(&mut page.paragraphs),
            tables: mem::take(&mut page.tables),
            code_blocks: mem::take(&mut page.code_blocks),
        };
        page.sections = exact(&mut buffers.sections);
        page.paragraphs = exact(&mut buffers.paragraphs);
        page.tables = exact(&mut buffers.tables);
        page.code_blocks = exact(&mut buffers.code_blocks);
        (page, self.diagnostics, buffers)
    }

    /// The index of the file `offset` came from, and its line there.
    fn place(&self, offset: usize) -> (usize, u32) {
        self.map.locate(&self.source, offset)
    }

    fn walk(&mut self) {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_STRIKETHROUGH;
        // A reference link with no definition (`[identitySet][]`) keeps its
        // text and gets an empty target, so types can still be read from it.
        let mut unresolved = |_: BrokenLink<'_>| Some((CowStr::from(""), CowStr::from("")));
        let source = self.source.clone();
        let mut events =
            Parser::new_with_broken_link_callback(&source, options, Some(&mut unresolved))
                .into_offset_iter();
        // The text of a tight list item comes without a paragraph around
        // it: the inline events after the item's start are read as one.
        let mut item: Option<Range<usize>> = None;

        while let Some((event, range)) = events.next() {
            if item.is_some() {
                if is_inline(&event) {
                    self.inline.event(&event);
                    continue;
                }
                self.end_item(item.take());
            }
            match event {
                Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                    self.text.clear();
                    for (e, _) in events.by_ref() {
                        match e {
                            Event::Text(t) => self.text.push(&t, &source),
                            Event::End(TagEnd::MetadataBlock(_)) => break,
                            _ => {}
                        }
                    }
                    let text = self.text.tail(0, &source);
                    self.page.front_matter = parse_front_matter(text, |s| shared(&source, s));
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = |e: &Event| matches!(e, Event::End(TagEnd::Heading(_)));
                    gather(&mut events, end, &mut self.inline);
                    self.heading(level, range);
                }
                Event::Start(Tag::Paragraph) => {
                    let end = |e: &Event| matches!(e, Event::End(TagEnd::Paragraph));
                    gather(&mut events, end, &mut self.inline);
                    self.paragraph(range);
                }
                Event::Start(Tag::Item) => {
                    self.inline.clear();
                    item = Some(range);
                }
                Event::Start(Tag::BlockQuote(_)) => self.quote_depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => {
                    self.quote_depth = self.quote_depth.saturating_sub(1)
                }
                Event::Start(Tag::Table(_)) => self.table(&mut events, range),
                Event::Start(Tag::CodeBlock(kind)) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => shared(&source, info.trim()),
                        CodeBlockKind::Indented => Substr::new(),
                    };
                    self.text.clear();
                    for (e, _) in events.by_ref() {
                        match e {
                            Event::Text(t) => self.text.push(&t, &source),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    let text = shared(&source, self.text.tail(0, &source));
                    self.code_block(info, text, range);
                }
                Event::Start(Tag::HtmlBlock) => {
                    let mut text = mem::take(&mut self.html);
                    text.clear();
                    for (e, _) in events.by_ref() {
                        match e {
                            Event::Html(t) | Event::Text(t) => text.push_str(&t),
                            Event::End(TagEnd::HtmlBlock) => break,
                            _ => {}
                        }
                    }
                    self.html(&text, range.start);
                    self.html = text;
                }
                Event::Html(text) => self.html(&text, range.start),
                Event::Rule => self.tab = None,
                _ => {}
            }
        }
        self.end_item(item);
        self.drop_pending();
    }

    /// Reads the text gathered after the start of a list item, if any.
    fn end_item(&mut self, item: Option<Range<usize>>) {
        if let Some(range) = item {
            if !self.inline.is_blank() {
                self.paragraph(range);
            }
        }
    }

    fn heading(&mut self, level: HeadingLevel, range: Range<usize>) {
        let (file, line) = self.place(range.start);
        let file = self.map.origin(file);

        // `# [C#](#tab/csharp)` opens a tab of samples; it is not a section.
        if let [link] = self.inline.links.as_slice() {
            if link.target.starts_with("#tab/") {
                self.tab = Some(link.text.clone());
                return;
            }
        }

        self.drop_pending();
        self.tab = None;
        let level = level as u8;
        let title = self.inline.collapsed(0);
        if level == 1 && self.page.title.is_none() {
            self.page.title = Some(title.clone());
        }
        let parent = self.section.and_then(|s| {
            std::iter::successors(Some(s), |&i| self.page.sections[i].parent)
                .find(|&i| self.page.sections[i].level < level)
        });
        self.page.sections.push(Section {
            level,
            title,
            line,
            file,
            parent,
        });
        self.section = Some(self.page.sections.len() - 1);
    }

    fn paragraph(&mut self, range: Range<usize>) {
        let (file_index, line) = self.place(range.start);
        let file = self.map.origin(file_index);
        let raw = &self.source[range.clone()];

        // `[!INCLUDE [label](path)]` pulls in shared text; it is not prose.
        static INCLUDE: LazyLock<Finder> = LazyLock::new(|| Finder::new("[!INCLUDE"));
        if INCLUDE.find(raw.as_bytes()).is_some() {
            let count = self.page.includes.len();
            for (i, l) in raw.lines().enumerate() {
                let Some((label, path)) = parse_include_target(l) else {
                    continue;
                };
                let line = line + i as u32;
                self.page.includes.push(Include {
                    line,
                    file: file.clone(),
                    section: self.section,
                    label: shared(&self.source, label),
                    path: shared(&self.source, path),
                    expanded: !self.expanded.is_empty()
                        && self.expanded.contains(&(file_index, line)),
                });
            }
            if self.page.includes.len() > count {
                return;
            }
        }

        self.broken_table = self.broken_table || holds_delimiter_row(raw);

        // Lines that all start with `|` but make no table. Looking at the
        // first line alone rules out most paragraphs.
        let first_line = raw.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
        let starts_row = |l: &str| l.trim_start().starts_with('|');
        if first_line.starts_with('|') && raw.lines().count() >= 2 && raw.lines().all(starts_row) {
            self.diagnostics.push(Diagnostic::error(
                "P004",
                self.map.file(file_index),
                line,
                "lines look like a table but have no separator row (`|---|---|`); the table is lost",
            ));
        }

        if self.quote_depth > 0 {
            return;
        }
        let text = self.inline.collapsed(0);
        if text.is_empty() {
            return;
        }
        if let Some(ns) = text.strip_prefix("Namespace:") {
            self.page.namespace = Some(shared(&self.source, ns.trim()));
            return;
        }
        // Included text is shared by many pages; it does not describe this one.
        if self.in_preamble() && file.is_none() {
            if !self.page.description.is_empty() {
                self.page.description.push_str("\n\n");
            }
            self.page.description.push_str(&text);
        }
        self.page.paragraphs.push(Paragraph {
            line,
            file,
            section: self.section,
            text,
            links: self.inline.take_links(),
        });
    }

    /// Between the title and the first section below it.
    fn in_preamble(&self) -> bool {
        match self.section {
            None => self.page.title.is_none(),
            Some(i) => self.page.sections[i].level == 1,
        }
    }

    fn table<'e>(
        &mut self,
        events: &mut impl Iterator<Item = (Event<'e>, Range<usize>)>,
        range: Range<usize>,
    ) {
        self.drop_pending();
        let (file, line) = self.place(range.start);
        let file = self.map.origin(file);
        let mut header = Vec::new();
        let mut context: Option<Substr> = None;
        self.cells.clear();
        self.rows.clear();
        let mut indented = false;
        let mut row_line = line;
        let mut row_file = file.clone();
        let mut in_head = false;

        // The cells of the row being read are the ones from `row_start` on.
        let mut row_start = 0;

        while let Some((event, r)) = events.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => {
                    header = self.cells.drain(..).map(|c| c.text).collect();
                    in_head = false;
                }
                Event::Start(Tag::TableRow) => {
                    let (file, line) = self.place(r.start);
                    row_line = line;
                    row_file = self.map.origin(file);
                    indented = false;
                }
                Event::Start(Tag::TableCell) => {
                    let first = self.cells.len() == row_start && !in_head;
                    if first {
                        let raw = self.source[r.clone()].trim_start_matches(['|', ' ', '\t']);
                        indented = raw.starts_with("&nbsp;") || raw.starts_with('\u{a0}');
                    }
                    let end = |e: &Event| matches!(e, Event::End(TagEnd::TableCell));
                    gather(events, end, &mut self.inline);
                    self.cells.push(self.inline.take_cell());
                }
                Event::End(TagEnd::TableRow) => {
                    let cells = &self.cells[row_start..];
                    let group = cells
                        .first()
                        .is_some_and(|c| c.strong && !c.text.is_empty())
                        && cells[1..].iter().all(|c| c.text.is_empty());
                    if group {
                        context = Some(cells[0].text.clone());
                    } else if cells.iter().any(|c| !c.text.is_empty()) {
                        self.rows.push(Row {
                            line: row_line,
                            file: row_file.clone(),
                            context: context.clone(),
                            indented,
                            cells: row_start..self.cells.len(),
                            type_expr: None,
                        });
                        row_start = self.cells.len();
                    }
                    self.cells.truncate(row_start);
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        self.cells.truncate(row_start);

        // Levels fall along the path, so it holds at most six titles.
        let mut titles = [""; 6];
        let path = self.page.section_path(self.section);
        let depth = titles
            .iter_mut()
            .zip(path)
            .map(|(t, s)| *t = &s.title)
            .count();
        let kind = TableKind::classify(&header, &titles[..depth]);
        let mut table = Table {
            line,
            file,
            section: self.section,
            kind,
            header,
            rows: exact(&mut self.rows),
            cells: exact(&mut self.cells),
        };
        self.read_types(&mut table);
        self.page.tables.push(table);
    }

    /// Reads the type cell of each row, saying when it holds more than a
    /// type or no type at all.
    fn read_types(&mut self, table: &mut Table) {
        let Some(column) = table.type_column() else {
            return;
        };
        for i in 0..table.rows.len() {
            let row = &table.rows[i];
            let cell = table.cell(row, column);
            let parsed = TypeExpr::parse(cell);
            if parsed.no_value {
                // A method that returns nothing says so plainly.
            } else if let TypeExpr::Unknown { text } = &parsed.ty {
                let message = if text.is_empty() {
                    "type cell is empty".to_string()
                } else {
                    format!("type cell `{text}` does not name a type")
                };
                let file = self.page.source_file(&row.file);
                self.diagnostics
                    .push(Diagnostic::warning("P008", file, row.line, message));
            } else if parsed.free_text {
                self.diagnostics.push(Diagnostic::note(
                    "P007",
                    self.page.source_file(&row.file),
                    row.line,
                    format!(
                        "type cell `{}` holds more than a type; read as `{}`",
                        cell.text, parsed.ty
                    ),
                ));
            }
            table.rows[i].type_expr = Some(parsed);
        }
    }

    fn code_block(&mut self, info: Substr, text: Substr, range: Range<usize>) {
        let (file, line) = self.place(range.start);
        let annotation = self.pending.take().map(|(a, _)| a);
        self.page.code_blocks.push(CodeBlock {
            line,
            file: self.map.origin(file),
            section: self.section,
            info,
            text,
            annotation,
            tab: self.tab.clone(),
        });
    }

    /// An HTML block: annotation comments, or markup that is not content.
    fn html(&mut self, text: &str, offset: usize) {
        static OPEN: LazyLock<Finder> = LazyLock::new(|| Finder::new("<!--"));
        static CLOSE: LazyLock<Finder> = LazyLock::new(|| Finder::new("-->"));
        let mut rest = text;
        let mut consumed = 0;
        while let Some(start) = OPEN.find(rest.as_bytes()) {
            // Searched after the opening, so that `<!-->` does not close itself.
            let Some(len) = CLOSE.find(&rest.as_bytes()[start + 4..]) else {
                break;
            };
            let comment = &rest[start + 4..start + 4 + len];
            let at = offset + consumed + start;
            let (file, line) = self.place(at);
            match parse_annotation(comment, line) {
                Ok(annotation) => {
                    if annotation.repaired {
                        self.diagnostics.push(Diagnostic::note(
                            "P002",
                            self.map.file(file),
                            line,
                            "annotation comment is not valid JSON; read after repair",
                        ));
                    }
                    if annotation.block_type().is_some() {
                        self.drop_pending();
                        self.pending = Some((annotation, self.map.origin(file)));
                    } else {
                        self.page.metadata.push(annotation);
                    }
                }
                Err(AnnotationError::NotJson) => {}
                Err(AnnotationError::Invalid(error)) => {
                    self.diagnostics.push(Diagnostic::warning(
                        "P001",
                        self.map.file(file),
                        line,
                        format!("annotation comment is not valid JSON and was ignored: {error}"),
                    ));
                }
            }
            let end = start + 4 + len + 3;
            consumed += end;
            rest = &rest[end..];
        }
    }

    /// An annotation that meets something other than a code block describes
    /// nothing; annotations of examples and resources are worth a word.
    fn drop_pending(&mut self) {
        if let Some((a, file)) = self.pending.take() {
            if matches!(a.block_type(), Some("request" | "response" | "resource")) {
                self.diagnostics.push(Diagnostic::note(
                    "P005",
                    self.page.source_file(&file),
                    a.line,
                    format!(
                        "`{}` annotation is not followed by a code block",
                        a.block_type().unwrap_or_default()
                    ),
                ));
            }
        }
    }
}

/// Whether an event belongs to the inline content of a block.
fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Link { .. }
                | Tag::Strong
                | Tag::Emphasis
                | Tag::Image { .. }
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Link
                | TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::Image
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        _ => false,
    }
}
