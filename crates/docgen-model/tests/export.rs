//! The `--emit-ir` export: exactly the documented fields, on a fixture
//! that has one of each kind of item.

use docgen_model::Api;

const WIDGET: &str = r#"# widget resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Identifier.|
|color|[widgetColor](#widgetcolor-values)|Color.|
|gadget|[gadget](gadget.md)|Not declared anywhere.|

## Relationships
|Relationship|Type|Description|
|:---|:---|:---|
|parts|[widget](widget.md) collection|Parts.|

### widgetColor values
|Member|Value|Description|
|:---|:---|:---|
|red|0|Red.|

## JSON representation
<!-- { "blockType": "resource", "keyProperty": "id", "@odata.type": "microsoft.graph.widget" } -->
```json
{ "id": "String" }
```
"#;

const SPIN: &str = r#"# widget: spin

Namespace: microsoft.graph

## Permissions
|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|Widget.ReadWrite, Widget.ReadWrite.All|
|Delegated (personal Microsoft account)|Not supported.|
|Application|Widget.ReadWrite.All|

## HTTP request
```http
POST /widgets/{id}/spin
```

## Request body
|Parameter|Type|Description|
|:---|:---|:---|
|turns|Int32|How many turns.|

## Response
If successful, this action returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.
"#;

#[test]
fn the_export_has_exactly_the_documented_fields() {
    let api = Api::from_markdown(&[
        ("resources/widget.md", WIDGET),
        ("api/widget-spin.md", SPIN),
    ]);
    insta::assert_json_snapshot!(api.to_json());
}
