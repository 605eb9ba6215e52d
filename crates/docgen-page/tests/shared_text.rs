//! A page's text is a view of the markdown it was read from, not a copy.

use docgen_page::{parse_page, ArcStr, Body, Substr};

const PAGE: &str = r#"# Get widget

## Properties

| Property | Type | Description |
|---|---|---|
| id | [widgetId](widgetid.md) | The identifier. Read-only. |

## Example

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{ "id": "1" }
```
"#;

fn shares(source: &ArcStr, text: &Substr) -> bool {
    ArcStr::ptr_eq(source, text.parent())
}

#[test]
fn cells_titles_code_and_bodies_are_views_of_the_source() {
    let source = ArcStr::from(PAGE);
    let (page, diagnostics) = parse_page("resources/widget.md", source.clone());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");

    assert!(shares(&source, &page.sections[0].title));
    let row = page.tables[0].body().next().unwrap();
    assert!(shares(&source, &row.cells[0].text));
    assert!(shares(&source, &row.cells[2].text));
    assert!(shares(&source, &row.cells[1].links[0].target));
    assert!(shares(&source, &page.code_blocks[0].text));

    let message = &page.examples[0].response.as_ref().unwrap().message;
    let Body::Json { text } = &message.body else {
        panic!("{:?}", message.body);
    };
    assert!(shares(&source, text));
    assert_eq!(message.body.value(), Some(serde_json::json!({"id": "1"})));
}

#[test]
fn text_put_together_from_pieces_is_a_copy() {
    let source = ArcStr::from("# Title\n\nOne **two**\nthree.\n");
    let (page, _) = parse_page("api/title.md", source.clone());
    assert_eq!(page.paragraphs[0].text, "One two three.");
    assert!(!shares(&source, &page.paragraphs[0].text));
}
