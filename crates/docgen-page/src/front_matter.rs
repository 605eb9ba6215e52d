//! The YAML block at the top of a page.

use arcstr::Substr;

use crate::page::FrontMatter;

/// Reads the flat `key: value` YAML the docs use; nested values are kept as
/// written. `text` makes the page's text of a slice of `yaml`.
pub(crate) fn parse_front_matter(yaml: &str, text: impl Fn(&str) -> Substr) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.starts_with([' ', '\t', '-']) {
            continue;
        }
        let key = text(key.trim());
        let value = text(value.trim().trim_matches(['"', '\'']).trim());
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
