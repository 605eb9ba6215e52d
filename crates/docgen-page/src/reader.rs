use std::ops::Range;

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, MetadataBlockKind, Options, Parser,
    Tag, TagEnd,
};

use crate::annotation::{parse_annotation, Annotation, AnnotationError};
use crate::delimiter_rows::repair_delimiter_rows;
use crate::diagnostic::Diagnostic;
use crate::http::{parse_http_message, parse_request_line, StartLine};
use crate::page::{
    Cell, CodeBlock, Example, ExampleMessage, FrontMatter, Include, Link, Page, Paragraph, Row,
    Section, Table,
};
use crate::table::TableKind;
use crate::type_expr::TypeExpr;

/// Reads one page. `file` is the path reported in diagnostics and stored in
/// the page; `source` is the page's markdown.
pub fn parse_page(file: &str, source: &str) -> (Page, Vec<Diagnostic>) {
    let source = repair_delimiter_rows(source);
    let mut reader = Reader::new(file, &source);
    reader.walk();
    reader.collect_request_lines();
    reader.collect_examples();
    (reader.page, reader.diagnostics)
}

struct Reader<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    page: Page,
    diagnostics: Vec<Diagnostic>,
    section: Option<usize>,
    tab: Option<String>,
    /// An annotation waiting for the code block it describes.
    pending: Option<Annotation>,
    /// Nesting depth of block quotes: notes, which are not content.
    quote_depth: usize,
}

/// Text and links gathered from the inline events of one block.
#[derive(Default)]
struct Inline {
    text: String,
    links: Vec<Link>,
    open_links: Vec<(String, usize)>,
    code: bool,
    strong_depth: usize,
    emphasis_depth: usize,
    text_in_strong: bool,
    text_outside_strong: bool,
    text_in_emphasis: bool,
    text_outside_emphasis: bool,
}

impl Inline {
    fn push_text(&mut self, text: &str) {
        if !text.trim().is_empty() {
            if self.strong_depth > 0 {
                self.text_in_strong = true;
            } else {
                self.text_outside_strong = true;
            }
            if self.emphasis_depth > 0 {
                self.text_in_emphasis = true;
            } else {
                self.text_outside_emphasis = true;
            }
        }
        self.text.push_str(text);
    }

    /// Handles an inline event; returns false for events that are not inline.
    fn event(&mut self, event: &Event) -> bool {
        match event {
            Event::Text(t) => self.push_text(t),
            Event::Code(t) => {
                self.code = true;
                self.push_text(t);
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::InlineHtml(_) | Event::Html(_) => self.text.push(' '),
            Event::FootnoteReference(t) => self.push_text(t),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.open_links
                    .push((dest_url.to_string(), self.text.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, start)) = self.open_links.pop() {
                    let text = collapse(&self.text[start..]);
                    self.links.push(Link { text, target });
                }
            }
            Event::Start(Tag::Strong) => self.strong_depth += 1,
            Event::End(TagEnd::Strong) => self.strong_depth = self.strong_depth.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.emphasis_depth += 1,
            Event::End(TagEnd::Emphasis) => {
                self.emphasis_depth = self.emphasis_depth.saturating_sub(1)
            }
            Event::Start(
                Tag::Image { .. } | Tag::Strikethrough | Tag::Superscript | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Image | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript,
            ) => {}
            _ => return false,
        }
        true
    }

    fn into_cell(self) -> Cell {
        Cell {
            text: collapse(&self.text),
            links: self.links,
            code: self.code,
            strong: self.text_in_strong && !self.text_outside_strong,
            emphasis: self.text_in_emphasis && !self.text_outside_emphasis,
        }
    }
}

