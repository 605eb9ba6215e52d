//! How pages become the model: each rule shown on the smallest pages that
//! need it.

use docgen_model::{Api, OperationKind, Primitive, RequestBody, TypeKind, TypeRef};

fn build(files: &[(&str, &str)]) -> Api {
    Api::from_markdown(files)
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.to_string())
}

/// A resource page declaring `name` with the given annotation fields and
/// properties rows.
fn resource(name: &str, annotation: &str, intro: &str, rows: &str) -> String {
    format!(
        "# {name} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n\
         ## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\n\
         ## JSON representation\n\
         <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{annotation} }} -->\n\
         ```json\n{{}}\n```\n"
    )
}

/// An API page with one request line, a response sentence and optional
/// body table and response example.
fn api_page(title: &str, request: &str, body: &str, response: &str, example: &str) -> String {
    format!(
        "# {title}\n\nNamespace: microsoft.graph\n\nDoes things.\n\n\
         ## HTTP request\n```http\n{request}\n```\n\n\
         ## Request body\n{body}\n\n## Response\n\n{response}\n\n## Example\n{example}\n"
    )
}

#[test]
fn value_description_tables_under_a_values_heading_are_enums() {
    let meeting = "# onlineMeeting resource type\n\nNamespace: microsoft.graph\n\n\
        ## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n\
        |allowedPresenters|[onlineMeetingPresenters](#onlinemeetingpresenters-values)|Who presents.|\n\n\
        ### onlineMeetingPresenters values\n\n|Value|Description|\n|:---|:---|\n\
        |everyone|Everyone.|\n|organizer|Only the organizer.|\n\n\
        ## JSON representation\n\
        <!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.onlineMeeting\" } -->\n\
        ```json\n{}\n```\n";
    let api = build(&[("resources/onlinemeeting.md", meeting)]);

    let presenters = api
        .type_def("microsoft.graph.onlineMeetingPresenters")
        .expect("the values table declares an enum");
    assert_eq!(presenters.kind, TypeKind::Enum);
    let members: Vec<_> = presenters.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["everyone", "organizer"]);
    let meeting = api.type_def("microsoft.graph.onlineMeeting").unwrap();
    assert_eq!(
        meeting.properties[0].ty,
        named("microsoft.graph.onlineMeetingPresenters")
    );
}

#[test]
fn a_link_to_an_undeclared_section_falls_back_to_the_link_text() {
    let settings = resource(
        "lobbyBypassSettings",
        "",
        "Who skips the lobby.",
        "|scope|[lobbyBypassScope](#lobbybypassscope-values)|Who.|",
    );
    // The enum is declared elsewhere; the anchor on this page names no type.
    let scope = "# lobbyBypassScope enum type\n\nNamespace: microsoft.graph\n\n\
        |Member|Description|\n|:---|:---|\n|organizer|Organizer.|\n";
    let api = build(&[
        ("resources/lobbybypasssettings.md", settings.as_str()),
        ("resources/lobbybypassscope.md", scope),
    ]);
    let def = api.type_def("microsoft.graph.lobbyBypassSettings").unwrap();
    assert_eq!(
        def.properties[0].ty,
        named("microsoft.graph.lobbyBypassScope")
    );
}

#[test]
fn derived_from_sentences_name_the_base_type() {
    let place = resource("place", "", "A place.", "|displayName|String|Name.|");
    let room = resource(
        "room",
        "",
        "Each room has a mailbox. Derived from [place](place.md).",
        "|capacity|Int32|Seats.|",
    );
    let request = resource(
        "mailAssessmentRequest",
        "",
        "Used to assess mail, derived from [place](place.md).",
        "|sender|String|Who sent it.|",
    );
    let api = build(&[
        ("resources/place.md", place.as_str()),
        ("resources/room.md", room.as_str()),
        ("resources/mailassessmentrequest.md", request.as_str()),
    ]);
    for name in ["room", "mailAssessmentRequest"] {
        let def = api.type_def(&format!("microsoft.graph.{name}")).unwrap();
        assert_eq!(def.base.as_deref(), Some("microsoft.graph.place"), "{name}");
    }
}

