//! The whole real corpus, read as data: no page may panic, and the share of
//! pages whose request lines and property tables are read stays above a
//! floor. Run with `--nocapture` to see the figures.

mod common;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use docgen_page::{parse_page, Diagnostic, Page, ParsedType, TableKind, TypeExpr};
use rayon::prelude::*;

/// Share of API pages that yield a request line, among those that have an
/// `HTTP request` section or a request line the reader found elsewhere.
const REQUEST_LINE_FLOOR: f64 = 0.999;
/// Share of resource pages with a resource annotation and property rows that
/// yield a properties table with rows.
const PROPERTIES_FLOOR: f64 = 0.999;

/// Share of type cells read as a type (or as saying there is no value).
const TYPE_FLOOR: f64 = 0.998;

struct Outcome {
    file: String,
    resource: ResourceSource,
    result: Option<(Page, Vec<Diagnostic>)>,
}

#[test]
fn the_corpus_reads_without_panics_and_above_the_floors() {
    let Some(root) = common::corpus_root() else {
        return;
    };
    let pages = common::read_corpus(&root);
    assert!(pages.len() > 7000, "only {} pages found", pages.len());

    let outcomes: Vec<Outcome> = pages
        .par_iter()
        .map(|p| Outcome {
            file: p.file.clone(),
            resource: ResourceSource::of(&p.source),
            result: catch_unwind(AssertUnwindSafe(|| parse_page(&p.file, p.source.clone()))).ok(),
        })
        .collect();

    let panicked: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.result.is_none())
        .map(|o| o.file.as_str())
        .collect();
    let read: Vec<(&Page, &Vec<Diagnostic>, ResourceSource)> = outcomes
        .iter()
        .filter_map(|o| {
            let (page, diagnostics) = o.result.as_ref()?;
            Some((page, diagnostics, o.resource))
        })
        .collect();

    let mut request_lines = 0;
    let mut examples = 0;
    let mut tables: BTreeMap<TableKind, usize> = BTreeMap::new();
    let mut unknown_shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    let mut api_pages = 0;
    let mut api_without_section = Vec::new();
    let mut api_missing = Vec::new();
    let mut resource_pages = 0;
    let mut resources_without_properties = 0;
    let mut resource_missing = Vec::new();

    for (page, diagnostics, resource) in &read {
        request_lines += page.request_lines.len();
        examples += page.examples.len();
        for table in &page.tables {
            *tables.entry(table.kind).or_default() += 1;
            if table.kind == TableKind::Unknown {
                *unknown_shapes.entry(shape(page, table)).or_default() += 1;
            }
            for parsed in table.rows.iter().filter_map(|r| r.type_expr.as_ref()) {
                *types.entry(type_kind(parsed)).or_default() += 1;
            }
        }
        for d in diagnostics.iter() {
            *codes.entry(d.code).or_default() += 1;
        }

        if page.file.contains("/api/") {
            if !has_request_section(page) && page.request_lines.is_empty() {
                api_without_section.push(page.file.as_str());
            } else {
                api_pages += 1;
                if page.request_lines.is_empty() {
                    api_missing.push(page.file.as_str());
                }
            }
        }
        if page.file.contains("/resources/") && *resource == ResourceSource::WithoutProperties {
            resources_without_properties += 1;
        }
        if page.file.contains("/resources/") && *resource == ResourceSource::WithProperties {
            resource_pages += 1;
            let has_properties = page
                .tables
                .iter()
                .any(|t| t.kind == TableKind::Properties && !t.rows.is_empty());
            if !has_properties {
                resource_missing.push(page.file.as_str());
            }
        }
    }

    println!("pages read: {} (panicked: {})", read.len(), panicked.len());
    println!("request lines: {request_lines}");
    println!("examples: {examples}");
    println!("tables by kind:");
    for (kind, count) in &tables {
        println!("  {kind:?}: {count}");
    }
    let unknown: usize = unknown_shapes.values().sum();
    println!("unclassified tables: {unknown}; top shapes (header @ innermost section):");
    for (shape, count) in top(&unknown_shapes, 15) {
        println!("  {count:5}  {shape}");
    }
    let typed: usize = types.values().sum();
    println!("type cells: {typed}");
    for (kind, count) in &types {
        println!("  {kind}: {count}");
    }
    println!("diagnostics by code:");
    for (code, count) in &codes {
        println!("  {code}: {count}");
    }
    println!(
        "api pages without an HTTP request section or request lines: {}",
        api_without_section.len()
    );
    for file in api_without_section.iter().take(10) {
        println!("  {file}");
    }
    let request_share = share(api_pages - api_missing.len(), api_pages);
    println!(
        "api pages with request lines: {}/{api_pages} ({:.2}%)",
        api_pages - api_missing.len(),
        request_share * 100.0
    );
    for file in api_missing.iter().take(15) {
        println!("  missing: {file}");
    }
    println!("resource pages whose Properties section has no rows: {resources_without_properties}");
    let properties_share = share(resource_pages - resource_missing.len(), resource_pages);
    println!(
        "resource pages with a properties table: {}/{resource_pages} ({:.2}%)",
        resource_pages - resource_missing.len(),
        properties_share * 100.0
    );
    for file in resource_missing.iter().take(200) {
        println!("  missing: {file}");
    }

    assert!(panicked.is_empty(), "pages that panicked: {panicked:#?}");
    let unread = types.get("unknown").copied().unwrap_or(0);
    assert!(
        share(typed - unread, typed) >= TYPE_FLOOR,
        "{unread} of {typed} type cells not read as a type"
    );
    assert!(
        request_share >= REQUEST_LINE_FLOOR,
        "request lines read on {:.2}% of API pages, below the floor",
        request_share * 100.0
    );
    assert!(
        properties_share >= PROPERTIES_FLOOR,
        "properties read on {:.2}% of resource pages, below the floor",
        properties_share * 100.0
    );
}

