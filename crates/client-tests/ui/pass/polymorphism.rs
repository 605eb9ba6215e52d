//! A base type with derived types deserializes by `@odata.type`; derived
//! types carry the base's fields.

use graph_client::models::{ManagedDevice, ManagedDeviceKind, WindowsManagedDevice};

fn main() {
    let json = r##"{"@odata.type": "#microsoft.graph.windowsManagedDevice", "id": "d1", "deviceName": "Contoso desktop", "windowsActiveMalwareCount": 2}"##;
    match serde_json::from_str::<ManagedDeviceKind>(json).unwrap() {
        ManagedDeviceKind::WindowsManagedDevice(WindowsManagedDevice { device_name, windows_active_malware_count, .. }) => {
            assert_eq!(device_name.as_deref(), Some("Contoso desktop"));
            assert_eq!(windows_active_malware_count, Some(2));
        }
        other => panic!("read as {other:?}"),
    }

    let plain = serde_json::from_str::<ManagedDeviceKind>(r#"{"id": "d2"}"#).unwrap();
    assert_eq!(plain, ManagedDeviceKind::ManagedDevice(ManagedDevice { id: Some("d2".into()), ..Default::default() }));
}
