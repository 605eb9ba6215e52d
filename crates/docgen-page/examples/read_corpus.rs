//! Reads every page under a docs folder and prints what was found.
//!
//! ```text
//! cargo run --release -p docgen-page --example read_corpus -- DOCS_ROOT [--tables] [--diagnostics] [--types]
//! ```
//!
//! With `--tables`, prints one tab-separated line per table: kind, header,
//! innermost section, file:line. Used to look for shapes the classifier
//! misses and to measure time and memory over the whole corpus. With
//! `--diagnostics`, prints every diagnostic; with `--types`, every type
//! cell and how it was read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use docgen_page::{parse_page, TypeExpr};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: read_corpus DOCS_ROOT [--tables]");
        std::process::exit(2);
    };
    let args: Vec<String> = args.collect();
    let tables = args.iter().any(|a| a == "--tables");
    let show_diagnostics = args.iter().any(|a| a == "--diagnostics");
    let types = args.iter().any(|a| a == "--types");

    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let sources: Vec<(String, String)> = files
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
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();

    let started = Instant::now();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut diagnostics = 0;
    let mut pages = Vec::with_capacity(sources.len());
    for (file, source) in &sources {
        let (page, found) = parse_page(file, source);
        diagnostics += found.len();
        if show_diagnostics {
            for d in &found {
                println!("{d}");
            }
        }
        for table in &page.tables {
            if types {
                if let Some(column) = table.type_column() {
                    for row in &table.rows {
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

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|n| n != "README.md")
        {
            files.push(path);
        }
    }
}
