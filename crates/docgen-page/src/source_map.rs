//! Where each line of a page with its includes expanded came from, so that
//! everything read from it can be reported against the file that holds it.

use std::cell::Cell;
use std::sync::Arc;

/// The files an expanded page was built from, and which of them each line
/// of the expanded text belongs to.
#[derive(Clone, Debug)]
pub(crate) struct SourceMap {
    /// Index 0 is the page itself; the others are included files.
    files: Vec<Arc<str>>,
    /// The last offset asked for and the index of its line. Most pages ask
    /// in order, so each question counts only the line ends since the last.
    cursor: Cell<(usize, u32)>,
    /// Sorted by `first_line`.
    segments: Vec<Segment>,
}

/// A run of lines of the expanded text taken from one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Index, from 0, of the run's first line in the expanded text.
    pub(crate) first_line: u32,
    /// Index into the map's files.
    pub(crate) file: usize,
    /// Line number, from 1, of the run's first line in its file.
    pub(crate) line: u32,
}

impl SourceMap {
    /// The map of a page read without includes: with no segments, every
    /// line is the page's own.
    pub(crate) fn single(file: &str) -> SourceMap {
        SourceMap {
            files: vec![Arc::from(file)],
            cursor: Cell::new((0, 0)),
            segments: Vec::new(),
        }
    }

    pub(crate) fn new(files: Vec<String>, segments: Vec<Segment>) -> SourceMap {
        SourceMap {
            files: files.into_iter().map(Arc::from).collect(),
            cursor: Cell::new((0, 0)),
            segments,
        }
    }

    /// The file index and the line number, from 1, of a byte offset of
    /// the expanded text `text`, the one the map was made for.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (usize, u32) {
        let global = self.line_index(text, offset);
        let at = self
            .segments
            .partition_point(|s| s.first_line <= global)
            .saturating_sub(1);
        match self.segments.get(at) {
            Some(s) => (s.file, s.line + (global - s.first_line)),
            None => (0, global + 1),
        }
    }

    /// Forgets the last offset asked for, before the text is read again.
    pub(crate) fn rewind(&self) {
        self.cursor.set((0, 0));
    }

    /// The path of a file by index.
    pub(crate) fn file(&self, index: usize) -> &str {
        &self.files[index]
    }

    /// The included file at `index`, shared; `None` for the page itself.
    pub(crate) fn origin(&self, index: usize) -> Option<Arc<str>> {
        match index {
            0 => None,
            i => Some(Arc::clone(&self.files[i])),
        }
    }

    /// The index, from 0, of the line of `text` that holds `offset`: the
    /// number of line ends before it.
    fn line_index(&self, text: &str, offset: usize) -> u32 {
        let offset = offset.min(text.len());
        let (last, line) = self.cursor.get();
        let bytes = text.as_bytes();
        let line = if offset >= last {
            line + line_ends(&bytes[last..offset])
        } else {
            line - line_ends(&bytes[offset..last])
        };
        self.cursor.set((offset, line));
        line
    }
}

/// Counted in runs short enough for a byte to hold each run's count, which
/// the compiler turns into wide compares; the spans between the places
/// asked for are mostly a line or two, too short for memchr to pay off.
fn line_ends(bytes: &[u8]) -> u32 {
    bytes
        .chunks(255)
        .map(|run| run.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n')))
        .map(u32::from)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_are_counted_across_runs() {
        let text = "\n".repeat(600) + &"a\nb".repeat(300);
        for len in [0, 1, 254, 255, 256, 600, 601, text.len()] {
            let expected = text[..len].matches('\n').count() as u32;
            assert_eq!(line_ends(&text.as_bytes()[..len]), expected, "{len}");
        }
    }

    #[test]
    fn lines_map_back_to_their_files() {
        let text = "a\n[!INCLUDE]\n\nx\ny\n\nb\n";
        let segments = vec![
            Segment {
                first_line: 0,
                file: 0,
                line: 1,
            },
            Segment {
                first_line: 3,
                file: 1,
                line: 5,
            },
            Segment {
                first_line: 6,
                file: 0,
                line: 3,
            },
        ];
        let map = SourceMap::new(vec!["page.md".into(), "inc.md".into()], segments);
        let offset = |needle: &str| text.find(needle).unwrap();
        assert_eq!(map.locate(text, offset("y")), (1, 6));
        // Offsets may come out of order.
        assert_eq!(map.locate(text, offset("a")), (0, 1));
        assert_eq!(map.locate(text, offset("b")), (0, 3));
        assert_eq!(map.locate(text, offset("x")), (1, 5));
        assert_eq!(map.locate(text, text.len() + 4), (0, 4));
        assert_eq!(map.file(1), "inc.md");
    }
}
