//! Text, links and emphasis gathered from the inline events of one block,
//! and the text of the page shared with the model.

use std::borrow::Cow;
use std::ops::Range;

use arcstr::{ArcStr, Substr};
use pulldown_cmark::{Event, Tag, TagEnd};

use crate::page::{Cell, Link};

/// `text` as a [`Substr`]: a view of the page's `source` when it lies in
/// it, which costs no allocation, a copy otherwise.
pub(crate) fn shared(source: &ArcStr, text: &str) -> Substr {
    // The empty string is static: it counts no references.
    if text.is_empty() {
        return Substr::new();
    }
    source
        .try_substr_from(text)
        .unwrap_or_else(|| Substr::from(text))
}

/// Text gathered from several pieces, most of them borrowed from the page
/// source by the markdown parser. Pieces that stand next to each other in
/// the source are not copied: the buffer notes where their run is, so that
/// text read from it can be shared with the source. A run is copied only
/// when a piece from elsewhere follows it.
#[derive(Default)]
pub(crate) struct TextBuffer {
    /// The text before the run.
    text: String,
    /// The run that ends the text: its offset in the source and length.
    run: Option<(usize, usize)>,
}

impl TextBuffer {
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.run = None;
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len() + self.run.map_or(0, |(_, len)| len)
    }

    /// Appends `piece`, which may be a slice of `source`.
    pub(crate) fn push(&mut self, piece: &str, source: &str) {
        if piece.is_empty() {
            return;
        }
        match (offset_in(source, piece), self.run) {
            (Some(at), Some((from, len))) if from + len == at => {
                self.run = Some((from, len + piece.len()));
            }
            (Some(at), _) => {
                self.settle(source);
                self.run = Some((at, piece.len()));
            }
            (None, _) => {
                self.settle(source);
                self.text.push_str(piece);
            }
        }
    }

    /// The text from `start` on: a slice of `source` when it lies in the
    /// run, a slice of the buffer's copy otherwise.
    pub(crate) fn tail<'a>(&'a mut self, start: usize, source: &'a str) -> &'a str {
        if let Some((from, len)) = self.run {
            if start >= self.text.len() {
                return &source[from + start - self.text.len()..from + len];
            }
            self.settle(source);
        }
        &self.text[start..]
    }

    /// Copies the run into the buffer.
    fn settle(&mut self, source: &str) {
        if let Some((from, len)) = self.run.take() {
            self.text.push_str(&source[from..from + len]);
        }
    }
}

/// The offset of `piece` in `text`, if it is a slice of it.
fn offset_in(text: &str, piece: &str) -> Option<usize> {
    let start = text.as_ptr() as usize;
    let at = piece.as_ptr() as usize;
    (at >= start && at + piece.len() <= start + text.len()).then(|| at - start)
}

/// Text and links gathered from the inline events of one block.
///
/// The reader keeps one and clears it between blocks, so that its buffers
/// are allocated once rather than once per cell.
#[derive(Default)]
pub(crate) struct Inline {
    /// The page source, which most text is a slice of.
    source: ArcStr,
    text: TextBuffer,
    pub(crate) links: Vec<Link>,
    open_links: Vec<(Substr, usize)>,
    code: bool,
    strong_depth: usize,
    emphasis_depth: usize,
    text_in_strong: bool,
    text_outside_strong: bool,
    text_in_emphasis: bool,
    text_outside_emphasis: bool,
}

impl Inline {
    /// Starts on the page `source`, forgetting the previous one.
    pub(crate) fn start_page(&mut self, source: ArcStr) {
        self.clear();
        self.source = source;
    }

