use graph_client::GraphClient;

async fn list(client: &GraphClient) {
    let _ = client.users().by_id("u").managed_devices().list().top("ten").await;
}

fn main() {
    let _ = list;
}