#[test]
fn open_types_declared_in_prose_are_open() {
    let details = resource(
        "plannerChecklistItems",
        "",
        "The checklist of a task. This is an _open type_.",
        "|title|String|Title.|",
    );
    let api = build(&[("resources/plannerchecklistitems.md", details.as_str())]);
    assert!(
        api.type_def("microsoft.graph.plannerChecklistItems")
            .unwrap()
            .open
    );
}

#[test]
fn entities_without_their_key_property_derive_from_entity() {
    let entity = resource(
        "entity",
        ", \"keyProperty\": \"id\"",
        "",
        "|id|String|Key.|",
    );
    let todo = resource(
        "todo",
        ", \"keyProperty\": \"id\"",
        "Tasks.",
        "|name|String|Name.|",
    );
    let api = build(&[
        ("resources/entity.md", entity.as_str()),
        ("resources/todo.md", todo.as_str()),
    ]);
    let todo = api.type_def("microsoft.graph.todo").unwrap();
    assert_eq!(todo.base.as_deref(), Some("microsoft.graph.entity"));
    assert!(api
        .type_def("microsoft.graph.entity")
        .unwrap()
        .base
        .is_none());
}

#[test]
fn collection_annotations_make_the_response_a_collection() {
    let item = resource(
        "driveItem",
        ", \"keyProperty\": \"id\"",
        "",
        "|id|String|Key.|",
    );
    let list = api_page(
        "List children",
        "GET /me/drive/items/{id}/children",
        "Do not supply a request body for this method.",
        "The children collection will be composed of [driveItem](../resources/driveitem.md) resources.",
        "<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.driveItem)\" } -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"value\": [] }\n```",
    );
    let api = build(&[
        ("resources/driveitem.md", item.as_str()),
        ("api/driveitem-list-children.md", list.as_str()),
    ]);
    let op = &api.operations[0];
    assert_eq!(op.response.ty, Some(named("microsoft.graph.driveItem")));
    assert!(op.response.collection);
}

#[test]
fn prose_that_says_no_body_comes_back_gives_no_response_type() {
    let page = api_page(
        "group: addFavorite",
        "POST /groups/{id}/addFavorite",
        "Do not supply a request body for this method.",
        "If successful, this method returns `200 OK` response code. It does not return anything in the response body.",
        "",
    );
    let api = build(&[("api/group-addfavorite.md", page.as_str())]);
    assert_eq!(api.operations[0].response.status, 200);
    assert_eq!(api.operations[0].response.ty, None);
}

#[test]
fn primitives_named_in_the_response_prose_are_response_types() {
    let cases = [
        (
            "a String collection in the response body.",
            Primitive::String,
            true,
        ),
        ("a Stream in the response body.", Primitive::Stream, false),
        ("a Boolean in the response body.", Primitive::Boolean, false),
    ];
    for (words, primitive, collection) in cases {
        let page = api_page(
            "deviceManagement: report",
            "GET /deviceManagement/report()",
            "",
            &format!("If successful, this function returns a `200 OK` response code and {words}"),
            "",
        );
        let api = build(&[("api/report.md", page.as_str())]);
        let response = &api.operations[0].response;
        assert_eq!(response.ty, Some(TypeRef::Primitive(primitive)), "{words}");
        assert_eq!(response.collection, collection, "{words}");
    }
}

#[test]
fn a_post_to_a_segment_that_is_no_collection_with_parameters_is_an_action() {
    let page = api_page(
        "Check member groups",
        "POST /me/checkMemberGroups",
        "|Parameter|Type|Description|\n|:---|:---|:---|\n|groupIds|String collection|Groups.|",
        "If successful, this method returns `200 OK` and a String collection in the response body.",
        "",
    );
    let api = build(&[("api/directoryobject-checkmembergroups.md", page.as_str())]);
    let op = &api.operations[0];
    assert_eq!(op.kind, OperationKind::Action);
    let Some(RequestBody::Parameters { parameters, .. }) = &op.request_body else {
        panic!("parameters expected: {:?}", op.request_body)
    };
    assert_eq!(parameters[0].name, "groupIds");
    assert!(parameters[0].collection);
}

