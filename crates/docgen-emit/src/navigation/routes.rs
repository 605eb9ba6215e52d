//! The navigation calls that reach each operation, as data: for
//! `GET /users/{id}/managedDevices`, the steps `users`, `by_id(id)`,
//! `managed_devices`, `list`. Emitters that write code calling the client
//! (the example checks) use this, so they name the methods the navigation
//! emitter declared.

use docgen_model::{Api, Operation, OperationKind};
use docgen_page::{Argument, PathTemplate};

use super::{
    build_tree, edge, edge_key, parameters, Edge, MethodNames, Node, NODE_RESERVED, ROOT_RESERVED,
};

/// One path of an operation, as the chain of method calls that reaches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The path template the chain follows, as the docs write it.
    pub template: String,
    /// From `GraphClient` to the operation's own method, which is last.
    pub steps: Vec<Step>,
}

/// One method call of a route, and the path segment it adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The method's name, as emitted (`by_id`, `managed_devices`, `r#type`).
    pub method: String,
    pub segment: Segment,
}

/// What a step adds to the path, and so which arguments it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A fixed segment; no arguments.
    Literal(String),
    /// A key: one argument, the key's value.
    Key,
    /// A function call; one argument per argument that is a placeholder,
    /// in order.
    Call {
        name: String,
        arguments: Vec<Argument>,
    },
    /// The operation at the prefix so far (`get`, `list`, `create`...); adds
    /// nothing to the path.
    Here,
}

/// For each operation of `api`, in order, the routes that reach it: its
/// primary path first, then its alternatives. An operation the navigation
/// does not reach (a path of no segments) has none.
pub fn routes(api: &Api) -> Vec<Vec<Route>> {
    let root = build_tree(api);
    api.operations
        .iter()
        .enumerate()
        .map(|(index, op)| {
            let mut templates = vec![op.template.clone()];
            templates.extend(op.alternative_paths.iter().map(|p| PathTemplate::parse(p)));
            let mut routes: Vec<Route> = Vec::new();
            for template in &templates {
                if let Some(route) = route(api, &root, index, op, template) {
                    if !routes.iter().any(|r| r.steps == route.steps) {
                        routes.push(route);
                    }
                }
            }
            routes
        })
        .collect()
}

/// Walks the tree along `template` as `insert` built it, naming each step
/// as `node_struct` names its methods.
fn route(
    api: &Api,
    root: &Node,
    index: usize,
    op: &Operation,
    template: &PathTemplate,
) -> Option<Route> {
    let mut segments: Vec<Edge> = template.segments.iter().map(edge).collect();
    let last = match op.kind {
        OperationKind::Action | OperationKind::Function if !segments.is_empty() => segments.pop(),
        _ => None,
    };
    // Operations at the root itself have no method to call; actions right
    // under it are methods of `GraphClient`.
    if segments.is_empty() && last.is_none() {
        return None;
    }

    let mut steps = Vec::new();
    let mut node = root;
    let mut reserved = ROOT_RESERVED;
    for segment in &segments {
        let key = edge_key(segment);
        let names = MethodNames::of(api, node, reserved);
        let position = node.children.keys().position(|k| *k == key)?;
        let child = &node.children[&key];
        steps.push(Step {
            method: names.children[position].clone(),
            segment: step_segment(&child.edge),
        });
        node = &child.node;
        reserved = NODE_RESERVED;
    }

    let names = MethodNames::of(api, node, reserved);
    let signature = parameters(last.as_ref());
    let position = node
        .methods
        .iter()
        .position(|m| m.op == index && parameters(m.segment.as_ref()) == signature)?;
    // The method's segment is the one `insert` kept for it; a key popped
    // from the end of an action's path is dropped by the navigation, so it
    // adds nothing here either.
    let segment = match &node.methods[position].segment {
        Some(Edge::Key(_)) | None => Segment::Here,
        Some(edge) => step_segment(edge),
    };
    debug_assert!(last.is_some() || segment == Segment::Here);
    steps.push(Step {
        method: names.operations[position].clone(),
        segment,
    });
    Some(Route {
        template: template.raw.clone(),
        steps,
    })
}

