//! Pages read with their includes, from the small docs tree under
//! `tests/fixtures/current/` written in the current style of the docs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use docgen_page::{read_page, PageReader, TableKind};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/current")
}

#[test]
fn a_permissions_include_puts_its_table_in_the_permissions_section() {
    let (page, diagnostics) = read_page(&root(), Path::new("v1.0/api/widget-get.md"));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");

    let table = &page.tables[0];
    assert_eq!(table.kind, TableKind::Permissions);
    assert_eq!(
        page.section_path(table.section).next().unwrap().title,
        "Permissions"
    );
    let included = "v1.0/includes/permissions/widget-get-permissions.md";
    assert_eq!(table.file.as_deref(), Some(included));
    assert_eq!(table.line, 6);
    assert_eq!(table.rows[1].line, 9);
    assert_eq!(table.rows[1].file.as_deref(), Some(included));
    assert_eq!(table.cell(&table.rows[1], 1).text, "Not supported.");

    let include = page
        .includes
        .iter()
        .find(|i| i.label == "permissions-table")
        .unwrap();
    assert!(include.expanded);
    assert_eq!(include.line, 22);
    assert_eq!(include.file, None);

    // Lines after the include are the page's own again.
    assert_eq!(page.request_lines[0].line, 32);
    assert_eq!(page.request_lines[0].file, None);
}

#[test]
fn national_cloud_and_snippet_includes_stay_out_of_the_description_and_tables() {
    let (page, _) = read_page(&root(), Path::new("v1.0/api/widget-get.md"));
    assert_eq!(page.description, "Read the properties of a widget.");
    assert_eq!(page.tables.len(), 1, "{:#?}", page.tables);
    assert!(page.code_blocks.iter().all(|b| b.info != "csharp"));

    let labels: Vec<(&str, bool)> = page
        .includes
        .iter()
        .map(|i| (i.label.as_str(), i.expanded))
        .collect();
    assert_eq!(
        labels,
        [
            ("national-cloud-support", false),
            ("permissions-table", true),
            ("sample-code", false)
        ]
    );
}

#[test]
fn permissions_for_specific_scenarios_stay_prose() {
    let (page, _) = read_page(&root(), Path::new("v1.0/api/widget-get.md"));
    let scenarios = page
        .sections
        .iter()
        .position(|s| s.title == "Permissions for specific scenarios")
        .unwrap();
    assert!(page.tables.iter().all(|t| t.section != Some(scenarios)));
    // The list items are paragraphs of the subsection.
    let texts: Vec<&str> = page
        .paragraphs
        .iter()
        .filter(|p| p.section == Some(scenarios))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].contains("Widget.Read.All"));
}

#[test]
fn front_matter_area_prefers_the_subservice() {
    let (page, _) = read_page(&root(), Path::new("v1.0/api/widget-get.md"));
    assert_eq!(page.front_matter.area(), Some("widget-management"));
}

#[test]
fn a_missing_include_is_reported_at_the_include_line_and_the_page_is_read() {
    let (page, diagnostics) = read_page(&root(), Path::new("v1.0/api/widget-delete.md"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(
        (d.code, d.file.as_str(), d.line),
        ("P003", "v1.0/api/widget-delete.md", 9)
    );
    assert!(
        d.message.contains("widget-delete-permissions.md"),
        "{}",
        d.message
    );
    assert_eq!(page.request_lines[0].method, "DELETE");
    assert!(!page.includes[0].expanded);
}

#[test]
fn an_include_cycle_is_reported_once_and_broken() {
    let (page, diagnostics) = read_page(&root(), Path::new("v1.0/api/widget-loop.md"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(
        (d.code, d.file.as_str(), d.line),
        ("P009", "v1.0/includes/loop-second.md", 3)
    );

    assert_eq!(page.tables.len(), 1);
    assert_eq!(page.tables[0].kind, TableKind::Permissions);
    let note = page
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("A note shared"))
        .unwrap();
    assert_eq!(note.file.as_deref(), Some("v1.0/includes/loop-second.md"));
    assert_eq!(note.line, 1);
    assert_eq!(page.request_lines[0].line, 14);
}

#[test]
fn three_column_permission_tables_keep_not_supported_cells() {
    let (page, diagnostics) = read_page(&root(), Path::new("v1.0/api/widget-update.md"));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let table = &page.tables[0];
    assert_eq!(table.kind, TableKind::Permissions);
    assert_eq!(
        table.header,
        [
            "Permission type",
            "Least privileged permissions",
            "Higher privileged permissions"
        ]
    );
    let cells: Vec<Vec<&str>> = table
        .body()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        cells[1],
        [
            "Delegated (personal Microsoft account)",
            "Not supported.",
            "Not supported."
        ]
    );
    assert_eq!(cells[2][2], "Not supported.");
}

#[test]
fn includes_nest_no_deeper_than_the_bound() {
    let files: HashMap<String, String> = [
        ("page.md", "# Page\n\n[!INCLUDE [a](a.md)]\n"),
        ("a.md", "Text of a.\n\n[!INCLUDE [b](b.md)]\n"),
        ("b.md", "Text of b.\n"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (page, diagnostics) = PageReader::new(files).with_max_depth(1).read("page.md");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        (
            diagnostics[0].code,
            diagnostics[0].file.as_str(),
            diagnostics[0].line
        ),
        ("P010", "a.md", 3)
    );
    let texts: Vec<&str> = page.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["Text of a."]);
}

#[test]
fn a_page_that_cannot_be_read_is_an_error() {
    let (page, diagnostics) = PageReader::new(HashMap::new()).read("nowhere.md");
    assert_eq!(page.file, "nowhere.md");
    assert_eq!(diagnostics[0].code, "P003");
    assert_eq!(diagnostics[0].severity, docgen_page::Severity::Error);
}