#[test]
fn a_post_to_a_keyed_collection_stays_a_create() {
    let list = api_page("List groups", "GET /groups/{id}", "", "", "");
    let create = api_page(
        "Create group",
        "POST /groups",
        "|Parameter|Type|Description|\n|:---|:---|:---|\n|displayName|String|Name.|",
        "",
        "",
    );
    let api = build(&[
        ("api/group-get.md", list.as_str()),
        ("api/group-post-groups.md", create.as_str()),
    ]);
    let post = api
        .operations
        .iter()
        .find(|op| op.method == "POST")
        .unwrap();
    assert_eq!(post.kind, OperationKind::Crud);
}

#[test]
fn untyped_update_bodies_take_the_type_a_get_of_the_same_path_returns() {
    let domain = resource(
        "domain",
        ", \"keyProperty\": \"id\"",
        "",
        "|id|String|Key.|",
    );
    let get = api_page(
        "Get domain",
        "GET /domains/{id}",
        "",
        "If successful, this method returns a `200 OK` response code and a [domain](../resources/domain.md) object in the response body.",
        "",
    );
    let update = api_page(
        "Update domain",
        "PATCH /domains/{domain-id}",
        "In the request body, supply the values for relevant fields to be updated.",
        "If successful, this method returns a `204 No Content` response code.",
        "",
    );
    let api = build(&[
        ("resources/domain.md", domain.as_str()),
        ("api/domain-get.md", get.as_str()),
        ("api/domain-update.md", update.as_str()),
    ]);
    let patch = api
        .operations
        .iter()
        .find(|op| op.method == "PATCH")
        .unwrap();
    assert!(matches!(
        &patch.request_body,
        Some(RequestBody::Type { ty, .. }) if *ty == named("microsoft.graph.domain")
    ));
}

#[test]
fn duplicate_creates_of_derived_types_fold_into_their_base() {
    let base = resource(
        "deviceConfiguration",
        ", \"keyProperty\": \"id\"",
        "",
        "|id|String|Key.|",
    );
    let android = resource(
        "androidConfiguration",
        ", \"keyProperty\": \"id\"",
        "Inherits from [deviceConfiguration](deviceconfiguration.md)",
        "|id|String|Key.|",
    );
    let ios = resource(
        "iosConfiguration",
        ", \"keyProperty\": \"id\"",
        "Inherits from [deviceConfiguration](deviceconfiguration.md)",
        "|id|String|Key.|",
    );
    let create = |ty: &str| {
        api_page(
            &format!("Create {ty}"),
            "POST /deviceManagement/deviceConfigurations",
            &format!("Supply a JSON representation of the [{ty}](../resources/{ty}.md) object."),
            &format!("If successful, this method returns a `201 Created` response code and a [{ty}](../resources/{ty}.md) object in the response body."),
            "",
        )
    };
    let (create_android, create_ios) = (create("androidconfiguration"), create("iosconfiguration"));
    let api = build(&[
        ("resources/deviceconfiguration.md", base.as_str()),
        ("resources/androidconfiguration.md", android.as_str()),
        ("resources/iosconfiguration.md", ios.as_str()),
        ("api/android-create.md", create_android.as_str()),
        ("api/ios-create.md", create_ios.as_str()),
    ]);

    let [op] = api.operations.as_slice() else {
        panic!("one operation expected: {:#?}", api.operations)
    };
    let base = named("microsoft.graph.deviceConfiguration");
    assert!(matches!(&op.request_body, Some(RequestBody::Type { ty, .. }) if *ty == base));
    assert_eq!(op.response.ty, Some(base));
    let note = api.diagnostics.iter().find(|d| d.code == "M005").unwrap();
    assert_eq!(note.file, "api/ios-create.md");
    assert!(
        note.message.ends_with(
            "its request and response type `microsoft.graph.iosConfiguration` are folded \
             into the common base type `microsoft.graph.deviceConfiguration`"
        ),
        "{}",
        note.message
    );
}

