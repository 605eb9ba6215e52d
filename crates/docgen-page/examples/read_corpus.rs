//! Reads every page under a docs folder and prints what was found.
//!
//! ```text
//! cargo run --release -p docgen-page --example read_corpus -- DOCS_ROOT [--tables] [--diagnostics] [--types] [--compare] [--profile]
//! ```
//!
//! With `--tables`, prints one tab-separated line per table: kind, header,
//! innermost section, file:line. Used to look for shapes the classifier
//! misses and to time the whole corpus (the heap the models take is
//! measured by `cargo bench -p docgen-page --bench memory`). With
//! `--diagnostics`, prints every diagnostic; with `--types`, every type
//! cell and how it was read; with `--compare`, the CPU time to read the
//! corpus against pulldown-cmark alone; with `--profile`, reads the corpus
//! 30 times and does nothing else, for a sampling profiler.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use docgen_page::{parse_page, ArcStr, TypeExpr};
use pulldown_cmark::{Options, Parser};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!(
            "usage: read_corpus DOCS_ROOT [--tables] [--diagnostics] [--types] [--compare] [--profile]"
        );
        std::process::exit(2);
    };
    let args: Vec<String> = args.collect();
    let tables = args.iter().any(|a| a == "--tables");
    let show_diagnostics = args.iter().any(|a| a == "--diagnostics");
    let types = args.iter().any(|a| a == "--types");
    let compare = args.iter().any(|a| a == "--compare");
    let profile = args.iter().any(|a| a == "--profile");

    let sources = docgen_page::read_markdown_files(&root);
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();

    if compare {
        compare_with_pulldown(&sources);
        return;
    }
    if profile {
        for _ in 0..30 {
            std::hint::black_box(read_all(&sources));
        }
        return;
    }

    let started = Instant::now();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut diagnostics = 0;
    let mut pages = Vec::with_capacity(sources.len());
    for (file, source) in &sources {
        let (page, found) = parse_page(file, source.clone());
        diagnostics += found.len();
        if show_diagnostics {
            for d in &found {
                println!("{d}");
            }
        }
        for table in &page.tables {
            if types {
                if let Some(column) = table.type_column() {
                    for row in table.body() {
                        let parsed = TypeExpr::parse(row.cell(column));
                        println!(
                            "{}\t{}\t{:?}\t{}:{}",
                            row.cell(column).text,
                            parsed.free_text,
                            parsed.ty,
                            file,
                            row.line
                        );
                    }
                }
            }
            *kinds.entry(format!("{:?}", table.kind)).or_default() += 1;
            if tables {
                let section = page
                    .section_path(table.section)
                    .next()
                    .map(|s| s.title.as_str())
                    .unwrap_or("");
                println!(
                    "{:?}\t{}\t{}\t{}:{}",
                    table.kind,
                    table.header.join(" | "),
                    section,
                    file,
                    table.line
                );
            }
        }
        pages.push(page);
    }
    let elapsed = started.elapsed();

    eprintln!(
        "{} pages, {:.1} MB, read in {:.0} ms; {} diagnostics; tables: {kinds:?}",
        pages.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64() * 1e3,
        diagnostics
    );
}

/// The fastest of some runs of each, taken in turns, which is the figure
/// least disturbed by other work on a busy machine.
fn compare_with_pulldown(sources: &[(String, ArcStr)]) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let bare = || {
        sources
            .iter()
            .map(|(_, s)| Parser::new_ext(s, options).into_offset_iter().count())
            .sum()
    };
    let full = || read_all(sources);

    let (mut fastest_bare, mut fastest_full) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..15 {
        fastest_bare = fastest_bare.min(cpu_ms(&bare));
        fastest_full = fastest_full.min(cpu_ms(&full));
    }
    eprintln!(
        "pulldown-cmark {fastest_bare:.1} ms, parse_page {fastest_full:.1} ms: {:.2}x",
        fastest_full / fastest_bare
    );
}

/// Reads every page and drops it, the work both modes time; returns the
/// number of tables so that nothing is optimized away.
fn read_all(sources: &[(String, ArcStr)]) -> usize {
    sources
        .iter()
        .map(|(f, s)| parse_page(f, s.clone()).0.tables.len())
        .sum()
}

/// The CPU time `run` takes on this thread, in milliseconds. CPU time
/// leaves out the time a shared machine gives to others while the run
/// waits.
fn cpu_ms(run: &dyn Fn() -> usize) -> f64 {
    let now = || {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid timespec for the call to write.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
    };
    let started = now();
    std::hint::black_box(run());
    now() - started
}
