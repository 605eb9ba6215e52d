//! Tables that the docs' renderer shows but a strict reading would lose.

use docgen_page::{parse_page, TableKind};

#[test]
fn a_delimiter_row_with_tabs_still_makes_a_table() {
    let page = "# thing\n\n## Properties\n\n| Property \t| Type \t| Description |\n| --- \t|--- \t| --- |\n| id \t| String \t| The id. |\n";
    let (page, diagnostics) = parse_page("resources/thing.md", page);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(page.tables.len(), 1);
    assert_eq!(page.tables[0].kind, TableKind::Properties);
    assert_eq!(page.tables[0].cells[0].text, "id");
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
    assert_eq!(table.cell(&table.rows[1], 1).text, "Not supported.");
}

#[test]
fn a_repaired_table_keeps_the_places_of_everything_around_it() {
    let page = "# thing\n\n## Properties\n\n| Property | Type |\n|---|---|\n| id | String |\n\n## Relationships\n\n- Related:\n\n  | Relationship | Type |\n  |---\t|---|\n  | owner | [user](user.md) |\n\n```http\nGET /things\n```\n";
    let (page, diagnostics) = parse_page("resources/thing.md", page);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let kinds: Vec<TableKind> = page.tables.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [TableKind::Properties, TableKind::Relationships]);
    assert_eq!(page.tables[1].cells[0].text, "owner");
    assert_eq!(page.tables[1].line, 13);
    assert_eq!(page.tables[1].rows[0].line, 15);
    assert_eq!(page.code_blocks[0].line, 17);
}

#[test]
fn type_cells_are_read_and_free_text_is_noted_at_its_row() {
    let page = r#"# thing

## Properties

| Property | Type | Description |
|---|---|---|
| id | String | The id. |
| code | string, maximum size 20 | A code. |
| owner | [identitySet](identityset.md) | Who. |
| header | Location header | Not a type. |
"#;
    let (page, diagnostics) = parse_page("resources/thing.md", page);
    let rows = &page.tables[0].rows;
    assert_eq!(
        rows[0].ty().map(|t| t.to_string()).as_deref(),
        Some("Edm.String")
    );
    assert_eq!(
        rows[2].ty().map(|t| t.to_string()).as_deref(),
        Some("identitySet")
    );
    assert!(rows[1].type_expr.as_ref().unwrap().free_text);

    let found: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        found,
        [
            "resources/thing.md:8: note[P007]: type cell `string, maximum size 20` holds more than a type; read as `Edm.String`",
            "resources/thing.md:10: warning[P008]: type cell `Location header` does not name a type",
        ]
    );
}
