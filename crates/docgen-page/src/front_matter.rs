//! The YAML block at the top of a page.

use crate::page::FrontMatter;

/// Reads the flat `key: value` YAML the docs use; nested values are kept as
/// written.
pub(crate) fn parse_front_matter(text: &str) -> FrontMatter {
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