#[test]
fn a_cell_offering_several_types_holds_their_common_base() {
    let media = resource(
        "mediaConfig",
        ", \"abstract\": true",
        "Media.",
        "|blob|String|Blob.|",
    );
    let app = resource(
        "appHostedMediaConfig",
        "",
        "This is a subclass of [mediaConfig](mediaconfig.md).",
        "|blob|String|Blob.|",
    );
    let service = resource(
        "serviceHostedMediaConfig",
        "",
        "The media that's hosted remotely. This is inherited from [mediaConfig](mediaconfig.md).",
        "|preFetchMedia|String|Prompts.|",
    );
    let call = resource(
        "call",
        ", \"keyProperty\": \"id\"",
        "A call.",
        "|id|String|Key.|\n\
         |mediaConfig|[appHostedMediaConfig](apphostedmediaconfig.md) or [serviceHostedMediaConfig](servicehostedmediaconfig.md)|Media.|",
    );
    let api = build(&[
        ("resources/mediaconfig.md", media.as_str()),
        ("resources/apphostedmediaconfig.md", app.as_str()),
        ("resources/servicehostedmediaconfig.md", service.as_str()),
        ("resources/call.md", call.as_str()),
    ]);
    let call = api.type_def("microsoft.graph.call").unwrap();
    assert_eq!(call.properties[1].ty, named("microsoft.graph.mediaConfig"));
}

#[test]
fn a_value_table_on_a_resource_page_is_not_an_enum_named_after_the_page() {
    let quota = "# Quota resource type\n\nNamespace: microsoft.graph\n\n\
        ## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n\
        |state|string|How full the drive is.|\n\n\
        ## State enumeration\n\n|Value|Description|\n|:---|:---|\n\
        |`normal`|Plenty left.|\n|`exceeded`|Full.|\n\n\
        ## JSON representation\n\
        <!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.quota\" } -->\n\
        ```json\n{}\n```\n";
    let drive = resource("drive", "", "", "|quota|[quota](quota.md)|Space.|");
    let api = build(&[
        ("resources/quota.md", quota),
        ("resources/drive.md", drive.as_str()),
    ]);

    assert!(api.type_def("microsoft.graph.Quota").is_none());
    let drive = api.type_def("microsoft.graph.drive").unwrap();
    assert_eq!(drive.properties[0].ty, named("microsoft.graph.quota"));
}

#[test]
fn an_update_that_returns_the_object_only_on_request_has_an_optional_response() {
    let task = resource(
        "plannerTask",
        ", \"keyProperty\": \"id\"",
        "",
        "|id|String|Id.|",
    );
    let update = api_page(
        "Update plannerTask",
        "PATCH /planner/tasks/{id}",
        "In the request body, supply a JSON representation of a [plannerTask](../resources/plannertask.md) object.",
        "If successful, this method returns `204 No Content` response and empty content. If the request \
         specifies `Prefer` header with `return=representation` preference, then this method returns a \
         `200 OK` response code and updated [plannerTask](../resources/plannertask.md) object in the response body.",
        "",
    );
    let unfollow = api_page(
        "Unfollow site",
        "POST /users/{id}/followedSites/remove",
        "In the request body, supply the sites.",
        "If successful, this method returns a `204` status code with no content. If an error occurred for \
         any of the sites, this method returns a `207` status code and an array of entries.",
        "",
    );
    let api = build(&[
        ("resources/plannertask.md", task.as_str()),
        ("api/plannertask-update.md", update.as_str()),
        ("api/site-unfollow.md", unfollow.as_str()),
    ]);

    let update = api
        .operations
        .iter()
        .find(|op| op.method == "PATCH")
        .unwrap();
    assert_eq!(
        update.response.ty,
        Some(named("microsoft.graph.plannerTask"))
    );
    assert!(update.response.optional);
    let unfollow = api
        .operations
        .iter()
        .find(|op| op.method == "POST")
        .unwrap();
    assert_eq!(unfollow.response.ty, Some(TypeRef::Json));
}

