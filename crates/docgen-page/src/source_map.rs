//! Where each line of a page with its includes expanded came from, so that
//! everything read from it can be reported against the file that holds it.

/// The files an expanded page was built from, and which of them each line
/// of the expanded text belongs to.
#[derive(Clone, Debug)]
pub(crate) struct SourceMap {
    /// Index 0 is the page itself; the others are included files.
    files: Vec<String>,
    /// Offsets of the line starts of the expanded text.
    line_starts: Vec<usize>,
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
    pub(crate) fn single(file: &str, text: &str) -> SourceMap {
        let segment = Segment {
            first_line: 0,
            file: 0,
            line: 1,
        };
        SourceMap::new(vec![file.to_string()], vec![segment], text)
    }

    pub(crate) fn new(files: Vec<String>, segments: Vec<Segment>, text: &str) -> SourceMap {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceMap {
            files,
            line_starts,
            segments,
        }
    }

    /// The file index and the line number, from 1, of a byte offset of
    /// the expanded text.
    pub(crate) fn locate(&self, offset: usize) -> (usize, u32) {
        let global = self.line_starts.partition_point(|&s| s <= offset) as u32 - 1;
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
        let map = SourceMap::new(vec!["page.md".into(), "inc.md".into()], segments, text);
        let offset = |needle: &str| text.find(needle).unwrap();
        assert_eq!(map.locate(offset("a")), (0, 1));
        assert_eq!(map.locate(offset("y")), (1, 6));
        assert_eq!(map.locate(offset("b")), (0, 3));
        assert_eq!(map.file(1), "inc.md");
    }
}
