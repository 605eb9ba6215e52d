//! The emitted code for small fixtures.

use docgen_emit::{emit_crate, CrateOptions, GeneratedFile};
use docgen_model::Api;

fn emit(pages: &[(&str, &str)]) -> Vec<GeneratedFile> {
    let api = Api::from_markdown(pages);
    let options = CrateOptions {
        name: "graph-client".into(),
        runtime_path: "../crates/graph-runtime".into(),
        base_url: "https://graph.microsoft.com/v1.0".into(),
        example_harness_path: None,
    };
    emit_crate(&api, &options)
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path.to_str() == Some(path))
        .unwrap_or_else(|| panic!("{path} is not generated"))
        .contents
}

#[test]
fn the_seed_emits_a_stable_crate() {
    let files = emit(&[
        (
            "api/intune-shared-user-create.md",
            include_str!("../../../docs-input/api/intune-shared-user-create.md"),
        ),
        (
            "resources/intune_shared_user.md",
            include_str!("../../../docs-input/resources/intune_shared_user.md"),
        ),
    ]);
    for f in &files {
        let name = f.path.to_string_lossy().replace('/', "__");
        insta::assert_snapshot!(name, f.contents);
    }
}

const RESOURCE: &str = "# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\
|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n|@odata.type|String|Declared again.|\n|type|String|A keyword.|\n\n\
<!-- { \"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```json\n{}\n```\n";

fn api_page(title: &str, request: &str) -> String {
    format!(
        "# {title}\n\nGet a [thing](../resources/thing.md).\n\n## HTTP request\n\n```http\n{request}\n```\n\n## Response\n\n\
If successful, this method returns a `200 OK` response code and a [thing](../resources/thing.md) object in the response body.\n"
    )
}

#[test]
fn segments_with_the_same_rust_name_get_distinct_structs() {
    let a = api_page("Get root", "GET /drive/root");
    let b = api_page("Get root by path", "GET /drive/root:");
    let files = emit(&[
        ("resources/thing.md", RESOURCE),
        ("api/a.md", &a),
        ("api/b.md", &b),
    ]);
    let first = file(&files, "src/paths/drive/drive_root.rs");
    let second = file(&files, "src/paths/drive/drive_root2.rs");
    assert!(first.contains("pub struct DriveRoot<'a>"), "{first}");
    assert!(second.contains("pub struct DriveRoot2<'a>"), "{second}");
}

#[test]
fn declared_odata_type_and_keywords_become_valid_fields() {
    let files = emit(&[("resources/thing.md", RESOURCE)]);
    let thing = file(&files, "src/models/common/thing.rs");
    // Written once and read once, for the one `odata_type` field.
    assert_eq!(thing.matches("\"@odata.type\"").count(), 2, "{thing}");
    assert_eq!(thing.matches("pub odata_type").count(), 1, "{thing}");
    assert!(thing.contains("pub r#type: Option<String>"), "{thing}");
}

#[test]
fn functions_take_their_parameters_and_keys_are_by_id() {
    let page = api_page(
        "thing: getCount",
        "GET /things/{thing-id}/getCount(period='{period}')",
    );
    let files = emit(&[("resources/thing.md", RESOURCE), ("api/f.md", &page)]);
    let things = file(&files, "src/paths/things/mod.rs");
    assert!(things.contains("pub fn by_id(&self, id: &str)"), "{things}");
    assert!(
        things.contains("pub fn get_count(&self, period: &str)"),
        "{things}"
    );
    assert!(
        things.contains("graph_runtime::odata_string_literal(period)"),
        "{things}"
    );
}
