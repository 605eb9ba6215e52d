//! Where each line of a page with its includes expanded came from, so that
//! everything read from it can be reported against the file that holds it.

use std::cell::RefCell;

/// The files an expanded page was built from, and which of them each line
/// of the expanded text belongs to.
#[derive(Clone, Debug)]
pub(crate) struct SourceMap {
    /// Index 0 is the page itself; the others are included files.
    files: Vec<String>,
    /// Offsets of the line starts of the expanded text, found as far as
    /// the last offset asked for: most pages ask for a fraction of their
    /// lines, in order.
    line_starts: RefCell<LineStarts>,
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
    /// The map of a page read without includes.
    pub(crate) fn single(file: &str) -> SourceMap {
        let segment = Segment {
            first_line: 0,
            file: 0,
            line: 1,
        };
        SourceMap::new(vec![file.to_string()], vec![segment])
    }

    pub(crate) fn new(files: Vec<String>, segments: Vec<Segment>) -> SourceMap {
        SourceMap {
            files,
            line_starts: RefCell::new(LineStarts { starts: vec![0] }),
            segments,
        }
    }

    /// The file index and the line number, from 1, of a byte offset of
    /// the expanded text `text`, the one the map was made for.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (usize, u32) {
        let global = self.line_starts.borrow_mut().line_index(text, offset);
        let at = self
            .segments
            .partition_point(|s| s.first_line <= global)
            .saturating_sub(1);
        match self.segments.get(at) {
            Some(s) => (s.file, s.line + (global - s.first_line)),
            None => (0, global + 1),
        }
    }

    /// The path of a file by index.
    pub(crate) fn file(&self, index: usize) -> &str {
        &self.files[index]
    }
}

/// Line starts of a text, found on demand.
#[derive(Clone, Debug)]
struct LineStarts {
    starts: Vec<usize>,
}

impl LineStarts {
    /// The index, from 0, of the line that holds `offset`.
    fn line_index(&mut self, text: &str, offset: usize) -> u32 {
        let known = *self.starts.last().expect("line 0 starts at 0");
        if offset >= known {
            let end = (offset + 1).min(text.len());
            let bytes = text.as_bytes().get(known..end).unwrap_or_default();
            let found = bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| known + i + 1);
            self.starts.extend(found);
        }
        (self.starts.partition_point(|&s| s <= offset) - 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(map.file(1), "inc.md");
    }
}
