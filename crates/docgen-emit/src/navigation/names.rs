//! The names of navigation methods and structs: a step per segment
//! (`managed_devices`, `by_id`), an operation's method (`get`, `list`,
//! `send_mail`), and the overloads of a function told apart by their
//! arguments (`image_with_width_height`).

use std::collections::BTreeSet;

use docgen_model::{field_name, type_name, unique_name, Api, Operation, RequestBody};
use docgen_page::Argument;

use super::{Call, Edge, Node};

/// Method names that `GraphClient` already has.
pub(super) const ROOT_RESERVED: &[&str] = &["client", "new"];
/// Method names that every prefix struct already has.
pub(super) const NODE_RESERVED: &[&str] = &["path", "client"];

/// The method names of a node, unique within it: first the steps to its
/// children, then its operations, each in the order they are emitted.
pub(super) struct MethodNames {
    pub(super) children: Vec<String>,
    pub(super) operations: Vec<String>,
}

impl MethodNames {
    pub(super) fn of(api: &Api, node: &Node, reserved: &[&str]) -> MethodNames {
        let mut taken: BTreeSet<String> = reserved.iter().map(|r| r.to_string()).collect();
        let children = node
            .children
            .values()
            .map(|c| {
                let name = match &c.edge {
                    Edge::Call { name, arguments } if overloaded(node, &c.edge) => {
                        with_arguments(name, arguments)
                    }
                    edge => edge_name(edge),
                };
                unique_name(name, &mut taken)
            })
            .collect();
        let operations = node
            .methods
            .iter()
            .map(|call| unique_name(operation_name(&api.operations[call.op], call), &mut taken))
            .collect();
        MethodNames {
            children,
            operations,
        }
    }
}

/// The method name of a step to a child, before it is made unique.
fn edge_name(edge: &Edge) -> String {
    match edge {
        Edge::Literal(segment) => field_name(segment),
        // Every key is `by_id(id)`, whatever the docs call it
        // (`{id}`, `{user-id}`, `{usersId}`): one name to remember.
        Edge::Key(_) => "by_id".to_string(),
        Edge::Call { name, .. } => field_name(name),
    }
}

/// The method name of an operation, before it is made unique. An overload
/// of a function is named with its arguments: `image_with_width_height`.
fn operation_name(op: &Operation, call: &Call) -> String {
    let name = match &call.segment {
        Some(Edge::Literal(segment)) => field_name(segment),
        Some(Edge::Call { name, .. }) => field_name(name),
        Some(Edge::Key(_)) | None => crud_name(op).to_string(),
    };
    match &call.segment {
        Some(Edge::Call { name, arguments }) if call.overload => with_arguments(name, arguments),
        _ => name,
    }
}

/// Names each node after the path that leads to it: `UsersItemManagedDevices`.
///
/// Two segments can give one name (`root` and `root:`); the second gets a
/// number, in the tree's sorted order, so names are stable.
pub(super) fn name_nodes(
    node: &mut Node,
    prefix: &str,
    pattern: &str,
    taken: &mut BTreeSet<String>,
) {
    let overloads: Vec<bool> = node
        .children
        .values()
        .map(|c| overloaded(node, &c.edge))
        .collect();
    for (child, overloaded) in node.children.values_mut().zip(overloads) {
        let (part, segment) = match &child.edge {
            Edge::Literal(s) => (type_name(s), s.clone()),
            Edge::Key(names) => ("Item".to_string(), format!("{{{}}}", names.join(" | "))),
            Edge::Call { name, arguments } if overloaded => (
                type_name(&with_arguments(name, arguments)),
                format!("{name}(...)"),
            ),
            Edge::Call { name, .. } => (type_name(name), format!("{name}(...)")),
        };
        let name = unique_name(format!("{prefix}{part}"), taken);
        let pattern = format!("{pattern}/{segment}");
        name_nodes(&mut child.node, &name, &pattern, taken);
        child.node.rust_name = name;
        child.node.pattern = pattern;
    }
}

/// The segment's name without its arguments, for telling overloads.
fn base_name(edge: &Edge) -> Option<&str> {
    match edge {
        Edge::Literal(s) => Some(s),
        Edge::Key(_) => None,
        Edge::Call { name, .. } => Some(name),
    }
}

/// Whether another child of `parent` has the same name as `edge`, so that
/// a call is told apart by its arguments.
fn overloaded(parent: &Node, edge: &Edge) -> bool {
    let Some(name) = base_name(edge) else {
        return false;
    };
    parent
        .children
        .values()
        .filter(|c| base_name(&c.edge).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .count()
        > 1
}

/// `name_with_a_b` for a call with the arguments `a` and `b`.
fn with_arguments(name: &str, arguments: &[Argument]) -> String {
    let with: Vec<String> = arguments
        .iter()
        .filter(|a| a.parameter.is_some())
        .filter_map(|a| a.name.as_deref().or(a.parameter.as_deref()))
        .map(field_name)
        .collect();
    if with.is_empty() {
        field_name(name)
    } else {
        format!("{}_with_{}", field_name(name), with.join("_"))
    }
}

/// The method name of a read, create, update or delete at a prefix.
fn crud_name(op: &Operation) -> &'static str {
    match op.method.as_str() {
        "GET" if op.response.collection => "list",
        "GET" => "get",
        "POST" if matches!(op.request_body, Some(RequestBody::Parameters { .. })) => "post",
        "POST" => "create",
        "PATCH" => "update",
        "PUT" => "put",
        "DELETE" => "delete",
        _ => "send",
    }
}
