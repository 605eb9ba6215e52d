//! The registry lists every operation with its permissions, and picks the
//! least-privileged scopes that cover a chosen list.

use graph_client::operations::{GetManagedDevice, ListManagedDevices, WipeAction};
use graph_client::registry::OPERATIONS;
use graph_runtime::permissions::{least_privileged_scopes, Scheme};

fn main() {
    assert_eq!(OPERATIONS.len(), 4);
    let read_only = least_privileged_scopes(&[ListManagedDevices::INFO, GetManagedDevice::INFO], Scheme::Application).unwrap();
    assert_eq!(read_only, ["DeviceManagementManagedDevices.Read.All"]);

    let with_wipe = least_privileged_scopes(&[ListManagedDevices::INFO, WipeAction::INFO], Scheme::Application).unwrap();
    assert_eq!(with_wipe, ["DeviceManagementManagedDevices.PrivilegedOperations.All", "DeviceManagementManagedDevices.Read.All"]);

    assert!(least_privileged_scopes(&[ListManagedDevices::INFO], Scheme::DelegatedPersonal).is_err());
}
