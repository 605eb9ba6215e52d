//! An enum value the docs do not list still deserializes, and goes back to
//! the service unchanged.

use graph_client::models::ComplianceState;

fn main() {
    let known: ComplianceState = serde_json::from_str("\"inGracePeriod\"").unwrap();
    assert_eq!(known, ComplianceState::InGracePeriod);
    assert_eq!(known.as_str(), "inGracePeriod");

    let added_later: ComplianceState = serde_json::from_str("\"retired\"").unwrap();
    assert_eq!(added_later, ComplianceState::Other("retired".into()));
    assert_eq!(serde_json::to_string(&added_later).unwrap(), "\"retired\"");
}
