//! The model of the seed page and the resource page it links to.

use docgen_model::{Api, PermissionScheme, RequestBody, TypeKind, TypeRef};

fn seed_api() -> Api {
    let files = [
        (
            "api/intune-shared-user-create.md",
            include_str!("../../../docs-input/api/intune-shared-user-create.md"),
        ),
        (
            "resources/intune_shared_user.md",
            include_str!("../../../docs-input/resources/intune_shared_user.md"),
        ),
    ];
    Api::from_markdown(&files)
}

#[test]
fn the_seed_yields_the_create_operation_and_the_user_type() {
    let api = seed_api();

    let user = api
        .type_def("microsoft.graph.user")
        .expect("user is declared");
    assert_eq!(user.kind, TypeKind::Entity);
    assert_eq!(user.rust_name, "User");
    assert_eq!(user.key.as_deref(), Some("id"));
    let limit = &user.properties[1];
    assert_eq!(limit.rust_name, "device_enrollment_limit");
    assert_eq!(limit.ty, TypeRef::Primitive(docgen_model::Primitive::Int32));
    assert_eq!(limit.context.as_deref(), Some("On-boarding"));

    let [create] = api.operations.as_slice() else {
        panic!("one operation expected: {:#?}", api.operations)
    };
    assert_eq!(
        (create.method.as_str(), create.path.as_str()),
        ("POST", "/users")
    );
    assert_eq!(create.rust_name, "CreateUser");
    assert_eq!(create.response.status, 201);
    assert_eq!(
        create.response.ty,
        Some(TypeRef::Named("microsoft.graph.user".into()))
    );
    assert!(matches!(
        &create.request_body,
        Some(RequestBody::Type { ty: TypeRef::Named(n), collection: false }) if n == "microsoft.graph.user"
    ));

    let contexts: Vec<_> = create
        .permissions
        .iter()
        .map(|p| (p.scheme, p.context.as_deref(), p.scopes.len()))
        .collect();
    assert_eq!(
        contexts,
        [
            (
                PermissionScheme::DelegatedWork,
                Some("Device management"),
                1
            ),
            (PermissionScheme::DelegatedWork, Some("MAM"), 1),
            (PermissionScheme::DelegatedWork, Some("On-boarding"), 1),
            (PermissionScheme::DelegatedWork, Some("Troubleshooting"), 1),
            (PermissionScheme::DelegatedPersonal, None, 0),
            (PermissionScheme::Application, None, 0),
        ]
    );
    assert_eq!(create.examples.len(), 1);
    assert!(api.diagnostics.is_empty(), "{:#?}", api.diagnostics);
}

#[test]
fn the_seed_model_is_stable() {
    insta::assert_json_snapshot!(serde_json::to_value(seed_api()).unwrap());
}

#[test]
fn the_seed_export_has_exactly_the_documented_fields() {
    insta::assert_json_snapshot!(seed_api().to_json());
}
