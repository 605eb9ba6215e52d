use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, MetadataBlockKind, Options, Parser,
    Tag, TagEnd,
};

use crate::annotation::{parse_annotation, Annotation, AnnotationError};
use crate::delimiter_rows::repair_delimiter_rows;
use crate::diagnostic::Diagnostic;
use crate::examples::collect_examples;
use crate::front_matter::parse_front_matter;
use crate::include::parse_include_target;
use crate::inline::{collapse, gather, Inline};
use crate::page::{Cell, CodeBlock, Include, Page, Paragraph, Row, Section, Table};
use crate::request_lines::collect_request_lines;
use crate::source_map::SourceMap;
use crate::table::TableKind;
use crate::type_expr::TypeExpr;

/// Reads one page. `file` is the path reported in diagnostics and stored in
/// the page; `source` is the page's markdown.
///
/// `[!INCLUDE]` lines are listed in [`Page::includes`] but not expanded; a
/// [`PageReader`](crate::PageReader) reads a page with its includes.
pub fn parse_page(file: &str, source: &str) -> (Page, Vec<Diagnostic>) {
    let source = repair_delimiter_rows(source);
    let map = SourceMap::single(file);
    read_mapped(&source, map, &HashSet::new())
}

/// Reads an expanded page: `map` tells which file each line came from, and
/// `expanded` which include lines, as (file index, line), were expanded.
pub(crate) fn read_mapped(
    source: &str,
    map: SourceMap,
    expanded: &HashSet<(usize, u32)>,
) -> (Page, Vec<Diagnostic>) {
    let mut reader = Reader::new(source, map, expanded);
    reader.walk();
    reader.page.request_lines = collect_request_lines(&reader.page, &mut reader.diagnostics);
    reader.page.examples = collect_examples(&reader.page, &mut reader.diagnostics);
    (reader.page, reader.diagnostics)
}