#[test]
fn a_path_that_reads_a_property_of_another_path_returns_the_property() {
    let settings = resource(
        "mailboxSettings",
        "",
        "",
        "|timeZone|String|Zone.|\n|workingHours|[workingHours](workinghours.md)|Hours.|",
    );
    let hours = resource(
        "workingHours",
        "",
        "",
        "|timeZone|[timeZoneBase](timezonebase.md)|Zone.|\n|startTime|TimeOfDay|Start.|",
    );
    let zone = resource("timeZoneBase", "", "", "|name|String|Name.|");
    let request = |url: &str| {
        format!(
            "\n<!-- {{ \"blockType\": \"request\" }} -->\n```http\nGET {url}\n```\n\n\
             <!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{}}\n```\n"
        )
    };
    let examples = [
        "https://graph.microsoft.com/v1.0/me/mailboxSettings",
        "https://graph.microsoft.com/v1.0/me/mailboxSettings/workingHours",
        "https://graph.microsoft.com/v1.0/users/u1/mailboxSettings/workingHours/timeZone",
        "https://graph.microsoft.com/v1.0/me/mailboxSettings/timeZone",
    ]
    .map(request)
    .concat();
    let get = api_page(
        "Get mailbox settings",
        "GET /me/mailboxSettings\nGET /users/{id}/mailboxSettings\n\
         GET /me/mailboxSettings/workingHours\nGET /users/{id}/mailboxSettings/workingHours\n\
         GET /users/{id}/mailboxSettings/workingHours/timeZone\n\
         GET /me/mailboxSettings/timeZone\nGET /me/mailboxSettings/unknown",
        "",
        "If successful, this method returns a `200 OK` response code and a \
         [mailboxSettings](../resources/mailboxsettings.md) object in the response body.",
        &examples,
    );
    let api = build(&[
        ("resources/mailboxsettings.md", settings.as_str()),
        ("resources/workinghours.md", hours.as_str()),
        ("resources/timezonebase.md", zone.as_str()),
        ("api/user-get-mailboxsettings.md", get.as_str()),
    ]);

    let found: Vec<(&str, Vec<&str>, Option<&str>, usize)> = api
        .operations
        .iter()
        .map(|op| {
            (
                op.path.as_str(),
                op.alternative_paths.iter().map(String::as_str).collect(),
                op.response.ty.as_ref().map(TypeRef::qualified_name),
                op.examples.len(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "/me/mailboxSettings",
                vec!["/users/{id}/mailboxSettings", "/me/mailboxSettings/unknown"],
                Some("microsoft.graph.mailboxSettings"),
                1
            ),
            (
                "/me/mailboxSettings/timeZone",
                vec![],
                Some("Edm.String"),
                1
            ),
            (
                "/me/mailboxSettings/workingHours",
                vec!["/users/{id}/mailboxSettings/workingHours"],
                Some("microsoft.graph.workingHours"),
                1
            ),
            (
                "/users/{id}/mailboxSettings/workingHours/timeZone",
                vec![],
                Some("microsoft.graph.timeZoneBase"),
                1
            ),
        ]
    );
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.rust_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "GetMailboxSettings",
            "GetMailboxSettingsTimeZone",
            "GetMailboxSettingsWorkingHours",
            "GetMailboxSettingsWorkingHoursTimeZone"
        ]
    );
}

#[test]
fn a_type_the_response_puts_in_a_header_is_not_the_body() {
    let operation = resource("asyncOperation", "", "", "|status|String|Status.|");
    let returns = [
        "If successful, this method returns a `202 Accepted` response code and a link to the \
         associated [asyncOperation](../resources/asyncoperation.md) in the `Operation-Location` header.",
        "If successful, this method returns a `202 Accepted` response code. The response also \
         contains a `Location` header with the location of the \
         [asyncOperation](../resources/asyncoperation.md).",
    ];
    for words in returns {
        let page = api_page("Archive thing", "POST /things/{id}/archive", "", words, "");
        let api = build(&[
            ("resources/asyncoperation.md", operation.as_str()),
            ("api/thing-archive.md", page.as_str()),
        ]);
        let response = &api.operations[0].response;
        assert_eq!((response.status, &response.ty), (202, &None), "{words}");
    }
}

#[test]
fn a_post_whose_table_lists_members_its_subject_lacks_is_an_action() {
    let team = resource("team", "", "", "|displayName|String|Name.|");
    let table = |extra: &str| {
        format!(
            "|Property|Type|Description|\n|:---|:---|:---|\n|displayName|String|Name.|\n{extra}"
        )
    };
    let clone = |body: &str| {
        api_page(
            "Clone a team",
            "POST /teams/{id}/clone",
            body,
            "If successful, this method returns a `202 Accepted` response code.",
            "",
        )
        .replace("Does things.", "Copies a [team](../resources/team.md).")
    };
    let kind_of = |page: String| {
        let api = build(&[
            ("resources/team.md", team.as_str()),
            ("api/team-clone.md", page.as_str()),
        ]);
        (
            api.operations[0].kind,
            api.operations[0].request_body.clone(),
        )
    };

    let (kind, body) = kind_of(clone(&table("|partsToClone|String|Parts.|")));
    assert_eq!(kind, OperationKind::Action);
    assert!(
        matches!(body, Some(RequestBody::Parameters { .. })),
        "{body:?}"
    );
    let (kind, _) = kind_of(clone(&table("")));
    assert_eq!(kind, OperationKind::Crud);
}

