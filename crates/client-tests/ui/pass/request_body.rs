//! The request body is a plain struct that serializes to the documented JSON,
//! instance annotations such as `manager@odata.bind` included.

use graph_client::models::User;

fn main() {
    let user = User {
        odata_type: Some("#microsoft.graph.user".into()),
        id: Some("d36894ae-94ae-d368-ae94-68d3ae9468d3".into()),
        device_enrollment_limit: Some(1000),
        annotations: serde_json::Map::from_iter([(
            "manager@odata.bind".to_string(),
            serde_json::json!("https://graph.microsoft.com/v1.0/users/m1"),
        )]),
    };
    let json = serde_json::to_value(&user).unwrap();
    assert_eq!(json["deviceEnrollmentLimit"], 1000);
    assert_eq!(json["manager@odata.bind"], "https://graph.microsoft.com/v1.0/users/m1");
    assert_eq!(json["@odata.type"], "#microsoft.graph.user");
}
