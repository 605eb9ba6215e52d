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

// The allocator the generator runs with (see ARCHITECTURE.md), for both.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus() -> Option<Vec<(String, docgen_page::ArcStr)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs");
    if !root.is_dir() {
        println!(
            "skipped: the docs corpus is not at {}; check out shared/ beside the repository",
            root.display()
        );
        return None;
    }
    Some(docgen_page::read_markdown_files(&root))
}

// The goal is for parse_page to take at most twice the time of
// pulldown-cmark alone. On a shared machine the means move with the load;
// `read_corpus --compare` (see the example) takes the fastest of runs made
// in turns and counts CPU time only, which moves less.
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
                let (page, _) = parse_page(file, source.clone());
                tables += page.tables.len();
            }
            tables
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
