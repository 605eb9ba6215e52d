//! The model of the real Microsoft Graph docs: how much of it resolves and
//! how many of its examples fit it, with floors that catch regressions.
//!
//! Reads the snapshot in the shared `graph-docs` folder beside the project;
//! without it the test prints where it looked and passes. Set
//! `DOCGEN_CORPUS_DUMP` to a folder to get every diagnostic written there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use docgen_model::{Api, Diagnostic, TypeKind, TypeRef};
use docgen_page::parse_page;
use rayon::prelude::*;

/// The lowest acceptable figures of one API version, each a share in 0..=1.
struct Floors {
    resolved_properties: f64,
    typed_responses: f64,
    valid_requests: f64,
    valid_responses: f64,
}

#[test]
fn the_v1_model_resolves_and_its_examples_fit() {
    // Measured: 99.9% resolved, 98.3% typed (of 1,292 operations with a
    // response body), 83.9% and 82.4% valid (binary values are read as
    // base64; bodies where the docs say none comes back, bodies sent with
    // a GET or DELETE, and `@odata.type` values that are not qualified
    // names count).
    check_version(
        "v1.0",
        Floors {
            resolved_properties: 0.998,
            typed_responses: 0.98,
            valid_requests: 0.835,
            valid_responses: 0.815,
        },
    );
}

#[test]
fn the_beta_intune_model_resolves_and_its_examples_fit() {
    // Measured: 99.99% resolved, 99.9% typed, 99.6% and 99.1% valid.
    check_version(
        "beta-intune",
        Floors {
            resolved_properties: 0.9995,
            typed_responses: 0.995,
            valid_requests: 0.99,
            valid_responses: 0.985,
        },
    );
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs")
}

fn check_version(version: &str, floors: Floors) {
    let root = corpus_root().join(version);
    if !root.is_dir() {
        println!("skipped: corpus not found at {}", root.display());
        return;
    }
    let started = Instant::now();

    let pages: Vec<_> = docgen_page::read_markdown_files(&root)
        .par_iter()
        .map(|(name, source)| parse_page(name, source.clone()).0)
        .collect();
    let api = Api::build(&pages);
    let report = api.example_report();

    let mut kinds: BTreeMap<TypeKind, usize> = BTreeMap::new();
    for def in &api.types {
        *kinds.entry(def.kind).or_default() += 1;
    }
    let properties: Vec<_> = api
        .types
        .iter()
        .flat_map(|d| d.properties.iter().chain(&d.navigation))
        .collect();
    let resolved = properties.iter().filter(|p| p.ty != TypeRef::Json).count();
    // Operations whose docs say or show that no body comes back have no
    // response type to find.
    let with_body: Vec<_> = api
        .operations
        .iter()
        .filter(|op| op.response.ty.is_some())
        .collect();
    let typed = with_body
        .iter()
        .filter(|op| op.response.ty.as_ref().is_some_and(|t| *t != TypeRef::Json))
        .count();

    let resolved_share = share(resolved, properties.len());
    let typed_share = share(typed, with_body.len());
    println!("== {version}: {} pages", pages.len());
    println!("types by kind: {kinds:?}");
    println!(
        "properties: {} ({resolved} resolved, {:.1}%)",
        properties.len(),
        resolved_share * 100.0
    );
    println!(
        "operations: {} ({typed} of {} with a response body have a response type, {:.1}%)",
        api.operations.len(),
        with_body.len(),
        typed_share * 100.0
    );
    for (side, r) in [("request", report.request), ("response", report.response)] {
        println!(
            "{side} examples: {} with a body, {} checked, {} valid ({:.1}%), {} findings",
            r.bodies,
            r.checked,
            r.valid,
            r.valid_share() * 100.0,
            r.findings
        );
    }
    print_top_codes(&api.diagnostics);
    dump_diagnostics(version, &api.diagnostics);
    println!("took {:.1?}", started.elapsed());

    for (what, measured, floor) in [
        (
            "resolved properties",
            resolved_share,
            floors.resolved_properties,
        ),
        ("typed responses", typed_share, floors.typed_responses),
        (
            "valid request examples",
            report.request.valid_share(),
            floors.valid_requests,
        ),
        (
            "valid response examples",
            report.response.valid_share(),
            floors.valid_responses,
        ),
    ] {
        assert!(
            measured >= floor,
            "{version}: {what} fell to {:.1}%, below the floor of {:.1}%",
            measured * 100.0,
            floor * 100.0
        );
    }
}

/// The most frequent diagnostic codes, each with its first occurrence.
fn print_top_codes(diagnostics: &[Diagnostic]) {
    let mut by_code: BTreeMap<&str, (usize, &Diagnostic)> = BTreeMap::new();
    for d in diagnostics {
        by_code.entry(d.code).or_insert((0, d)).0 += 1;
    }
    let mut top: Vec<_> = by_code.into_iter().collect();
    top.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    println!("diagnostics: {}", diagnostics.len());
    for (code, (count, example)) in top.iter().take(15) {
        println!("  {code} x{count}  e.g. {example}");
    }
}

/// Writes every diagnostic to `$DOCGEN_CORPUS_DUMP/<version>.txt` when
/// the variable is set, for reading the findings beyond the top ones.
fn dump_diagnostics(version: &str, diagnostics: &[Diagnostic]) {
    let Some(dir) = std::env::var_os("DOCGEN_CORPUS_DUMP") else {
        return;
    };
    let text: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
    let path = Path::new(&dir).join(format!("{version}.txt"));
    std::fs::write(&path, text).expect("the dump folder is writable");
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}
