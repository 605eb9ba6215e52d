//! The YAML block at the top of a page.

use arcstr::Substr;
use memchr::{memchr, memchr_iter};

use crate::page::{trim, FrontMatter};
use crate::pairs;

/// Reads the flat `key: value` YAML the docs use; nested values are kept as
/// written. `text` makes the page's text of a slice of `yaml`.
pub(crate) fn parse_front_matter(yaml: &str, text: impl Fn(&str) -> Substr) -> FrontMatter {
    let mut fm = FrontMatter {
        // Room for the keys most pages have.
        fields: Vec::with_capacity(12),
        ..FrontMatter::default()
    };
    // A line end left on a line goes with the trimming of its value.
    let mut start = 0;
    let ends = memchr_iter(b'\n', yaml.as_bytes()).chain([yaml.len()]);
    for end in ends {
        let line = &yaml[start..end];
        start = end + 1;
        let Some(colon) = memchr(b':', line.as_bytes()) else {
            continue;
        };
        let (key, value) = (&line[..colon], &line[colon + 1..]);
        if key.starts_with([' ', '\t', '-']) {
            continue;
        }
        let key = text(trim(key));
        let value = text(trim(trim(value).trim_matches(['"', '\''])));
        match key.as_str() {
            "title" => fm.title = Some(value.clone()),
            "description" => fm.description = Some(value.clone()),
            "ms.prod" => fm.ms_prod = Some(value.clone()),
            "ms.subservice" => fm.ms_subservice = Some(value.clone()),
            "doc_type" => fm.doc_type = Some(value.clone()),
            _ => {}
        }
        pairs::set(&mut fm.fields, key, value);
    }
    fm.fields.shrink_to_fit();
    fm
}
