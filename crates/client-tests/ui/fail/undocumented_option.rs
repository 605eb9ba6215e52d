use graph_client::GraphClient;

async fn get(client: &GraphClient) {
    // The page documents `$select` only.
    let _ = client.users().by_id("u").managed_devices().by_id("d").get().filter("x").await;
}

fn main() {
    let _ = get;
}
