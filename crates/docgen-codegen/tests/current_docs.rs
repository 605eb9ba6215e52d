//! A docs folder laid out as the Graph docs are today
//! (`v1.0/{api,includes}` beside a shared `includes/`), read end to end.

use std::path::{Path, PathBuf};

use docgen_codegen::{generate, Options};
use docgen_model::PermissionScheme;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docgen-page/tests/fixtures/current/v1.0")
}

fn generation() -> docgen_codegen::Generation {
    let out = tempfile::tempdir().unwrap();
    generate(&Options {
        input: fixtures(),
        out: out.path().join("client"),
        runtime: Path::new(env!("CARGO_MANIFEST_DIR")).join("../graph-runtime"),
        crate_name: "widgets".into(),
        base_url: None,
        example_harness: None,
    })
    .unwrap()
}

#[test]
fn permissions_come_from_the_included_table_with_least_privilege_kept() {
    let generation = generation();
    let get = generation
        .api
        .operations
        .iter()
        .find(|op| op.method == "GET" && op.path == "/widgets/{widget-id}")
        .expect("the get operation is read");

    let work = &get.permissions[0];
    assert_eq!(work.scheme, PermissionScheme::DelegatedWork);
    assert_eq!(work.scopes, ["Widget.Read", "Widget.ReadWrite.All"]);
    assert_eq!(work.least_privileged, 1);
    let personal = &get.permissions[1];
    assert!(personal.scopes.is_empty(), "`Not supported.` is no scope");
    assert_eq!(get.permissions[2].scopes, ["Widget.Read.All"]);

    assert!(
        get.permission_notes.contains("Widget.Read.All"),
        "{}",
        get.permission_notes
    );
    assert_eq!(get.area.as_deref(), Some("widget-management"));
    assert_eq!(get.description, "Read the properties of a widget.");
}

#[test]
fn include_pages_are_not_pages_and_broken_includes_are_reported() {
    let generation = generation();
    let files: Vec<&str> = generation
        .diagnostics
        .iter()
        .map(|d| d.file.as_str())
        .collect();
    assert!(
        files
            .iter()
            .all(|f| f.starts_with("api/") || f.starts_with("includes/")),
        "{files:?}"
    );
    assert!(
        generation.diagnostics.iter().any(|d| d.code == "P003"),
        "the missing include is reported: {:#?}",
        generation.diagnostics
    );
    assert!(
        generation.diagnostics.iter().any(|d| d.code == "P009"),
        "the include cycle is reported: {:#?}",
        generation.diagnostics
    );
    assert_eq!(generation.pages, 4, "only the pages under api/ are pages");
}
