//! Navigation follows the URL; the query options and headers the page
//! documents are typed methods of the request builder.

use graph_client::models::ManagedDeviceKind;
use graph_client::GraphClient;
use graph_runtime::Page;

async fn compliant_devices(client: &GraphClient, user: &str) -> Result<Page<ManagedDeviceKind>, graph_client::Error> {
    client
        .users()
        .by_id(user)
        .managed_devices()
        .list()
        .select(&["id", "deviceName", "complianceState"])
        .filter("complianceState eq 'compliant'")
        .top(10)
        .consistency_level("eventual")
        .await
}

async fn one_device(client: &GraphClient) -> Result<ManagedDeviceKind, graph_client::Error> {
    client.users().by_id("adele@contoso.com").managed_devices().by_id("705c034c").get().select(&["id"]).await
}

async fn wipe(client: &GraphClient) -> Result<(), graph_client::Error> {
    let body = graph_client::operations::WipeActionBody { keep_enrollment_data: Some(true), ..Default::default() };
    client.users().by_id("u").managed_devices().by_id("d").wipe(&body).await
}

fn main() {
    let _ = (compliant_devices, one_device, wipe);
}
