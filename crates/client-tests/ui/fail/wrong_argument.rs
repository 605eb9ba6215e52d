use graph_client::GraphClient;

async fn create(client: &GraphClient) {
    let _ = client.users().create("Adele").await;
}

fn main() {
    let _ = create;
}