fn step_segment(edge: &Edge) -> Segment {
    match edge {
        Edge::Literal(value) => Segment::Literal(value.clone()),
        Edge::Key(_) => Segment::Key,
        Edge::Call { name, arguments } => Segment::Call {
            name: name.clone(),
            arguments: arguments.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use docgen_page::parse_page;

    use super::*;

    fn page(title: &str, request_line: &str, returns: &str) -> String {
        format!(
            "# {title}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\
             <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{request_line}\n```\n\n\
             ## Response\nIf successful, this method returns a `200 OK` response code and \
             {returns} in the response body.\n"
        )
    }

    /// A widget whose item has both an operation named `get` and a child
    /// segment `get`, so that the operation's method is renamed.
    fn api() -> Api {
        let widget = "# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\
                      |Property|Type|Description|\n|:---|:---|:---|\n|id|String|Id.|\n";
        let files = [
            ("resources/widget.md", widget.to_string()),
            (
                "api/widget-get.md",
                page(
                    "Get widget",
                    "GET /widgets/{id}",
                    "a [widget](../resources/widget.md) object",
                ),
            ),
            (
                "api/widget-list-get.md",
                page(
                    "List get",
                    "GET /widgets/{id}/get/parts",
                    "a collection of [widget](../resources/widget.md) objects",
                ),
            ),
        ];
        let pages: Vec<_> = files.iter().map(|(f, s)| parse_page(f, s).0).collect();
        Api::build(&pages)
    }

    const WIDGET: &str = "# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\
                          |Property|Type|Description|\n|:---|:---|:---|\n|id|String|Id.|\n";

    fn methods(route: &Route) -> Vec<&str> {
        route.steps.iter().map(|s| s.method.as_str()).collect()
    }

    #[test]
    fn each_overload_of_a_function_is_a_method_named_by_its_parameters() {
        let report = format!(
            "{}\n",
            page(
                "reportRoot: getUsage",
                "GET /reports/getUsage(period='{period_value}')\nGET /reports/getUsage(date={date_value})",
                "a [widget](../resources/widget.md) object",
            )
        );
        let api = Api::from_markdown(&[
            ("resources/widget.md", WIDGET.to_string()),
            ("api/reportroot-getusage.md", report),
        ]);
        let routes = routes(&api);
        let found: Vec<Vec<&str>> = routes[0].iter().map(methods).collect();
        assert_eq!(
            found,
            [
                vec!["reports", "get_usage"],
                vec!["reports", "get_usage_with_date"]
            ]
        );
        let declared: String = super::super::emit(&api)
            .into_iter()
            .map(|f| f.contents)
            .collect();
        assert!(
            declared.contains("pub fn get_usage_with_date("),
            "{declared}"
        );
    }

    #[test]
    fn each_overload_of_a_function_in_a_path_is_a_step_named_by_its_arguments() {
        let image = page(
            "Chart: Image",
            "GET /charts/{name}/image\nGET /charts/{name}/image(width=640)\n\
             GET /charts/{name}/image(width=640,height=480)",
            "a [widget](../resources/widget.md) object",
        );
        let api = Api::from_markdown(&[
            ("resources/widget.md", WIDGET.to_string()),
            ("api/chart-image.md", image),
        ]);
        let routes = routes(&api);
        let found: Vec<Vec<&str>> = routes[0].iter().map(methods).collect();
        assert_eq!(
            found,
            [
                vec!["charts", "by_id", "image", "get"],
                vec!["charts", "by_id", "image_with_width", "get"],
                vec!["charts", "by_id", "image_with_width_height", "get"],
            ]
        );
    }

    #[test]
    fn an_action_right_under_the_root_is_a_method_of_the_client() {
        let api = Api::from_markdown(&[
            ("resources/widget.md", WIDGET.to_string()),
            (
                "api/widget-invite.md",
                page(
                    "widget: invite",
                    "POST /invite",
                    "a [widget](../resources/widget.md) object",
                ),
            ),
        ]);
        let routes = routes(&api);
        assert_eq!(methods(&routes[0][0]), ["invite"]);
        assert_eq!(
            routes[0][0].steps[0].segment,
            Segment::Literal("invite".to_string())
        );
    }

    #[test]
    fn routes_name_the_methods_the_navigation_declares() {
        let api = api();
        let routes = routes(&api);
        let get = api
            .operations
            .iter()
            .position(|op| op.path == "/widgets/{id}")
            .expect("the get operation");
        let methods: Vec<&str> = routes[get][0]
            .steps
            .iter()
            .map(|s| s.method.as_str())
            .collect();
        assert_eq!(methods, ["widgets", "by_id", "get2"]);

        let declared: String = super::super::emit(&api)
            .into_iter()
            .map(|f| f.contents)
            .collect();
        for route in routes.iter().flatten() {
            for step in &route.steps {
                assert!(
                    declared.contains(&format!("pub fn {}(", step.method)),
                    "`{}` of {} is not declared",
                    step.method,
                    route.template
                );
            }
        }
    }
}
