//! The example check written into the client crate: which navigation calls
//! it makes, and what it reports when an example's URL does not fit.

use docgen_emit::{emit_crate, CrateOptions, GeneratedFile};
use docgen_model::Api;

const WIDGET: &str = r#"# widget resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Identifier.|
|size|Int32|Size.|

## JSON representation
<!-- { "blockType": "resource", "keyProperty": "id", "@odata.type": "microsoft.graph.widget" } -->
```json
{ "id": "String" }
```
"#;

/// A `GET /widgets/{id}` page whose one example calls `url`.
fn get_widget(url: &str) -> String {
    format!(
        r#"# Get widget

Namespace: microsoft.graph

## HTTP request
<!-- {{ "blockType": "ignored" }} -->
```http
GET /widgets/{{id}}
```

## Response
If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

## Example

### Request
<!-- {{ "blockType": "request", "name": "get_widget" }} -->
```http
GET {url}
```

### Response
<!-- {{ "blockType": "response" }} -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{{ "id": "w 1", "size": 3 }}
```
"#
    )
}

fn emit(page: &str, harness: Option<&str>) -> Vec<GeneratedFile> {
    let files = [
        ("resources/widget.md", WIDGET.to_string()),
        ("api/widget-get.md", page.to_string()),
    ];
    let api = Api::from_markdown(&files);
    let options = CrateOptions {
        name: "widget-client".to_string(),
        runtime_path: "../runtime".to_string(),
        base_url: "https://graph.microsoft.com/v1.0".to_string(),
        example_harness_path: harness.map(str::to_string),
    };
    emit_crate(&api, &options)
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    let found = files.iter().find(|f| f.path.to_str() == Some(path));
    &found
        .unwrap_or_else(|| panic!("{path} is not generated"))
        .contents
}

/// The file without line breaks and indentation, so that assertions do not
/// depend on where the formatter breaks lines.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_fitting_url_becomes_navigation_calls_with_its_key_decoded() {
    let page = get_widget("https://graph.microsoft.com/v1.0/widgets/w%201?$select=size");
    let files = emit(&page, Some("../harness"));
    let cases = flat(file(&files, "tests/examples/common.rs"));
    assert!(
        cases.contains(r#"client .widgets() .by_id("w 1") .get()"#)
            || cases.contains(r#"client.widgets().by_id("w 1").get()"#),
        "{cases}"
    );
    assert!(cases.contains(r#"path: "/widgets/w%201""#), "{cases}");
    assert!(
        cases.contains("response_body::<crate::models::Widget>()"),
        "{cases}"
    );
    assert!(
        cases.contains(r###"Some(r#"{"id":"w 1","size":3}"#)"###),
        "{cases}"
    );

    let main = file(&files, "tests/examples/main.rs");
    assert!(
        main.contains("use widget_client::{models, operations};"),
        "{main}"
    );
    assert!(
        main.contains("cases.extend_from_slice(common::CASES);"),
        "{main}"
    );
    let manifest = file(&files, "Cargo.toml");
    assert!(
        manifest.ends_with("[dev-dependencies]\nexample-harness = { path = \"../harness\" }\n"),
        "{manifest}"
    );
}

#[test]
fn a_url_that_fits_no_path_is_reported_with_where_it_left_the_path() {
    let files = emit(&get_widget("/gadgets/1"), Some("../harness"));
    let cases = flat(file(&files, "tests/examples/common.rs"));
    assert!(
        cases.contains(
            "\"`/gadgets/1` does not fit `/widgets/{id}`: segment 1 is `gadgets` where `widgets` was expected\""
        ),
        "{cases}"
    );
    assert!(
        cases.contains("let call = cx .unmatched(") || cases.contains("let call = cx.unmatched("),
        "{cases}"
    );
    assert!(!cases.contains("GraphClient::new"), "{cases}");
}

#[test]
fn without_a_harness_path_the_crate_has_no_example_check() {
    let files = emit(&get_widget("/widgets/1"), None);
    assert!(files.iter().all(|f| !f.path.starts_with("tests")));
    assert!(!file(&files, "Cargo.toml").contains("dev-dependencies"));
}
