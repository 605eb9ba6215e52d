//! The permissions of an operation are data a program can read.

use graph_client::operations::CreateUser;
use graph_runtime::permissions::{least_privileged_scopes, Scheme};

fn main() {
    let info = CreateUser::INFO;
    assert_eq!((info.method, info.path), ("POST", "/users"));
    let contexts: Vec<Option<&str>> = info.permissions.iter().map(|p| p.context).collect();
    assert_eq!(contexts.len(), 6);

    let everything = graph_client::registry::OPERATIONS;
    let scopes: Result<Vec<&str>, _> = least_privileged_scopes(everything, Scheme::DelegatedWork);
    assert!(scopes.is_ok());
    assert!(graph_client::registry::find("CreateUser").is_some());
}
