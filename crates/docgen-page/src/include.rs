//! `[!INCLUDE [label](path)]` expansion: reading a page together with the
//! files it includes, as one text with a map back to each file's lines.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use arcstr::ArcStr;

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::reader::read_mapped;
use crate::source_map::{Segment, SourceMap};

/// How deep includes may nest before the reader stops expanding them.
pub const DEFAULT_MAX_INCLUDE_DEPTH: usize = 8;

/// Gives the text of a page or included file by its path relative to the
/// docs root, with `/` separators.
pub trait SourceLoader {
    fn load(&self, path: &str) -> io::Result<String>;
}

/// Loads files from a folder on disk.
#[derive(Clone, Debug)]
pub struct FsLoader {
    root: PathBuf,
}

impl FsLoader {
    pub fn new(root: impl Into<PathBuf>) -> FsLoader {
        FsLoader { root: root.into() }
    }
}

impl SourceLoader for FsLoader {
    fn load(&self, path: &str) -> io::Result<String> {
        std::fs::read_to_string(self.root.join(path))
    }
}

/// In-memory files, keyed by path relative to the docs root.
impl SourceLoader for HashMap<String, String> {
    fn load(&self, path: &str) -> io::Result<String> {
        self.get(path).cloned().ok_or_else(not_found)
    }
}

/// In-memory files, keyed by path relative to the docs root.
impl SourceLoader for BTreeMap<String, String> {
    fn load(&self, path: &str) -> io::Result<String> {
        self.get(path).cloned().ok_or_else(not_found)
    }
}

fn not_found() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "no such file")
}

/// What an include brings to the page, which decides whether it is
/// expanded in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IncludeKind {
    /// SDK code samples under `includes/snippets/`: not part of the API
    /// description. Not expanded.
    Snippet,
    /// Page furniture shared by many pages: national cloud availability,
    /// disclaimers, notes. Not expanded, so that it never becomes part of
    /// a description or a table.
    Boilerplate,
    /// Content of the page kept in a shared file, such as its permissions
    /// table (`includes/permissions/user-get-permissions.md`). Expanded.
    Content,
}

/// The kind of an include, judged from its path.
pub fn include_kind(path: &str) -> IncludeKind {
    let path = path.to_ascii_lowercase();
    if path.contains("snippets/") {
        return IncludeKind::Snippet;
    }
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(&path)
        .trim_end_matches(".md");
    let boilerplate = stem.contains("cloud")
        || stem.starts_with("global-")
        || stem.contains("disclaimer")
        || stem.contains("-notes")
        || matches!(stem, "limited-info" | "beta-disclaimer" | "preview-note");
    if boilerplate {
        IncludeKind::Boilerplate
    } else {
        IncludeKind::Content
    }
}

/// Reads pages with their includes expanded.
///
/// Includes are resolved relative to the including file, recursively.
/// A missing or unreadable include, a cycle or too deep a nesting is a
/// diagnostic at the include line, and the rest is read.
pub struct PageReader<L> {
    loader: L,
    max_depth: usize,
    kind: fn(&str) -> IncludeKind,
}

impl<L: SourceLoader> PageReader<L> {
    pub fn new(loader: L) -> PageReader<L> {
        PageReader {
            loader,
            max_depth: DEFAULT_MAX_INCLUDE_DEPTH,
            kind: include_kind,
        }
    }

    /// Sets how deep includes may nest.
    pub fn with_max_depth(mut self, depth: usize) -> PageReader<L> {
        self.max_depth = depth;
        self
    }

    /// Sets how includes are judged; the default is [`include_kind`].
    pub fn with_include_kind(mut self, kind: fn(&str) -> IncludeKind) -> PageReader<L> {
        self.kind = kind;
        self
    }

    /// Reads the page at `file`, a path relative to the docs root with `/`
    /// separators. A page that cannot be read gives an empty page and an
    /// error.
    pub fn read(&self, file: &str) -> (Page, Vec<Diagnostic>) {
        match self.loader.load(file) {
            Ok(source) => self.read_source(file, &source),
            Err(error) => {
                let page = Page {
                    file: file.to_string(),
                    ..Page::default()
                };
                let message = format!("page cannot be read: {error}");
                (page, vec![Diagnostic::error("P003", file, 1, message)])
            }
        }
    }

