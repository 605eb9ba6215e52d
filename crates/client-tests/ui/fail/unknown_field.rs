use graph_client::models::User;

fn main() {
    let _ = User {
        display_name: Some("Adele".into()),
        ..Default::default()
    };
}