/// What the raw text of a page says about the resource it describes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ResourceSource {
    NoAnnotation,
    WithoutProperties,
    WithProperties,
}

impl ResourceSource {
    fn of(source: &str) -> ResourceSource {
        if !has_resource_annotation(source) {
            ResourceSource::NoAnnotation
        } else if lists_properties(source) {
            ResourceSource::WithProperties
        } else {
            ResourceSource::WithoutProperties
        }
    }
}

/// Whether the page has a section whose title names the HTTP request.
fn has_request_section(page: &Page) -> bool {
    page.sections.iter().any(|s| {
        let t = s.title.to_ascii_lowercase();
        t.starts_with("http request")
    })
}

/// Looks at the raw text, so that a resource annotation the reader fails
/// to read still counts against it.
fn has_resource_annotation(source: &str) -> bool {
    source.match_indices("blockType").any(|(i, _)| {
        let after = source[i + "blockType".len()..]
            .trim_start_matches(['"', ':', ' ', '\t', '\u{201d}', '\u{201c}']);
        after.starts_with("resource")
    })
}

/// Whether a `Properties` heading is followed by table rows below its
/// header. Resource pages of types without properties say `None` or show
/// an empty table; they have nothing to read.
fn lists_properties(source: &str) -> bool {
    let mut in_properties = false;
    let mut rows = 0;
    for line in source.lines() {
        let line = line.trim_start();
        if let Some(title) = line.strip_prefix('#') {
            if in_properties && rows > 2 {
                return true;
            }
            let title = title.trim_start_matches('#').trim().to_ascii_lowercase();
            in_properties = title.starts_with("properties");
            rows = 0;
        } else if in_properties && line.starts_with('|') {
            rows += 1;
        }
    }
    in_properties && rows > 2
}

fn shape(page: &Page, table: &docgen_page::Table) -> String {
    let section = page
        .section_path(table.section)
        .next()
        .map(|s| s.title.to_ascii_lowercase())
        .unwrap_or_default();
    format!("{} @ {section}", table.header.join(" | "))
}

fn type_kind(parsed: &ParsedType) -> &'static str {
    match (&parsed.ty, parsed.no_value, parsed.free_text) {
        (_, true, _) => "no value",
        (TypeExpr::Unknown { .. }, ..) => "unknown",
        (_, _, true) => "with free text",
        (TypeExpr::Collection { .. }, ..) => "collection",
        (TypeExpr::Primitive { .. }, ..) => "primitive",
        (
            TypeExpr::Named {
                target: Some(_), ..
            },
            ..,
        ) => "named, linked",
        (TypeExpr::Named { target: None, .. }, ..) => "named, bare",
    }
}

fn top(counts: &BTreeMap<String, usize>, n: usize) -> Vec<(&String, &usize)> {
    let mut sorted: Vec<_> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    sorted.truncate(n);
    sorted
}

fn share(hits: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        hits as f64 / total as f64
    }
}
