//! Table delimiter rows that the docs' renderer accepts but pulldown-cmark
//! does not, rewritten before parsing so that their tables are read.
//!
//! Every rewrite keeps the byte length of the line, so offsets and line
//! numbers in the rewritten text are those of the page as written.

use std::borrow::Cow;

use memchr::{memchr, memrchr};

/// Rewrites delimiter rows (`|---|---|`) that would keep their table from
/// being read: tabs after the dashes, and more cells than the header has.
pub(crate) fn repair_delimiter_rows(source: &str) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;

    // A delimiter row holds a pipe, so only the lines that do are looked at.
    while let Some(pipe) = memchr(b'|', &bytes[at..]).map(|i| at + i) {
        let end = memchr(b'\n', &bytes[pipe..]).map_or(bytes.len(), |i| pipe + i);
        at = end;
        if !may_open_delimiter_row(bytes, pipe) {
            continue;
        }
        let start = line_start(bytes, pipe);
        let row = source[start..end].trim_end_matches(['\n', '\r']);
        if !is_delimiter_row(row) {
            continue;
        }
        let header = match start {
            0 => "",
            _ => source[line_start(bytes, start - 1)..start].trim_end_matches(['\n', '\r']),
        };
        if let Some(fixed) = repair(row, header) {
            let out = out.get_or_insert_with(|| String::with_capacity(source.len()));
            out.push_str(&source[copied..start]);
            out.push_str(&fixed);
            copied = start + row.len();
        }
    }

    match out {
        Some(mut out) => {
            out.push_str(&source[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(source),
    }
}

/// Whether `text` holds a line that reads as a delimiter row. Where
/// pulldown-cmark refuses a delimiter row, the lines of its table are read
/// as a paragraph: one that holds a delimiter row is a table that needs
/// [`repair_delimiter_rows`].
pub(crate) fn holds_delimiter_row(text: &str) -> bool {
    memchr(b'|', text.as_bytes()).is_some() && text.lines().any(is_delimiter_row)
}

/// The offset of the start of the line that holds `offset`.
fn line_start(bytes: &[u8], offset: usize) -> usize {
    memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1)
}

/// Whether the pipe at `pipe`, the first of its line, has only blanks
/// before it and a dash or colon after the blanks that follow it, as the
/// first pipe of a delimiter row has. Most table rows and prose fail here.
fn may_open_delimiter_row(bytes: &[u8], pipe: usize) -> bool {
    let blank = |b: &&u8| matches!(b, b' ' | b'\t');
    let before = bytes[..pipe].iter().rev().find(|b| !blank(b));
    let after = bytes[pipe + 1..].iter().find(|b| !blank(b));
    matches!(before, None | Some(b'\n')) && matches!(after, Some(b'-' | b':'))
}

fn is_delimiter_row(line: &str) -> bool {
    // Most lines fail on their first two characters.
    let Some(rest) = line.trim_start().strip_prefix('|') else {
        return false;
    };
    rest.trim_start().starts_with(['-', ':'])
        && line.contains('-')
        && line
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// The row rewritten, or `None` when it needs no change.
fn repair(row: &str, header: &str) -> Option<String> {
    // GitHub-flavoured markdown needs as many delimiter cells as header
    // cells; the extra ones are blanked out.
    let header_cells = count_cells(header);
    let extra_cells = header_cells > 0 && count_cells(row) > header_cells;
    if !extra_cells && !row.contains('\t') {
        return None;
    }

    let mut fixed = row.replace('\t', " ");
    if extra_cells {
        let keep = fixed
            .match_indices('|')
            .nth(header_cells)
            .map(|(i, _)| i + 1)
            .unwrap_or(fixed.len());
        let blank = " ".repeat(fixed.len() - keep);
        fixed.replace_range(keep.., &blank);
    }

    (fixed != row).then_some(fixed)
}

/// Cells of a row that starts with a pipe, not counting escaped pipes.
fn count_cells(row: &str) -> usize {
    let row = row.trim();
    if !row.starts_with('|') {
        return 0;
    }
    let mut pipes = 0;
    let mut escaped = false;
    // Both marks are ASCII, and no byte of a longer character is ASCII.
    for b in row.bytes() {
        match b {
            b'\\' => escaped = !escaped,
            b'|' if !escaped => pipes += 1,
            _ => escaped = false,
        }
        if b != b'\\' {
            escaped = false;
        }
    }
    if row.ends_with('|') && row.len() > 1 {
        pipes - 1
    } else {
        pipes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_after_the_dashes_become_spaces() {
        let page = "| a \t| b |\n|---\t|---|\n| x | y |\n";
        assert_eq!(
            repair_delimiter_rows(page),
            "| a \t| b |\n|--- |---|\n| x | y |\n"
        );
    }

    #[test]
    fn extra_delimiter_cells_are_blanked() {
        let page = "| a | b |\n|:--|:--|:--|\n| x | y |\n";
        let repaired = repair_delimiter_rows(page);
        assert_eq!(repaired, "| a | b |\n|:--|:--|    \n| x | y |\n");
        assert_eq!(repaired.len(), page.len());
    }

    #[test]
    fn rows_are_repaired_anywhere_in_the_page() {
        let page = "| a | b |\r\n|---\t|---|\r\n| x | y |\n\ntext | more\n\n| c |\n|--|--|";
        assert_eq!(
            repair_delimiter_rows(page),
            "| a | b |\r\n|--- |---|\r\n| x | y |\n\ntext | more\n\n| c |\n|--|   "
        );
    }

    #[test]
    fn well_formed_pages_are_borrowed() {
        let page = "| a | b |\n|---|---|\n| x | y |\n";
        assert!(matches!(repair_delimiter_rows(page), Cow::Borrowed(_)));
    }

    #[test]
    fn delimiter_rows_are_found_in_any_line() {
        assert!(holds_delimiter_row("| a | b |\n|---\t|---|"));
        assert!(holds_delimiter_row("a | b\n  | :-- | --: |"));
        assert!(!holds_delimiter_row("| a | b |\n| x | y |"));
        assert!(!holds_delimiter_row("a - b | c"));
        assert!(!holds_delimiter_row(""));
    }

    #[test]
    fn counts_cells_without_escaped_pipes() {
        assert_eq!(count_cells("| a | b |"), 2);
        assert_eq!(count_cells("| a \\| b | c"), 2);
        assert_eq!(count_cells("no table"), 0);
    }
}