    /// Reads a page whose text is already at hand; its includes are loaded.
    pub fn read_source(&self, file: &str, source: &str) -> (Page, Vec<Diagnostic>) {
        let mut expander = Expander {
            reader: self,
            text: String::with_capacity(source.len()),
            lines: 0,
            files: vec![file.to_string()],
            segments: Vec::new(),
            stack: vec![file.to_string()],
            expanded: HashSet::new(),
            diagnostics: Vec::new(),
        };
        expander.push_file(0, source, 1);

        let Expander {
            text,
            files,
            segments,
            expanded,
            mut diagnostics,
            ..
        } = expander;
        let text = ArcStr::from(text);
        let map = SourceMap::new(files, segments);
        let (page, found) = read_mapped(text, map, &expanded);
        diagnostics.extend(found);
        (page, diagnostics)
    }
}

/// Reads the page at `file` under the docs folder `root`, with its
/// includes expanded. `file` may be absolute or relative to `root`.
pub fn read_page(root: &Path, file: &Path) -> (Page, Vec<Diagnostic>) {
    let relative = file.strip_prefix(root).unwrap_or(file);
    let name = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    PageReader::new(FsLoader::new(root)).read(&name)
}

/// Builds the expanded text of one page.
struct Expander<'r, L> {
    reader: &'r PageReader<L>,
    text: String,
    /// Lines in `text` so far.
    lines: u32,
    files: Vec<String>,
    segments: Vec<Segment>,
    /// The files being included, outermost first, to find cycles.
    stack: Vec<String>,
    /// The include lines that were expanded, as (file index, line).
    expanded: HashSet<(usize, u32)>,
    diagnostics: Vec<Diagnostic>,
}

impl<L: SourceLoader> Expander<'_, L> {
    /// Appends the text of file `file`, whose first line is line
    /// `first_line` of that file, expanding its includes.
    fn push_file(&mut self, file: usize, source: &str, first_line: u32) {
        self.start_segment(file, first_line);
        let mut fence: Option<(char, usize)> = None;
        for (i, line) in source.split_inclusive('\n').enumerate() {
            let number = first_line + i as u32;
            fence = next_fence(fence, line);
            self.push_line(line);

            let Some((_, path)) = parse_include_target(line).filter(|_| fence.is_none()) else {
                continue;
            };
            if (self.reader.kind)(path) != IncludeKind::Content {
                continue;
            }
            if self.include(file, number, path) {
                self.start_segment(file, number + 1);
            }
        }
    }

    /// Expands one include; returns whether anything was appended.
    fn include(&mut self, file: usize, line: u32, path: &str) -> bool {
        let including = self.files[file].clone();
        let Some(resolved) = resolve(&including, path) else {
            self.warn(
                "P003",
                &including,
                line,
                format!("include `{path}` leaves the docs root"),
            );
            return false;
        };
        if self.stack.contains(&resolved) {
            let chain = self.stack.join(" → ");
            let message = format!("include `{path}` is a cycle: {chain} → {resolved}");
            self.warn("P009", &including, line, message);
            return false;
        }
        if self.stack.len() > self.reader.max_depth {
            let message = format!(
                "include `{path}` nests deeper than {} levels; not expanded",
                self.reader.max_depth
            );
            self.warn("P010", &including, line, message);
            return false;
        }
        let source = match self.reader.loader.load(&resolved) {
            Ok(source) => source,
            Err(error) => {
                let message = format!("include `{path}` ({resolved}) cannot be read: {error}");
                self.warn("P003", &including, line, message);
                return false;
            }
        };

        // Blank lines around the included text keep it from running into
        // the paragraph or table next to the include line.
        self.expanded.insert((file, line));
        self.push_line("\n");
        let (body, body_line) = strip_front_matter(&source);
        self.files.push(resolved.clone());
        self.stack.push(resolved);
        self.push_file(self.files.len() - 1, body, body_line);
        self.stack.pop();
        self.push_line("\n");
        true
    }

    fn start_segment(&mut self, file: usize, line: u32) {
        let segment = Segment {
            first_line: self.lines,
            file,
            line,
        };
        match self.segments.last_mut() {
            Some(last) if last.first_line == self.lines => *last = segment,
            _ => self.segments.push(segment),
        }
    }

    fn push_line(&mut self, line: &str) {
        self.text.push_str(line);
        if !line.ends_with('\n') {
            self.text.push('\n');
        }
        self.lines += 1;
    }

    fn warn(&mut self, code: &'static str, file: &str, line: u32, message: String) {
        self.diagnostics
            .push(Diagnostic::warning(code, file, line, message));
    }
}

