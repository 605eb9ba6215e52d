//! The page the project started from, read end to end.

use docgen_page::{parse_page, Body, StartLine, TableKind};

const SEED: &str = include_str!("../../../docs-input/api/intune-shared-user-create.md");

#[test]
fn reads_everything_the_seed_says() {
    let (page, diagnostics) = parse_page("api/intune-shared-user-create.md", SEED);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");

    assert_eq!(page.title.as_deref(), Some("Create user"));
    assert_eq!(page.description, "Create a new user object.");

    let permissions = &page.tables[0];
    assert_eq!(permissions.kind, TableKind::Permissions);
    let indented: Vec<&str> = permissions
        .body()
        .filter(|r| r.indented)
        .map(|r| r.cells[0].text.as_str())
        .collect();
    assert_eq!(
        indented,
        ["Device management", "MAM", "On-boarding", "Troubleshooting"]
    );
    let first = permissions.body().next().unwrap();
    assert_eq!(first.cells[1].text, "varies by context");
    assert!(first.cells[1].emphasis);

    assert_eq!(page.request_lines.len(), 1);
    assert_eq!(page.request_lines[0].method, "POST");
    assert_eq!(page.request_lines[0].path.raw, "/users");
    assert_eq!(page.request_lines[0].line, 25);

    assert_eq!(page.tables[1].kind, TableKind::Headers);
    let body = &page.tables[2];
    assert_eq!(body.kind, TableKind::RequestBody);
    assert_eq!(body.rows[0].context, None);
    assert_eq!(body.cell(&body.rows[1], 0).text, "deviceEnrollmentLimit");
    assert_eq!(body.rows[1].context.as_deref(), Some("On-boarding"));

    let example = &page.examples[0];
    let request = &example.request.as_ref().unwrap().message;
    assert!(matches!(&request.start, Some(StartLine::Request { method, .. }) if method == "POST"));
    assert_eq!(request.headers.len(), 2);
    assert!(matches!(request.body, Body::Json { .. }));
    assert_eq!(
        request.body.value(),
        Some(serde_json::json!({"@odata.type": "#microsoft.graph.user"}))
    );
    let response = &example.response.as_ref().unwrap().message;
    assert_eq!(
        response.start,
        Some(StartLine::Response {
            status: 201,
            reason: "Created".into()
        })
    );
}

#[test]
fn the_seed_page_model_is_stable() {
    let (page, _) = parse_page("api/intune-shared-user-create.md", SEED);
    insta::assert_json_snapshot!(page);
}
