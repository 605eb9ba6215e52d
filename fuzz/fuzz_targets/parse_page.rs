//! Any text is a page: reading it must not panic, with or without its
//! includes expanded (the input includes itself, to exercise cycles).

#![no_main]

use std::collections::HashMap;

use docgen_page::{parse_page, render_rich, PageReader, Sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let (_, diagnostics) = parse_page("api/page.md", &*source);

    let mut sources = Sources::new();
    sources.add("api/page.md", source.to_string());
    render_rich(&diagnostics, &sources);

    let files: HashMap<String, String> = [
        ("api/page.md".to_string(), source.to_string()),
        ("includes/a.md".to_string(), source.to_string()),
    ]
    .into_iter()
    .collect();
    PageReader::new(files).read("api/page.md");
});