/// The fence state after `line`: the opening fence's character and length
/// while inside a fenced code block.
fn next_fence(fence: Option<(char, usize)>, line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    let c = trimmed.chars().next()?;
    if c != '`' && c != '~' {
        return fence;
    }
    let len = trimmed.chars().take_while(|&x| x == c).count();
    if len < 3 {
        return fence;
    }
    match fence {
        None => Some((c, len)),
        Some((open, open_len))
            if open == c && len >= open_len && trimmed[len..].trim().is_empty() =>
        {
            None
        }
        open => open,
    }
}

/// The label and path of an `[!INCLUDE [label](path)]` line.
pub(crate) fn parse_include_target(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix("[!INCLUDE")?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let (label, rest) = rest.split_once(']')?;
    let rest = rest.trim_start().strip_prefix('(')?;
    let (path, _) = rest.split_once(')')?;
    Some((label.trim(), path.trim()))
}

/// `path` taken relative to the folder of `including`; `None` when it
/// climbs out of the docs root.
fn resolve(including: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        let mut parts: Vec<&str> = including.split('/').collect();
        parts.pop();
        parts
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The text after a leading `---` YAML block, and the line it starts on.
fn strip_front_matter(source: &str) -> (&str, u32) {
    let mut lines = source.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return (source, 1);
    }
    let mut offset = source.find('\n').map_or(source.len(), |i| i + 1);
    for (i, line) in lines.enumerate() {
        offset += line.len();
        if line.trim_end() == "---" {
            return (&source[offset..], i as u32 + 3);
        }
    }
    (source, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_to_the_including_file() {
        assert_eq!(
            resolve("v1.0/api/user-get.md", "../includes/permissions/p.md").as_deref(),
            Some("v1.0/includes/permissions/p.md")
        );
        assert_eq!(
            resolve("v1.0/api/user-get.md", "../../includes/all-clouds.md").as_deref(),
            Some("includes/all-clouds.md")
        );
        assert_eq!(resolve("api/user-get.md", "../../../x.md"), None);
    }

    #[test]
    fn judges_includes_by_path() {
        assert_eq!(
            include_kind("../includes/snippets/csharp/get-user-csharp-snippets.md"),
            IncludeKind::Snippet
        );
        assert_eq!(
            include_kind("../../includes/all-clouds.md"),
            IncludeKind::Boilerplate
        );
        assert_eq!(
            include_kind("../includes/permissions/user-get-permissions.md"),
            IncludeKind::Content
        );
    }

    #[test]
    fn strips_the_front_matter_of_an_included_file() {
        let (body, line) = strip_front_matter("---\nms.topic: include\n---\n\n|a|\n");
        assert_eq!(body, "\n|a|\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn include_lines_in_code_blocks_are_not_includes() {
        let mut fence = None;
        let mut seen = Vec::new();
        for line in [
            "```md\n",
            "[!INCLUDE [a](a.md)]\n",
            "```\n",
            "[!INCLUDE [b](b.md)]\n",
        ] {
            fence = next_fence(fence, line);
            if fence.is_none() {
                if let Some((label, _)) = parse_include_target(line) {
                    seen.push(label);
                }
            }
        }
        assert_eq!(seen, ["b"]);
    }
}
