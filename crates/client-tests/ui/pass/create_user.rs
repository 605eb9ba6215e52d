//! The create call, as a user writes it.

use graph_client::models::User;
use graph_client::GraphClient;

async fn enroll(client: &GraphClient) -> Result<User, graph_client::Error> {
    let user = User {
        device_enrollment_limit: Some(5),
        ..Default::default()
    };
    client.users().create(&user).await
}

fn main() {
    let _ = enroll;
}
