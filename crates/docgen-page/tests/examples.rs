//! How example requests are paired with their responses.

use docgen_page::{parse_page, Body, StartLine};

#[test]
fn a_response_that_names_several_requests_answers_each_of_them() {
    let page = r#"# Get drive

## Examples

<!-- { "blockType": "request", "name": "get-default" } -->
```http
GET /me/drive
```

<!-- { "blockType": "request", "name": "get-by-group" } -->
```http
GET /groups/{groupId}/drive
```

<!-- { "blockType": "response", "name": ["get-default", "get-by-group"] } -->
```http
HTTP/1.1 200 OK

{ "id": "d1" }
```
"#;
    let (page, diagnostics) = parse_page("api/drive-get.md", page);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(page.examples.len(), 2);
    for example in &page.examples {
        let response = example.response.as_ref().expect("each request is answered");
        assert!(matches!(response.message.body, Body::Json { .. }));
    }
}

#[test]
fn a_response_block_of_headers_takes_its_body_from_the_json_block_below() {
    let page = r#"# Query

## Example

<!-- { "blockType": "request", "name": "query" } -->
```http
POST /search/query
```

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json
```

```json
{ "value": [] }
```

A later block, after prose, is not the body:

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 204 No Content
```

Some prose.

```json
{ "unrelated": true }
```
"#;
    let (page, _) = parse_page("api/search-query.md", page);
    let response = page.examples[0].response.as_ref().expect("a response");
    assert!(matches!(
        response.message.start,
        Some(StartLine::Response { status: 200, .. })
    ));
    assert!(
        matches!(&response.message.body, Body::Json { .. })
            && response
                .message
                .body
                .value()
                .is_some_and(|v| v["value"].is_array()),
        "{:?}",
        response.message.body
    );
    assert_eq!(response.message.body_line, 17);

    let alone = page.examples[1]
        .response
        .as_ref()
        .expect("a second response");
    assert_eq!(alone.message.body, Body::None);
}
