//! The whole corpus read by `parse_page`, against pulldown-cmark alone over
//! the same text, to keep the reader's own work within a small factor of
//! the markdown parse it is built on.
//!
//! ```text
//! cargo bench -p docgen-page --bench corpus -- --sample-size 10
//! ```

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docgen_page::parse_page;
use pulldown_cmark::{Options, Parser};

fn corpus() -> Option<Vec<(String, String)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs");
    if !root.is_dir() {
        println!(
            "skipped: the docs corpus is not at {}; check out shared/ beside the repository",
            root.display()
        );
        return None;
    }
    let mut files = docgen_page::markdown_files(&root);
    files.sort();
    let pages = files
        .iter()
        .filter_map(|path| {
            let source = std::fs::read_to_string(path).ok()?;
            let file = path
                .strip_prefix(&root)
                .ok()?
                .to_string_lossy()
                .into_owned();
            Some((file, source))
        })
        .collect();
    Some(pages)
}

// FIXME: parse_page takes about four times as long as pulldown-cmark alone,
// against a goal of two. Most of the reader's own time goes to an owned
// string per cell, paragraph and link, and to parsing every example body
// into a `serde_json::Value` up front; borrowing text from the source and
// parsing bodies when asked would close most of the gap, at the cost of a
// lifetime on `Page`.
fn bench(c: &mut Criterion) {
    let Some(pages) = corpus() else {
        return;
    };
    let bytes: usize = pages.iter().map(|(_, s)| s.len()).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));

    // The same options the reader uses, and every event consumed.
    group.bench_function("pulldown-cmark", |b| {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_STRIKETHROUGH;
        b.iter(|| {
            let mut events = 0usize;
            for (_, source) in &pages {
                events += Parser::new_ext(source, options).into_offset_iter().count();
            }
            events
        })
    });

    group.bench_function("parse_page", |b| {
        b.iter(|| {
            let mut tables = 0usize;
            for (file, source) in &pages {
                let (page, _) = parse_page(file, source);
                tables += page.tables.len();
            }
            tables
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