#[test]
fn an_action_whose_body_section_links_a_type_takes_that_type() {
    let session = resource(
        "workbookSessionInfo",
        "",
        "",
        "|persistChanges|Boolean|Keep.|",
    );
    let page = api_page(
        "workbook: createSession",
        "POST /me/drive/items/{id}/workbook/createSession",
        "In the request body, supply a JSON representation of \
         [workbookSessionInfo](../resources/workbooksessioninfo.md) object.",
        "If successful, this method returns `201 Created` response code and a \
         [workbookSessionInfo](../resources/workbooksessioninfo.md) object in the response body.",
        "",
    );
    let api = build(&[
        ("resources/workbooksessioninfo.md", session.as_str()),
        ("api/workbook-createsession.md", page.as_str()),
    ]);
    let op = &api.operations[0];
    assert_eq!(op.kind, OperationKind::Action);
    assert!(
        matches!(&op.request_body, Some(RequestBody::Type { ty, .. }) if *ty == named("microsoft.graph.workbookSessionInfo")),
        "{:?}",
        op.request_body
    );
}

#[test]
fn a_path_to_the_bytes_of_another_path_returns_a_stream() {
    let photo = resource("profilePhoto", "", "", "|height|Int32|Height.|");
    let get = api_page(
        "Get profilePhoto",
        "GET /me/photo/$value\nGET /me/photo\nGET /users/{id}/photo/$value",
        "",
        "If successful, this method returns a `200 OK` response code and a \
         [profilePhoto](../resources/profilephoto.md) object in the response body.",
        "",
    );
    let api = build(&[
        ("resources/profilephoto.md", photo.as_str()),
        ("api/profilephoto-get.md", get.as_str()),
    ]);
    let found: Vec<(&str, Option<&str>)> = api
        .operations
        .iter()
        .map(|op| {
            (
                op.path.as_str(),
                op.response.ty.as_ref().map(TypeRef::qualified_name),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("/me/photo", Some("microsoft.graph.profilePhoto")),
            ("/me/photo/$value", Some("Edm.Stream")),
        ]
    );
    assert_eq!(
        api.operations[1].alternative_paths,
        ["/users/{id}/photo/$value"]
    );
}

#[test]
fn a_response_that_redirects_to_a_download_returns_its_bytes() {
    let page = api_page(
        "reportRoot: getUsage",
        "GET /reports/getUsage(period='{period_value}')",
        "",
        "If successful, this method returns a `302 Found` response that redirects to a \
         preauthenticated download URL for the report.",
        "",
    );
    let api = build(&[("api/reportroot-getusage.md", page.as_str())]);
    let response = &api.operations[0].response;
    assert_eq!(response.status, 302);
    assert_eq!(response.ty, Some(TypeRef::Primitive(Primitive::Stream)));
}

#[test]
fn request_lines_relative_to_an_unnamed_path_or_with_elided_segments_are_no_operations() {
    let page = api_page(
        "Get resource content",
        "GET ../onenote/resources/{id}/content\nGET /me/onenote/resources/{id}/content\n\
         GET /me/onenote/sections/{id}/.../resources/{id}/content",
        "Do not supply a request body for this method.",
        "If successful, this method returns a `200 OK` response code and the bytes in the response body.",
        "",
    );
    let api = build(&[("api/resource-get.md", page.as_str())]);
    assert_eq!(api.operations.len(), 1);
    let operation = &api.operations[0];
    assert_eq!(operation.path, "/me/onenote/resources/{id}/content");
    assert!(operation.alternative_paths.is_empty());
    let relative: Vec<_> = api
        .diagnostics
        .iter()
        .filter(|d| d.code == "M011")
        .collect();
    let lines: Vec<u32> = relative.iter().map(|d| d.line).collect();
    assert_eq!(lines, [9, 11]);
    assert!(
        relative[1].message.contains("`...`"),
        "{}",
        relative[1].message
    );
}