    /// Forgets the previous block, keeping the buffers.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.links.clear();
        self.open_links.clear();
        self.code = false;
        self.strong_depth = 0;
        self.emphasis_depth = 0;
        self.text_in_strong = false;
        self.text_outside_strong = false;
        self.text_in_emphasis = false;
        self.text_outside_emphasis = false;
    }

    pub(crate) fn push_text(&mut self, text: &str) {
        let has_words = match text.as_bytes().first() {
            Some(b) if b.is_ascii_graphic() => true,
            _ => !text.trim().is_empty(),
        };
        if has_words {
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
        self.text.push(text, &self.source);
    }

    /// Handles an inline event; returns false for events that are not inline.
    pub(crate) fn event(&mut self, event: &Event) -> bool {
        match event {
            Event::Text(t) => self.push_text(t),
            Event::Code(t) => {
                self.code = true;
                self.push_text(t);
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(" ", &self.source),
            Event::InlineHtml(_) | Event::Html(_) => self.text.push(" ", &self.source),
            Event::FootnoteReference(t) => self.push_text(t),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let target = shared(&self.source, dest_url);
                self.open_links.push((target, self.text.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, start)) = self.open_links.pop() {
                    let text = self.collapsed(start);
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

    /// Whether the block holds only white space.
    pub(crate) fn is_blank(&mut self) -> bool {
        self.text.tail(0, &self.source).trim().is_empty()
    }

    /// The text gathered from `start` on, collapsed (see [`collapse`]).
    pub(crate) fn collapsed(&mut self, start: usize) -> Substr {
        match collapse(self.text.tail(start, &self.source)) {
            Cow::Borrowed(text) => shared(&self.source, text),
            Cow::Owned(text) => Substr::from(text),
        }
    }

    /// The links gathered, in a vector of their own size.
    pub(crate) fn take_links(&mut self) -> Vec<Link> {
        if self.links.is_empty() {
            return Vec::new();
        }
        self.links.drain(..).collect()
    }

    /// The block read as a table cell.
    pub(crate) fn take_cell(&mut self) -> Cell {
        Cell {
            text: self.collapsed(0),
            links: self.take_links(),
            code: self.code,
            strong: self.text_in_strong && !self.text_outside_strong,
            emphasis: self.text_in_emphasis && !self.text_outside_emphasis,
        }
    }
}

/// Collapses runs of white space (non-breaking spaces included) into one
/// space and trims the ends. Text that needs no more than trimming is
/// borrowed.
pub(crate) fn collapse(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII between plain spaces.
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(start, |i| i + 1);
    if is_single_spaced_ascii(&bytes[start..end]) {
        return Cow::Borrowed(&text[start..end]);
    }

    let trimmed = text.trim_matches(char::is_whitespace);
    if is_single_spaced(trimmed) {
        return Cow::Borrowed(trimmed);
    }
    // Collapsing only takes bytes away, so this is the one allocation.
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether the text has no white space inside but single plain spaces.
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if previous_space => return false,
            b' ' => previous_space = true,
            b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => return false,
            // The first bytes of the encodings of the other white space
            // characters (U+0085, U+00A0, U+1680, U+2000 and up, U+3000);
            // no byte inside an encoding is one of them.
            0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                if text[i..].chars().next().is_some_and(char::is_whitespace) {
                    return false;
                }
                previous_space = false;
            }
            _ => previous_space = false,
        }
    }
    true
}

/// Whether every byte is printable ASCII and no two spaces stand together,
/// as in most text: one pass over the pairs of neighbouring bytes without
/// branches.
fn is_single_spaced_ascii(bytes: &[u8]) -> bool {
    let Some((&last, _)) = bytes.split_last() else {
        return true;
    };
    let printable = |b: u8| (0x20..0x7f).contains(&b);
    let pairs = bytes.iter().zip(&bytes[1..]);
    pairs.fold(printable(last), |ok, (&a, &b)| {
        ok & printable(a) & !((a == b' ') & (b == b' '))
    })
}

/// Gathers into `inline`, cleared first, the inline events up to and
/// including the one `end` accepts.
pub(crate) fn gather<'e>(
    events: &mut impl Iterator<Item = (Event<'e>, Range<usize>)>,
    end: impl Fn(&Event<'e>) -> bool,
    inline: &mut Inline,
) {
    inline.clear();
    for (event, _) in events.by_ref() {
        if end(&event) {
            break;
        }
        inline.event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_white_space_and_non_breaking_spaces() {
        assert_eq!(collapse("  a \t b\n\u{a0}\u{a0}c  "), "a b c");
        assert_eq!(collapse("\u{a0}"), "");
        assert_eq!(collapse("one"), "one");
        assert_eq!(collapse("a b"), "a b");
        assert_eq!(collapse("a  b "), "a b");
        assert_eq!(collapse("a\u{3000}b"), "a b");
        assert_eq!(collapse("a\u{2003}\u{202f}b"), "a b");
        assert!(matches!(collapse(" \u{a0}a b\t"), Cow::Borrowed("a b")));
    }

    #[test]
    fn text_in_other_scripts_is_single_spaced() {
        for text in ["¿Qué?", "型 と 値", "a – b", "a\u{200b}b", "x\u{00ad}y"] {
            assert!(is_single_spaced(text), "{text}");
        }
        for text in ["a\u{a0}b", "a\u{85}b", "a\u{1680}b", "a\u{2028}b"] {
            assert!(!is_single_spaced(text), "{text:?}");
        }
    }

    #[test]
    fn two_spaces_are_found_across_blocks() {
        let long = "word ".repeat(20);
        assert!(is_single_spaced(long.trim_end()));
        assert!(is_single_spaced_ascii(long.trim_end().as_bytes()));
        for at in 0..long.len() - 1 {
            let mut doubled = long.trim_end().to_string();
            if doubled.as_bytes()[at] == b' ' {
                doubled.insert(at, ' ');
                assert!(!is_single_spaced(&doubled), "{at}");
                assert!(!is_single_spaced_ascii(doubled.as_bytes()), "{at}");
            }
        }
        for text in ["", " ", "a b", "~!"] {
            assert!(is_single_spaced_ascii(text.as_bytes()), "{text:?}");
        }
        for text in ["  ", "a\tb", "a\u{7f}", "é", "a\nb"] {
            assert!(!is_single_spaced_ascii(text.as_bytes()), "{text:?}");
        }
        // Every byte in every place of a text longer than a word.
        let plain = b"a b ~c d! ef g h i j";
        assert!(is_single_spaced_ascii(plain));
        for at in 0..plain.len() {
            for b in 0..=255u8 {
                let mut text = plain.to_vec();
                text[at] = b;
                let doubled = b == b' ' && text.windows(2).any(|w| w == b"  ");
                let expected = (0x20..0x7f).contains(&b) && !doubled;
                assert_eq!(is_single_spaced_ascii(&text), expected, "{at} {b}");
            }
        }
    }

    #[test]
    fn text_read_from_the_source_in_one_run_is_shared() {
        let source = ArcStr::from("one two three");
        let mut buffer = TextBuffer::default();
        buffer.push(&source[..4], &source);
        buffer.push(&source[4..7], &source);
        let tail = buffer.tail(0, &source);
        assert_eq!(tail, "one two");
        assert!(source.try_substr_from(tail).is_some());

        // A piece from elsewhere ends the run; the next one starts another.
        buffer.push(" ", &source);
        buffer.push(&source[8..], &source);
        assert_eq!(buffer.len(), 13);
        assert!(source.try_substr_from(buffer.tail(8, &source)).is_some());
        let whole = buffer.tail(0, &source);
        assert_eq!(whole, "one two three");
        assert!(source.try_substr_from(whole).is_none());
        assert_eq!(buffer.tail(4, &source), "two three");
    }
}
