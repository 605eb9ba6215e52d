//! The docs lint: each rule shown on the smallest pages that trigger it.
//!
//! Every test builds a model from two resource pages (`widget`, an entity,
//! and `part` with its derived `gear`) plus one API page whose examples
//! carry the bodies under test.

use docgen_model::{Api, Diagnostic};

const WIDGET: &str = r#"# widget resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Identifier.|
|size|Int32|Size.|
|weight|Int64|Weight.|
|enabled|Boolean|Whether it works.|
|createdDateTime|DateTimeOffset|When it was made.|
|color|[widgetColor](#widgetcolor-values)|Color.|
|parts|[part](part.md) collection|Parts.|
|extras|[bag](bag.md)|Anything.|

### widgetColor values
|Member|Value|Description|
|:---|:---|:---|
|red|0|Red.|
|blue|1|Blue.|

## JSON representation
<!-- { "blockType": "resource", "keyProperty": "id", "@odata.type": "microsoft.graph.widget" } -->
```json
{ "id": "String" }
```
"#;

const PART: &str = r#"# part resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|name|String|Name.|

## JSON representation
<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.part" } -->
```json
{ "name": "String" }
```
"#;

const GEAR: &str = r#"# gear resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|teeth|Int32|Teeth.|

## JSON representation
<!-- { "blockType": "resource", "baseType": "microsoft.graph.part", "@odata.type": "microsoft.graph.gear" } -->
```json
{ "teeth": 1 }
```
"#;

const BAG: &str = r#"# bag resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|label|String|Label.|

## JSON representation
<!-- { "blockType": "resource", "openType": true, "@odata.type": "microsoft.graph.bag" } -->
```json
{ "label": "String" }
```
"#;

/// An API page for `request_line` whose one example has `request` and
/// `response` as bodies. `returns` is the success sentence of `Response`;
/// `annotation` goes into the response block's annotation.
fn api_page(
    request_line: &str,
    returns: &str,
    request: &str,
    annotation: &str,
    response: &str,
) -> String {
    let (method, path) = request_line.split_once(' ').expect("METHOD /path");
    let title = match method {
        "GET" => "Get widget",
        "PATCH" => "Update widget",
        _ => "Create widget",
    };
    format!(
        r#"# {title}

Namespace: microsoft.graph

Works on a [widget](../resources/widget.md).

## HTTP request
<!-- {{ "blockType": "ignored" }} -->
```http
{method} {path}
```

## Request body
In the request body, supply a JSON representation of a [widget](../resources/widget.md) object.

## Response
If successful, this method returns a `200 OK` response code and {returns} in the response body.

## Example

### Request
<!-- {{ "blockType": "request", "name": "example" }} -->
```http
{method} https://graph.microsoft.com/v1.0{path}
Content-type: application/json

{request}
```

### Response
<!-- {{ "blockType": "response"{annotation} }} -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{response}
```
"#
    )
}

/// The model of the resource pages and `page`.
fn build(page: &str) -> Api {
    let files = [
        ("resources/widget.md", WIDGET),
        ("resources/part.md", PART),
        ("resources/gear.md", GEAR),
        ("resources/bag.md", BAG),
        ("api/widget-op.md", page),
    ];
    Api::from_markdown(&files)
}

/// The lint's findings (codes `V...`) for one API page.
fn findings(page: &str) -> Vec<Diagnostic> {
    build(page)
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with('V'))
        .collect()
}

/// A `POST /widgets` page taking `request` and answering with a widget.
fn create(request: &str, response: &str) -> String {
    api_page(
        "POST /widgets",
        "a [widget](../resources/widget.md) object",
        request,
        "",
        response,
    )
}

/// Asserts exactly one finding, with `code`, whose message names `path`.
#[track_caller]
fn assert_one(found: &[Diagnostic], code: &str, path: &str) {
    let [d] = found else {
        panic!("one finding expected: {found:#?}")
    };
    assert_eq!(d.code, code, "{d}");
    assert!(d.message.contains(&format!("`{path}`")), "{d}");
    assert_eq!(d.file, "api/widget-op.md");
}

#[test]
fn a_valid_example_has_no_findings() {
    let page = create(
        r##"{ "size": 3, "weight": "9007199254740993", "enabled": true, "color": "red,blue",
             "createdDateTime": "2021-07-16T08:30:00Z", "parts": [{ "name": "a" }] }"##,
        r##"{ "@odata.context": "x", "id": "1", "size": null, "extras": { "label": "x" } }"##,
    );
    let api = build(&page);
    let v: Vec<_> = api
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('V'))
        .collect();
    assert!(v.is_empty(), "{v:#?}");

    let report = api.example_report();
    assert_eq!((report.request.checked, report.request.valid), (1, 1));
    assert_eq!((report.response.checked, report.response.valid), (1, 1));
}

#[test]
fn an_undeclared_property_is_reported_with_its_path() {
    let found = findings(&create(r##"{ "size": 1, "colour": "red" }"##, "{}"));
    assert_one(&found, "V001", "colour");

    let found = findings(&create(
        "{}",
        r##"{ "parts": [{ "name": "a" }, { "nme": "b" }] }"##,
    ));
    assert_one(&found, "V001", "parts[1].nme");
    assert!(found[0].message.contains("microsoft.graph.part"));
}

#[test]
fn annotations_and_the_key_are_not_undeclared_properties() {
    let found = findings(&create(
        r##"{ "parts@odata.bind": ["x"], "@microsoft.graph.conflictBehavior": "fail" }"##,
        r##"{ "@odata.type": "#microsoft.graph.widget", "id": "1" }"##,
    ));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_value_of_the_wrong_json_kind_is_reported() {
    let found = findings(&create(r##"{ "size": "big" }"##, "{}"));
    assert_one(&found, "V002", "size");

    let found = findings(&create(r##"{ "enabled": "true" }"##, "{}"));
    assert_one(&found, "V002", "enabled");

    let found = findings(&create(r##"{ "parts": { "name": "a" } }"##, "{}"));
    assert_one(&found, "V002", "parts");
    assert!(found[0].message.contains("expected an array"));
}

#[test]
fn an_enum_value_must_be_a_member() {
    let found = findings(&create(r##"{ "color": "purple" }"##, "{}"));
    assert_one(&found, "V003", "color");

    let found = findings(&create(r##"{ "color": "red,green" }"##, "{}"));
    assert_one(&found, "V003", "color");
    assert!(found[0].message.contains("`green` is not a member"));

    let found = findings(&create(r##"{ "color": "Red" }"##, "{}"));
    assert_one(&found, "V010", "color");
}

#[test]
fn a_date_time_must_be_rfc_3339() {
    let found = findings(&create(
        r##"{ "createdDateTime": "2021-07-16 08:30" }"##,
        "{}",
    ));
    assert_one(&found, "V004", "createdDateTime");

    let found = findings(&create(
        r##"{ "createdDateTime": "2021-07-16T08:30:00.5-07:00" }"##,
        "{}",
    ));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_placeholder_is_an_elided_value_checked_as_a_stand_in() {
    let found = findings(&create(
        r##"{ "createdDateTime": "String (timestamp)" }"##,
        "{}",
    ));
    assert_one(&found, "V018", "createdDateTime");
    assert!(
        found[0].message.contains("Edm.DateTimeOffset"),
        "{}",
        found[0]
    );

    // Every item that elides the value gets a stand-in, though the
    // finding is reported once.
    let page = api_page(
        "GET /widgets",
        "a collection of [widget](../resources/widget.md) objects",
        "",
        "",
        r##"{ "value": [
            { "id": "1", "enabled": "Boolean", "size": 2, "createdDateTime": "datetime-value" },
            { "id": "2", "enabled": true, "createdDateTime": "datetime-value" }
        ] }"##,
    );
    let api = build(&page);
    let codes: Vec<_> = api
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('V'))
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["V018", "V018"]);
    let response = api.operations[0].examples[0].response.as_ref().unwrap();
    let checked = response.checked_body().unwrap();
    assert_eq!(
        checked["value"][0],
        serde_json::json!({
            "id": "1", "enabled": false, "size": 2, "createdDateTime": "0001-01-01T00:00:00Z"
        })
    );
    assert_eq!(
        checked["value"][1]["createdDateTime"],
        "0001-01-01T00:00:00Z"
    );
    assert_eq!(
        response.body.as_ref().unwrap()["value"][1]["createdDateTime"],
        "datetime-value",
        "the documented body is kept as written"
    );

    // A wrong value is not a placeholder.
    let found = findings(&create(r##"{ "enabled": "true" }"##, "{}"));
    assert_one(&found, "V002", "enabled");
}

#[test]
fn a_collection_response_checks_each_item_of_value() {
    let list = |response: &str| {
        api_page(
            "GET /widgets",
            "a collection of [widget](../resources/widget.md) objects",
            "",
            "",
            response,
        )
    };
    let found = findings(&list(
        r##"{ "value": [{ "size": 1 }, { "size": "x" }, { "size": "y" }] }"##,
    ));
    assert_one(&found, "V002", "value[1].size");

    let found = findings(&list(r##"{ "id": "1" }"##));
    assert_one(&found, "V009", "the body");
    assert!(found[0].message.contains("no `value` array"));
}

#[test]
fn a_single_response_may_be_wrapped_in_value() {
    let found = findings(&create(
        "{}",
        r##"{ "value": { "id": "1", "size": "x" } }"##,
    ));
    assert_one(&found, "V002", "value.size");
}

#[test]
fn odata_type_picks_the_derived_type() {
    let found = findings(&create(
        r##"{ "parts": [{ "@odata.type": "#microsoft.graph.gear", "name": "g", "teeth": 3 }] }"##,
        "{}",
    ));
    assert!(found.is_empty(), "{found:#?}");

    let found = findings(&create(
        r##"{ "parts": [{ "@odata.type": "#microsoft.graph.gear", "teeth": "many" }] }"##,
        "{}",
    ));
    assert_one(&found, "V002", "parts[0].teeth");

    let found = findings(&create(r##"{ "parts": [{ "teeth": 3 }] }"##, "{}"));
    assert_one(&found, "V001", "parts[0].teeth");
}

#[test]
fn an_odata_type_outside_the_model_or_the_hierarchy_is_reported() {
    let found = findings(&create(
        r##"{ "parts": [{ "@odata.type": "#microsoft.graph.sprocket", "cogs": 3 }] }"##,
        "{}",
    ));
    assert_one(&found, "V007", "parts[0]");
    assert!(found[0].message.contains("`#microsoft.graph.sprocket`"));

    let found = findings(&create(
        r##"{ "parts": [{ "@odata.type": "#microsoft.graph.widget", "id": "w" }] }"##,
        "{}",
    ));
    assert_one(&found, "V008", "parts[0]");
    assert!(found[0].message.contains("`#microsoft.graph.widget`"));
}

#[test]
fn an_open_type_accepts_any_member() {
    let found = findings(&create(
        r##"{ "extras": { "label": "x", "anything": [1, 2] } }"##,
        "{}",
    ));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_response_type_outside_the_model_is_reported() {
    let page = api_page(
        "GET /gizmo",
        "a gizmo",
        "",
        r#", "@odata.type": "microsoft.graph.gizmo""#,
        r##"{ "id": "1" }"##,
    );
    let found = findings(&page);
    assert_one(&found, "V006", "microsoft.graph.gizmo");

    let report = build(&page).example_report();
    assert_eq!((report.response.checked, report.response.valid), (1, 0));
}

#[test]
fn the_annotation_refines_the_response_type() {
    let page = api_page(
        "GET /parts/{id}",
        "a [part](../resources/part.md) object",
        "",
        r#", "@odata.type": "microsoft.graph.gear""#,
        r##"{ "name": "g", "teeth": 3 }"##,
    );
    let found = findings(&page);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn one_mistake_repeated_across_items_is_reported_once() {
    let found = findings(&create(
        "{}",
        r##"{ "parts": [{ "nme": "a" }, { "nme": "b" }, { "nme": "c" }] }"##,
    ));
    assert_one(&found, "V001", "parts[0].nme");
}

#[test]
fn a_url_the_page_does_not_document_is_found() {
    let page = create(r#"{ "size": 3 }"#, r#"{ "id": "1" }"#).replace(
        "POST https://graph.microsoft.com/v1.0/widgets",
        "POST https://graph.microsoft.com/v1.0/me/widgets",
    );
    let api = build(&page);
    let found: Vec<_> = api
        .diagnostics
        .iter()
        .filter(|d| d.code == "V012")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("`/me/widgets`"), "{}", found[0]);
    let request = api.operations[0].examples[0].request.as_ref().unwrap();
    assert_eq!(request.url_finding.as_ref().map(|f| f.code), Some("V012"));
}

#[test]
fn a_body_under_no_content_or_where_the_docs_promise_none_is_found() {
    let no_content = create(r#"{ "size": 3 }"#, r#"{ "id": "1" }"#)
        .replace("HTTP/1.1 200 OK", "HTTP/1.1 204 No Content");
    let found = findings(&no_content);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "V011");

    let promised_none = create(r#"{ "size": 3 }"#, r#"{ "id": "1" }"#).replace(
        "returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.",
        "returns a `200 OK` response code. It does not return anything in the response body.",
    );
    let found = findings(&promised_none);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "V013");
}

#[test]
fn findings_are_kept_on_the_example_with_their_member() {
    let page = create(
        r#"{ "size": "big" }"#,
        r#"{ "id": "1", "createdDateTime": "yesterday" }"#,
    );
    let api = build(&page);
    let example = &api.operations[0].examples[0];
    let request = &example.request.as_ref().unwrap().findings;
    let response = &example.response.as_ref().unwrap().findings;
    assert_eq!(
        (request[0].code, request[0].path.as_str()),
        ("V002", "size")
    );
    assert_eq!(
        (response[0].code, response[0].path.as_str()),
        ("V004", "createdDateTime")
    );
    assert_eq!(response[0].source.file, "api/widget-op.md");
}

#[test]
fn a_body_sent_with_a_get_or_delete_is_found() {
    let page = api_page(
        "DELETE /widgets/{id}/parts/{id}/$ref",
        "no content",
        r#"{ "@odata.id": "https://graph.microsoft.com/v1.0/parts/1" }"#,
        "",
        "",
    )
    .replace("HTTP/1.1 200 OK", "HTTP/1.1 204 No Content");
    let found = findings(&page);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "V014");
    assert!(found[0].message.contains("`DELETE`"), "{}", found[0]);
    let api = build(&page);
    let request = api.operations[0].examples[0].request.as_ref().unwrap();
    assert_eq!(request.findings[0].path, "");
}

#[test]
fn a_success_without_the_body_the_docs_promise_is_found() {
    let found = findings(&create(r#"{ "size": 3 }"#, ""));
    assert_one(&found, "V015", "200");
    assert!(found[0].message.contains("`microsoft.graph.widget`"));

    // Another kind of answer is no JSON body left out.
    let json = create(r#"{ "size": 3 }"#, "");
    let text = json.replace(
        "Content-type: application/json\n\n\n",
        "Content-type: text/plain\n\n\n",
    );
    assert_ne!(text, json);
    assert!(findings(&text).is_empty());
}

#[test]
fn an_operation_shown_answering_accepted_without_a_body_returns_one_only_sometimes() {
    let accepted =
        create(r#"{ "size": 3 }"#, "").replace("HTTP/1.1 200 OK", "HTTP/1.1 202 Accepted");
    assert!(findings(&accepted).is_empty());
    let api = build(&accepted);
    let response = &api.operations[0].response;
    assert_eq!(response.status, 200);
    assert!(response.optional);

    let api = build(&create(r#"{ "size": 3 }"#, r#"{ "id": "1" }"#));
    assert!(!api.operations[0].response.optional);
}

#[test]
fn an_odata_type_not_written_as_its_qualified_name_is_reported() {
    let found = findings(&create(
        r##"{ "parts": [{ "@odata.type": "gear", "teeth": 3 }] }"##,
        "{}",
    ));
    assert_one(&found, "V016", "parts[0]");
    assert!(found[0].message.contains("`#microsoft.graph.gear`"));
}

#[test]
fn a_body_of_which_nothing_parses_is_a_finding_of_its_example() {
    let api = build(&create(r#"{ "size": 3 }"#, r#"{ "id": "1" "size": 3 }"#));
    let response = api.operations[0].examples[0].response.as_ref().unwrap();
    assert_eq!(response.body, None);
    assert!(!response.empty);
    assert_eq!(
        (
            response.findings[0].code,
            response.findings[0].path.as_str()
        ),
        ("P011", "")
    );
}

#[test]
fn a_wrapped_object_whose_type_has_a_value_property_is_found() {
    let metric = WIDGET
        .replace("widget", "metric")
        .replace("|size|Int32|Size.|", "|value|Double|Value.|");
    let page = api_page(
        "GET /metrics/{id}",
        "a [metric](../resources/metric.md) object",
        "",
        "",
        r#"{ "value": { "id": "m1", "value": 1.5 } }"#,
    );
    let api = Api::from_markdown(&[
        ("resources/metric.md", metric.as_str()),
        ("api/widget-op.md", page.as_str()),
    ]);
    let found: Vec<&Diagnostic> = api
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('V'))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code, "V017");

    let bare = page.replace(
        r#"{ "value": { "id": "m1", "value": 1.5 } }"#,
        r#"{ "id": "m1", "value": 1.5 }"#,
    );
    let api = Api::from_markdown(&[
        ("resources/metric.md", metric.as_str()),
        ("api/widget-op.md", bare.as_str()),
    ]);
    assert!(api.diagnostics.iter().all(|d| !d.code.starts_with('V')));
}
