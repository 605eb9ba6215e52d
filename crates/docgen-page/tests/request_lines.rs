//! Request lines in the forms the pages write them.

use docgen_page::parse_page;

fn request_lines(page: &str) -> Vec<(u32, String, String)> {
    let (page, diagnostics) = parse_page("api/page.md", page);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    page.request_lines
        .into_iter()
        .map(|r| (r.line, r.method, r.path.raw))
        .collect()
}

#[test]
fn an_interactive_sample_in_the_request_section_gives_its_request_line() {
    let page = r#"# Get drive

## HTTP request

# [HTTP](#tab/http)
<!-- { "blockType": "request", "name": "get-drive" } -->
```msgraph-interactive
GET /me/drive
```
"#;
    assert_eq!(
        request_lines(page),
        [(8, "GET".to_string(), "/me/drive".to_string())]
    );
}

#[test]
fn a_page_without_a_request_section_gives_the_request_lines_of_its_blocks() {
    let page = r#"# Add member

## Permissions

<!-- { "blockType": "ignored" } -->
```http
POST /chats/{chat-id}/members
```

## Example

```http
POST /chats/19:abc/members
Content-type: application/json
```
"#;
    assert_eq!(
        request_lines(page),
        [(
            7,
            "POST".to_string(),
            "/chats/{chat-id}/members".to_string()
        )]
    );
}

#[test]
fn or_lines_headers_and_code_samples_are_not_request_lines() {
    let page = r#"# List joined teams

## HTTP request

```http
GET /me/joinedTeams
or
GET /users/{id}/joinedTeams
Prefer: odata.maxpagesize=2
```

```csharp
string encoded = "u!" + value;
```
"#;
    let lines = request_lines(page);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].2, "/users/{id}/joinedTeams");
}
