//! Diagnostics for people and for tools: rustc-style snippets of the
//! source, the plain `file:line: severity[code]: message` form, JSON, and a
//! summary of counts by code.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

use crate::codes::{CodeDoc, CODES};
use crate::diagnostic::{Diagnostic, Severity};

/// The text of the files diagnostics point into, so that they can be shown
/// with the lines they are about.
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    ids: HashMap<String, usize>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds the text of `file`, named as in diagnostics.
    pub fn add(&mut self, file: impl Into<String>, source: impl Into<String>) {
        let file = file.into();
        let id = self.files.add(file.clone(), source.into());
        self.ids.insert(file, id);
    }

    /// The byte range of line `line` (from 1) of `file`, without its line end.
    fn line_range(&self, file: &str, line: u32) -> Option<(usize, std::ops::Range<usize>)> {
        let id = *self.ids.get(file)?;
        let source = self.files.get(id).ok()?.source();
        let start = if line <= 1 {
            0
        } else {
            source.match_indices('\n').nth(line as usize - 2)?.0 + 1
        };
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let end = if source[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some((id, start..end))
    }
}

/// Renders diagnostics the way rustc does: a header with the code, then
/// the line it points at. A diagnostic whose file is not in `sources`, or
/// whose line is past its end, is shown in the plain form.
pub fn render_rich(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let Some((id, range)) = sources.line_range(&d.file, d.line) else {
            out.push_str(&d.to_string());
            out.push('\n');
            continue;
        };
        let report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
            Severity::Note => Report::note(),
        }
        .with_code(d.code)
        .with_message(&d.message)
        .with_labels(vec![Label::primary(id, range)]);
        match term::emit_into_string(&config, &sources.files, &report) {
            Ok(text) => out.push_str(&text),
            Err(_) => {
                out.push_str(&d.to_string());
                out.push('\n');
            }
        }
    }
    out
}

/// One line per diagnostic: `file:line: severity[code]: message`.
pub fn render_plain(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out
}

/// The diagnostics and their summary as one JSON object:
/// `{"diagnostics": [...], "summary": {...}}`.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Output<'a> {
        diagnostics: &'a [Diagnostic],
        summary: Summary,
    }
    let output = Output {
        diagnostics,
        summary: Summary::of(diagnostics),
    };
    serde_json::to_string_pretty(&output).expect("diagnostics serialize to JSON")
}

/// How many diagnostics of each severity and code a run found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub by_code: BTreeMap<&'static str, usize>,
    /// What the codes found mean, where known.
    #[serde(skip)]
    meanings: BTreeMap<&'static str, &'static CodeDoc>,
}

impl Summary {
    /// Counts `diagnostics`; the reader's own codes come with their
    /// meaning.
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut summary = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Note => summary.notes += 1,
            }
            *summary.by_code.entry(d.code).or_default() += 1;
        }
        summary.explained_by(CODES)
    }

    /// Adds the meaning of the codes of a later stage (the model's, say).
    pub fn explained_by(mut self, codes: &'static [CodeDoc]) -> Summary {
        for doc in codes {
            if self.by_code.contains_key(doc.code) {
                self.meanings.insert(doc.code, doc);
            }
        }
        self
    }
}

/// A first line of totals, then one line a code with its meaning:
///
/// ```text
/// 0 errors, 2 warnings, 1 note
///   P001 warning   2  annotation comment is not valid JSON and was ignored
/// ```
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        writeln!(
            f,
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note")
        )?;
        for (code, count) in &self.by_code {
            let (severity, summary) = match self.meanings.get(code) {
                Some(doc) => (doc.severity.to_string(), doc.summary),
                None => (String::new(), ""),
            };
            writeln!(f, "  {code} {severity:<8} {count:>5}  {summary}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Diagnostic> {
        vec![
            Diagnostic::warning("P008", "resources/thing.md", 3, "type cell is empty"),
            Diagnostic::note("P007", "resources/other.md", 1, "type cell holds more"),
        ]
    }

    #[test]
    fn rich_form_shows_the_line() {
        let mut sources = Sources::new();
        sources.add("resources/thing.md", "# thing\n\n| id | |\n");
        let text = render_rich(&sample(), &sources);
        assert!(text.contains("warning[P008]: type cell is empty"), "{text}");
        assert!(text.contains("resources/thing.md:3:1"), "{text}");
        assert!(text.contains("| id | |"), "{text}");
        // Without its source, a diagnostic falls back to the plain form.
        assert!(text.contains("resources/other.md:1: note[P007]: type cell holds more"));
    }

    #[test]
    fn plain_form_is_one_line_each() {
        assert_eq!(
            render_plain(&sample()),
            "resources/thing.md:3: warning[P008]: type cell is empty\n\
             resources/other.md:1: note[P007]: type cell holds more\n"
        );
    }

    #[test]
    fn json_form_holds_the_fields_and_the_summary() {
        let json: serde_json::Value = serde_json::from_str(&render_json(&sample())).unwrap();
        assert_eq!(json["diagnostics"][0]["code"], "P008");
        assert_eq!(json["diagnostics"][0]["severity"], "warning");
        assert_eq!(json["diagnostics"][0]["line"], 3);
        assert_eq!(json["summary"]["warnings"], 1);
        assert_eq!(json["summary"]["by_code"]["P007"], 1);
    }

    #[test]
    fn summary_counts_by_severity_and_code() {
        let text = Summary::of(&sample()).to_string();
        assert_eq!(
            text,
            "0 errors, 1 warning, 1 note\n  \
             P007 note         1  type cell holds more than a type\n  \
             P008 warning      1  type cell names no type\n"
        );
    }
}
