//! Text, links and emphasis gathered from the inline events of one block.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::page::{Cell, Link};

/// Text and links gathered from the inline events of one block.
#[derive(Default)]
pub(crate) struct Inline {
    pub(crate) text: String,
    pub(crate) links: Vec<Link>,
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
    pub(crate) fn push_text(&mut self, text: &str) {
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
    pub(crate) fn event(&mut self, event: &Event) -> bool {
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

    pub(crate) fn into_cell(self) -> Cell {
        Cell {
            text: collapse_owned(self.text),
            links: self.links,
            code: self.code,
            strong: self.text_in_strong && !self.text_outside_strong,
            emphasis: self.text_in_emphasis && !self.text_outside_emphasis,
        }
    }
}

/// Collapses runs of white space (non-breaking spaces included) into one
/// space and trims the ends.
pub(crate) fn collapse(text: &str) -> String {
    if is_collapsed(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for word in text.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        pending_space = true;
    }
    out
}

/// Collapses `text`, reusing its buffer when it needs no change, as most
/// cells do.
pub(crate) fn collapse_owned(text: String) -> String {
    if is_collapsed(&text) {
        text
    } else {
        collapse(&text)
    }
}

/// Whether the text has no white space at its ends, and no white space but
/// single plain spaces inside.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    for c in text.chars() {
        if c == ' ' {
            if previous_space {
                return false;
            }
            previous_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            previous_space = false;
        }
    }
    true
}

/// Gathers inline events up to and including the one `end` accepts.
pub(crate) fn gather<'e>(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_white_space_and_non_breaking_spaces() {
        assert_eq!(collapse("  a \t b\n\u{a0}\u{a0}c  "), "a b c");
        assert_eq!(collapse("\u{a0}"), "");
        assert_eq!(collapse("one"), "one");
        assert_eq!(collapse_owned("a b".into()), "a b");
        assert_eq!(collapse_owned("a  b ".into()), "a b");
    }
}