/// Collapses runs of white space (non-breaking spaces included) into one
/// space and trims the ends.
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a> Reader<'a> {
    fn new(file: &str, source: &'a str) -> Reader<'a> {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Reader {
            source,
            line_starts,
            page: Page {
                file: file.to_string(),
                ..Page::default()
            },
            diagnostics: Vec::new(),
            section: None,
            tab: None,
            pending: None,
            quote_depth: 0,
        }
    }

    fn line(&self, offset: usize) -> u32 {
        self.line_starts.partition_point(|&s| s <= offset) as u32
    }

    fn file(&self) -> &str {
        &self.page.file
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
                .into_offset_iter();

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
            parent,
        });
        self.section = Some(self.page.sections.len() - 1);
    }

    fn paragraph(&mut self, inline: Inline, range: Range<usize>) {
        let line = self.line(range.start);
        let raw = &self.source[range.clone()];

        // `[!INCLUDE [label](path)]` pulls in shared text; it is not prose.
        let includes: Vec<Include> = raw
            .lines()
            .enumerate()
            .filter_map(|(i, l)| parse_include(l, line + i as u32, self.section))
            .collect();
        if !includes.is_empty() {
            self.page.includes.extend(includes);
            return;
        }

        if raw.lines().count() >= 2 && raw.lines().all(|l| l.trim_start().starts_with('|')) {
            self.diagnostics.push(Diagnostic::warning(
                "P004",
                self.file(),
                line,
                "lines look like a table but have no separator row (`|---|---|`); read as text",
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
        if self.in_preamble() {
            if !self.page.description.is_empty() {
                self.page.description.push_str("\n\n");
            }
            self.page.description.push_str(&text);
        }
        self.page.paragraphs.push(Paragraph {
            line,
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
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut context: Option<String> = None;
        let mut cells: Vec<Cell> = Vec::new();
        let mut indented = false;
        let mut row_line = line;
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
                self.diagnostics
                    .push(Diagnostic::warning("P008", self.file(), row.line, message));
            } else if parsed.free_text {
                self.diagnostics.push(Diagnostic::note(
                    "P007",
                    self.file(),
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
        let annotation = self.pending.take();
        self.page.code_blocks.push(CodeBlock {
            line,
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
            let Some(len) = rest[start..].find("-->") else {
                break;
            };
            let comment = &rest[start + 4..start + len];
            let line = self.line(offset + consumed + start);
            match parse_annotation(comment, line) {
                Ok(annotation) => {
                    if annotation.repaired {
                        self.diagnostics.push(Diagnostic::note(
                            "P002",
                            self.file(),
                            line,
                            "annotation comment is not valid JSON; read after repair",
                        ));
                    }
                    if annotation.block_type().is_some() {
                        self.drop_pending();
                        self.pending = Some(annotation);
                    } else {
                        self.page.metadata.push(annotation);
                    }
                }
                Err(AnnotationError::NotJson) => {}
                Err(AnnotationError::Invalid(error)) => {
                    self.diagnostics.push(Diagnostic::warning(
                        "P001",
                        self.file(),
                        line,
                        format!("annotation comment is not valid JSON and was ignored: {error}"),
                    ));
                }
            }
            let end = start + len + 3;
            consumed += end;
            rest = &rest[end..];
        }
    }

    /// An annotation that meets something other than a code block describes
    /// nothing; annotations of examples and resources are worth a word.
    fn drop_pending(&mut self) {
        if let Some(a) = self.pending.take() {
            if matches!(a.block_type(), Some("request" | "response" | "resource")) {
                self.diagnostics.push(Diagnostic::note(
                    "P005",
                    self.file(),
                    a.line,
                    format!(
                        "`{}` annotation is not followed by a code block",
                        a.block_type().unwrap_or_default()
                    ),
                ));
            }
        }
    }

    fn collect_request_lines(&mut self) {
        let page = &self.page;
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
                    block_lines(block).map_while(|(line, text)| parse_request_line(text, line)),
                ),
                // A sample in a programming language, such as the C# that
                // shows how to encode an id.
                _ if !is_http_info(&block.info) => {}
                _ => {
                    for (line, text) in block_lines(block) {
                        match parse_request_line(text, line) {
                            Some(request) => request_lines.push(request),
                            // `or` between two request lines, and the
                            // headers some sections show under them.
                            None if text.eq_ignore_ascii_case("or") || is_header_line(text) => {}
                            None => self.diagnostics.push(Diagnostic::note(
                                "P006",
                                &page.file,
                                line,
                                format!(
                                    "`{text}` in the HTTP request section is not a request line"
                                ),
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
            .any(|s| s.title.to_ascii_lowercase().starts_with("http request"));
        if request_lines.is_empty() && !has_section {
            for block in &page.code_blocks {
                let outside_examples = !page.is_under(block.section, &["example", "response"]);
                let plain = !matches!(block.block_type(), Some("request" | "response"));
                if !outside_examples || !plain || block.tab.is_some() {
                    continue;
                }
                let parsed: Option<Vec<_>> = block_lines(block)
                    .map(|(line, text)| parse_request_line(text, line))
                    .collect();
                if let Some(lines) = parsed {
                    request_lines.extend(lines);
                }
            }
        }
        self.page.request_lines = request_lines;
    }

    fn collect_examples(&mut self) {
        let mut examples: Vec<Example> = Vec::new();
        for (index, block) in self.page.code_blocks.iter().enumerate() {
            let annotated = block.block_type();
            if matches!(
                annotated,
                Some("ignored" | "resource" | "example" | "samples")
            ) {
                continue;
            }
            if annotated.is_none() {
                let in_examples = self
                    .page
                    .is_under(block.section, &["example", "request", "response"])
                    && !self.page.is_under(block.section, &["http request"]);
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
        self.page.examples = examples;
    }
}

/// An info string that a block of HTTP lines may carry.
fn is_http_info(info: &str) -> bool {
    matches!(
        info.to_ascii_lowercase().as_str(),
        "" | "http" | "https" | "msgraph-interactive" | "rest" | "text" | "txt" | "console"
    )
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
        .map(|(i, text)| (block.content_line() + i as u32, text.trim()))
        .filter(|(_, text)| !text.is_empty() && !text.starts_with("//") && !text.starts_with('#'))
}

/// Gathers inline events up to and including the one `end` accepts.
fn gather<'e>(
    events: &mut impl Iterator<Item = (Event<'e>, Range<usize>)>,
    end: impl Fn(&Event<'e>) -> bool,
) -> Inline {
    let mut inline = Inline::default();
    for (event, _) in events.by_ref() {
        if end(&event) {
            break;
        }
        inline.event(&event);
    }
    inline
}

fn parse_include(line_text: &str, line: u32, section: Option<usize>) -> Option<Include> {
    let rest = line_text.trim().strip_prefix("[!INCLUDE")?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let (label, rest) = rest.split_once(']')?;
    let rest = rest.trim_start().strip_prefix('(')?;
    let (path, _) = rest.split_once(')')?;
    Some(Include {
        line,
        section,
        label: label.trim().to_string(),
        path: path.trim().to_string(),
    })
}

/// Reads the flat `key: value` YAML the docs use; nested values are kept as
/// written.
fn parse_front_matter(text: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.starts_with([' ', '\t', '-']) {
            continue;
        }
        let key = key.trim().to_string();
        let value = value.trim().trim_matches(['"', '\'']).trim().to_string();
        match key.as_str() {
            "title" => fm.title = Some(value.clone()),
            "description" => fm.description = Some(value.clone()),
            "ms.prod" => fm.ms_prod = Some(value.clone()),
            "ms.subservice" => fm.ms_subservice = Some(value.clone()),
            "doc_type" => fm.doc_type = Some(value.clone()),
            _ => {}
        }
        fm.fields.insert(key, value);
    }
    fm
}
