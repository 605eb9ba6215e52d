//! Tables that the docs' renderer shows but a strict reading would lose.

use docgen_page::{parse_page, TableKind};

#[test]
fn a_delimiter_row_with_tabs_still_makes_a_table() {
    let page = "# thing\n\n## Properties\n\n| Property \t| Type \t| Description |\n| --- \t|--- \t| --- |\n| id \t| String \t| The id. |\n";
    let (page, diagnostics) = parse_page("resources/thing.md", page);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(page.tables.len(), 1);
    assert_eq!(page.tables[0].kind, TableKind::Properties);
    assert_eq!(page.tables[0].rows[0].cells[0].text, "id");
    assert_eq!(page.tables[0].rows[0].line, 7);
}

#[test]
fn a_delimiter_row_with_more_cells_than_the_header_still_makes_a_table() {
    let page = r#"# Get method

## Permissions

|Permission type | Permissions (from least to most privileged) |
|:---------------|:-------------------|:-----------------|
| Delegated (work or school account) | UserAuthenticationMethod.Read.All |
| Delegated (personal Microsoft account) | Not supported. |
"#;
    let (page, diagnostics) = parse_page("api/get.md", page);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let table = &page.tables[0];
    assert_eq!(table.kind, TableKind::Permissions);
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[1].cells[1].text, "Not supported.");
}