struct Reader<'a> {
    source: &'a str,
    map: SourceMap,
    expanded: &'a HashSet<(usize, u32)>,
    page: Page,
    diagnostics: Vec<Diagnostic>,
    section: Option<usize>,
    tab: Option<String>,
    /// An annotation waiting for the code block it describes.
    pending: Option<(Annotation, Option<String>)>,
    /// Nesting depth of block quotes: notes, which are not content.
    quote_depth: usize,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str, map: SourceMap, expanded: &'a HashSet<(usize, u32)>) -> Reader<'a> {
        let file = map.file(0).to_string();
        Reader {
            source,
            map,
            expanded,
            page: Page {
                file,
                ..Page::default()
            },
            diagnostics: Vec::new(),
            section: None,
            tab: None,
            pending: None,
            quote_depth: 0,
        }
    }

    /// The line of `offset` in the file it came from.
    fn line(&self, offset: usize) -> u32 {
        self.map.locate(self.source, offset).1
    }

    /// The included file `offset` came from; `None` for the page's text.
    fn origin(&self, offset: usize) -> Option<String> {
        match self.map.locate(self.source, offset).0 {
            0 => None,
            file => Some(self.map.file(file).to_string()),
        }
    }

    /// The file to report a finding at `offset` against.
    fn file_at(&self, offset: usize) -> &str {
        self.map.file(self.map.locate(self.source, offset).0)
    }

    fn walk(&mut self) {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_STRIKETHROUGH;
        // A reference link with no definition (`[identitySet][]`) keeps its
        // text and gets an empty target, so types can still be read from it.
        let mut unresolved = |_: BrokenLink<'_>| Some((CowStr::from(""), CowStr::from("")));
        let source = self.source;
        let mut events =
            Parser::new_with_broken_link_callback(source, options, Some(&mut unresolved))
                .into_offset_iter()
                .peekable();

        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                    let mut text = String::new();
                    for (e, _) in events.by_ref() {
                        match e {
                            Event::Text(t) => text.push_str(&t),
                            Event::End(TagEnd::MetadataBlock(_)) => break,
                            _ => {}
                        }
                    }
                    self.page.front_matter = parse_front_matter(&text);
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let inline =
                        gather(&mut events, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                    self.heading(level, inline, range);
                }
                Event::Start(Tag::Paragraph) => {
                    let inline =
                        gather(&mut events, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                    self.paragraph(inline, range);
                }
                // The text of a tight list item comes without a paragraph
                // around it; it is read as one.
                Event::Start(Tag::Item) => {
                    let mut inline = Inline::default();
                    while let Some((event, _)) = events.peek() {
                        if !is_inline(event) {
                            break;
                        }
                        inline.event(event);
                        events.next();
                    }
                    if !inline.text.trim().is_empty() {
                        self.paragraph(inline, range);
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => self.quote_depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => {
                    self.quote_depth = self.quote_depth.saturating_sub(1)
                }
                Event::Start(Tag::Table(_)) => self.table(&mut events, range),
                Event::Start(Tag::CodeBlock(kind)) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.trim().to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let mut text = String::new();
                    for (e, _) in events.by_ref() {
                        match e {
                            Event::Text(t) => text.push_str(&t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    self.code_block(info, text, range);
                }
                Event::Start(Tag::HtmlBlock) => {
                    let mut text = String::new();
                    for (e, _) in events.by_ref() {
                        match e {
                            Event::Html(t) | Event::Text(t) => text.push_str(&t),
                            Event::End(TagEnd::HtmlBlock) => break,
                            _ => {}
                        }
                    }
                    self.html(&text, range.start);
                }
                Event::Html(text) => self.html(&text, range.start),
                Event::Rule => self.tab = None,
                _ => {}
            }
        }
        self.drop_pending();
    }

    fn heading(&mut self, level: HeadingLevel, inline: Inline, range: Range<usize>) {
        let line = self.line(range.start);
        let file = self.origin(range.start);

        // `# [C#](#tab/csharp)` opens a tab of samples; it is not a section.
        if let [link] = inline.links.as_slice() {
            if link.target.starts_with("#tab/") {
                self.tab = Some(link.text.clone());
                return;
            }
        }

        self.drop_pending();
        self.tab = None;
        let level = level as u8;
        let title = collapse(&inline.text);
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

    fn paragraph(&mut self, inline: Inline, range: Range<usize>) {
        let line = self.line(range.start);
        let file = self.origin(range.start);
        let file_index = self.map.locate(self.source, range.start).0;
        let raw = &self.source[range.clone()];

        // `[!INCLUDE [label](path)]` pulls in shared text; it is not prose.
        let includes: Vec<Include> = raw
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let (label, path) = parse_include_target(l)?;
                let line = line + i as u32;
                Some(Include {
                    line,
                    file: file.clone(),
                    section: self.section,
                    label: label.to_string(),
                    path: path.to_string(),
                    expanded: self.expanded.contains(&(file_index, line)),
                })
            })
            .collect();
        if !includes.is_empty() {
            self.page.includes.extend(includes);
            return;
        }

        if raw.lines().count() >= 2 && raw.lines().all(|l| l.trim_start().starts_with('|')) {
            self.diagnostics.push(Diagnostic::error(
                "P004",
                self.file_at(range.start),
                line,
                "lines look like a table but have no separator row (`|---|---|`); the table is lost",
            ));
        }

        let text = collapse(&inline.text);
        if self.quote_depth > 0 || text.is_empty() {
            return;
        }
        if let Some(ns) = text.strip_prefix("Namespace:") {
            self.page.namespace = Some(ns.trim().to_string());
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
            links: inline.links,
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
        let line = self.line(range.start);
        let file = self.origin(range.start);
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut context: Option<String> = None;
        let mut cells: Vec<Cell> = Vec::new();
        let mut indented = false;
        let mut row_line = line;
        let mut row_file = file.clone();
        let mut in_head = false;

        while let Some((event, r)) = events.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => {
                    header = cells.drain(..).map(|c| c.text).collect();
                    in_head = false;
                }
                Event::Start(Tag::TableRow) => {
                    row_line = self.line(r.start);
                    row_file = self.origin(r.start);
                    indented = false;
                }
                Event::Start(Tag::TableCell) => {
                    let first = cells.is_empty() && !in_head;
                    if first {
                        let raw = self.source[r.clone()].trim_start_matches(['|', ' ', '\t']);
                        indented = raw.starts_with("&nbsp;") || raw.starts_with('\u{a0}');
                    }
                    let inline = gather(events, |e| matches!(e, Event::End(TagEnd::TableCell)));
                    cells.push(inline.into_cell());
                }
                Event::End(TagEnd::TableRow) => {
                    let row_cells = std::mem::take(&mut cells);
                    let group = row_cells
                        .first()
                        .is_some_and(|c| c.strong && !c.text.is_empty())
                        && row_cells[1..].iter().all(|c| c.text.is_empty());
                    if group {
                        context = Some(row_cells[0].text.clone());
                    } else if row_cells.iter().any(|c| !c.text.is_empty()) {
                        rows.push(Row {
                            line: row_line,
                            file: row_file.clone(),
                            context: context.clone(),
                            indented,
                            cells: row_cells,
                            type_expr: None,
                        });
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }

        let titles: Vec<String> = self
            .page
            .section_path(self.section)
            .map(|s| s.title.to_ascii_lowercase())
            .collect();
        let kind = TableKind::classify(&header, &titles);
        let mut table = Table {
            line,
            file,
            section: self.section,
            kind,
            header,
            rows,
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
        for row in &mut table.rows {
            let cell = row.cell(column);
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
            row.type_expr = Some(parsed);
        }
    }

    fn code_block(&mut self, info: String, text: String, range: Range<usize>) {
        let line = self.line(range.start);
        let annotation = self.pending.take().map(|(a, _)| a);
        self.page.code_blocks.push(CodeBlock {
            line,
            file: self.origin(range.start),
            section: self.section,
            info,
            text,
            annotation,
            tab: self.tab.clone(),
        });
    }

    /// An HTML block: annotation comments, or markup that is not content.
    fn html(&mut self, text: &str, offset: usize) {
        let mut rest = text;
        let mut consumed = 0;
        while let Some(start) = rest.find("<!--") {
            // Searched after the opening, so that `<!-->` does not close itself.
            let Some(len) = rest[start + 4..].find("-->") else {
                break;
            };
            let comment = &rest[start + 4..start + 4 + len];
            let at = offset + consumed + start;
            let line = self.line(at);
            match parse_annotation(comment, line) {
                Ok(annotation) => {
                    if annotation.repaired {
                        self.diagnostics.push(Diagnostic::note(
                            "P002",
                            self.file_at(at),
                            line,
                            "annotation comment is not valid JSON; read after repair",
                        ));
                    }
                    if annotation.block_type().is_some() {
                        self.drop_pending();
                        self.pending = Some((annotation, self.origin(at)));
                    } else {
                        self.page.metadata.push(annotation);
                    }
                }
                Err(AnnotationError::NotJson) => {}
                Err(AnnotationError::Invalid(error)) => {
                    self.diagnostics.push(Diagnostic::warning(
                        "P001",
                        self.file_at(at),
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
