use graph_client::models::User;

fn main() {
    let _ = User {
        device_enrollment_limit: Some("five"),
        ..Default::default()
    };
}
