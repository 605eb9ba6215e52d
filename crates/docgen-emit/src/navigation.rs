//! Navigation that mirrors the URL: one struct per path prefix, one method
//! per next segment, and the operations at each prefix as methods.
//!
//! `GET /users/{id}/managedDevices` becomes
//! `client.users().by_id(id).managed_devices().list()`.

use std::collections::{BTreeMap, BTreeSet};

use docgen_model::{field_name, unique_name, Api, Operation, OperationKind};
use docgen_page::{Argument, PathSegment, PathTemplate};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rayon::prelude::*;

use crate::areas::{cfg, cfg_any, operation_area};
use crate::docs::doc;
use crate::files::rust_file;
use crate::ident::ident;
use crate::models::module_name;
use crate::operations::{body_param, features};
use crate::GeneratedFile;

mod names;
mod routes;

use names::{name_nodes, MethodNames, NODE_RESERVED, ROOT_RESERVED};

#[cfg(test)]
pub use routes::Step;
pub use routes::{routes, Route, Segment};

/// A path prefix.
#[derive(Default)]
struct Node {
    rust_name: String,
    /// The path template of the prefix, such as `/users/{id}`.
    pattern: String,
    /// Children by their lowercased segment, `{}` for a key, or the
    /// function's name for a call.
    children: BTreeMap<String, Child>,
    /// Operations reached at this prefix, by method name.
    methods: Vec<Call>,
    /// The areas of the operations at this prefix and below it: the
    /// prefix compiles when one of their features is on.
    areas: BTreeSet<String>,
}

struct Child {
    edge: Edge,
    node: Node,
}

#[derive(Clone)]
enum Edge {
    Literal(String),
    Key(Vec<String>),
    Call {
        name: String,
        arguments: Vec<Argument>,
    },
}

/// An operation as a method of a node.
struct Call {
    op: usize,
    /// The last segment, for actions and functions, which are methods of
    /// the prefix before them.
    segment: Option<Edge>,
    /// Another method of the node reaches the same function with other
    /// parameters: `f(period='{p}')` and `f(date={d})`.
    overload: bool,
}

/// `src/paths/`: `mod.rs` with the root methods on `GraphClient`, a folder
/// per first segment whose `mod.rs` holds the first two prefixes
/// (`/users`, `/users/{id}`), and a file per subtree below them.
pub fn emit(api: &Api) -> Vec<GeneratedFile> {
    let root = build_tree(api);
    let mut files = Vec::new();
    let mut modules = Vec::new();
    let mut root_methods = Vec::new();
    let names = MethodNames::of(api, &root, ROOT_RESERVED);
    let mut folders = BTreeSet::new();

    let mut placed = Vec::new();
    for (child, name) in root.children.values().zip(&names.children) {
        let folder = unique_name(module_name(&child.node.rust_name), &mut folders);
        modules.push(format_ident!("{folder}"));
        root_methods.push(edge_method(&child.edge, &child.node, Parent::Root, name));
        placed.push((folder, &child.node));
    }
    for (call, name) in root.methods.iter().zip(&names.operations) {
        root_methods.push(operation_method(api, call, Parent::Root, name));
    }
    files.par_extend(
        placed
            .par_iter()
            .flat_map_iter(|(folder, node)| first_segment_files(api, folder, node)),
    );

    files.push(rust_file(
        "src/paths/mod.rs",
        quote! {
            //! Navigation: a struct per URL prefix, re-exported here.
            // A subtree whose areas are all off exports nothing.
            #(mod #modules; #[allow(unused_imports)] pub use #modules::*;)*

            impl crate::GraphClient {
                #(#root_methods)*
            }
        },
    ));
    files
}

/// The files of one first segment's folder.
fn first_segment_files(api: &Api, folder: &str, node: &Node) -> Vec<GeneratedFile> {
    // The first prefix and, when it is a collection, its item.
    let mut top = vec![node];
    if let Some(item) = node.children.get("{}") {
        top.push(&item.node);
    }
    let mut items: Vec<TokenStream> = top.iter().map(|n| node_struct(api, n)).collect();

    let mut files = Vec::new();
    let mut modules = Vec::new();
    let mut taken = BTreeSet::from(["mod".to_string()]);
    for parent in &top {
        for (key, child) in &parent.children {
            if std::ptr::eq(*parent, node) && key == "{}" {
                continue;
            }
            let module = unique_name(module_name(&child.node.rust_name), &mut taken);
            let mut subtree = Vec::new();
            collect_structs(api, &child.node, &mut subtree);
            files.push(rust_file(
                format!("src/paths/{folder}/{module}.rs"),
                quote!(#(#subtree)*),
            ));
            modules.push(format_ident!("{module}"));
        }
    }
    items.insert(
        0,
        quote!(#(mod #modules; #[allow(unused_imports)] pub use #modules::*;)*),
    );
    files.push(rust_file(
        format!("src/paths/{folder}/mod.rs"),
        quote!(#(#items)*),
    ));
    files
}

fn build_tree(api: &Api) -> Node {
    let mut root = Node::default();
    for (index, op) in api.operations.iter().enumerate() {
        let mut templates = vec![op.template.clone()];
        templates.extend(op.alternative_paths.iter().map(|p| PathTemplate::parse(p)));
        for template in templates {
            insert(&mut root, index, op, &template);
        }
    }
    name_nodes(&mut root, "", "", &mut BTreeSet::new());
    collect_areas(api, &mut root);
    root
}

fn insert(root: &mut Node, index: usize, op: &Operation, template: &PathTemplate) {
    let mut segments: Vec<Edge> = template.segments.iter().map(edge).collect();
    let last = match op.kind {
        OperationKind::Action | OperationKind::Function if !segments.is_empty() => segments.pop(),
        _ => None,
    };
    if segments.is_empty() && last.is_none() {
        return;
    }
    let mut node = root;
    for segment in segments {
        node = &mut node
            .children
            .entry(edge_key(&segment))
            .or_insert_with(|| Child {
                edge: segment,
                node: Node::default(),
            })
            .node;
    }
    // The same operation reached twice at one prefix (a primary path and an
    // alternative that differ only in the key's name) is one method; a
    // function the page documents with other parameters is another.
    let signature = parameters(last.as_ref());
    let mut same_op = node.methods.iter().filter(|m| m.op == index);
    if !same_op
        .clone()
        .any(|m| parameters(m.segment.as_ref()) == signature)
    {
        let overload = same_op.next().is_some();
        node.methods.push(Call {
            op: index,
            segment: last,
            overload,
        });
    }
}

/// The arguments a segment takes from the caller, by name, lowercased:
/// what tells the overloads of a function apart.
fn parameters(segment: Option<&Edge>) -> Vec<String> {
    match segment {
        Some(Edge::Call { arguments, .. }) => arguments
            .iter()
            .filter(|a| a.parameter.is_some())
            .filter_map(|a| a.name.as_deref().or(a.parameter.as_deref()))
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn edge(segment: &PathSegment) -> Edge {
    match segment {
        PathSegment::Literal { value } => Edge::Literal(value.clone()),
        PathSegment::Parameter { names } => Edge::Key(names.clone()),
        PathSegment::Call { name, arguments } => Edge::Call {
            name: name.clone(),
            arguments: arguments.clone(),
        },
    }
}

/// A child's key: a function's overloads (`image(width)`,
/// `image(width,height)`) are children of their own.
fn edge_key(edge: &Edge) -> String {
    match edge {
        Edge::Literal(s) => s.to_ascii_lowercase(),
        Edge::Key(_) => "{}".to_string(),
        Edge::Call { name, .. } => format!(
            "{}({})",
            name.to_ascii_lowercase(),
            parameters(Some(edge)).join(",")
        ),
    }
}

fn collect_areas(api: &Api, node: &mut Node) {
    let mut areas: BTreeSet<String> = node
        .methods
        .iter()
        .map(|call| operation_area(&api.operations[call.op]))
        .collect();
    for child in node.children.values_mut() {
        collect_areas(api, &mut child.node);
        areas.extend(child.node.areas.iter().cloned());
    }
    node.areas = areas;
}

fn collect_structs(api: &Api, node: &Node, items: &mut Vec<TokenStream>) {
    items.push(node_struct(api, node));
    for child in node.children.values() {
        collect_structs(api, &child.node, items);
    }
}

/// ```text
/// pub struct UsersItem<'a> { client: &'a graph_runtime::Client, path: String }
/// impl<'a> UsersItem<'a> {
///     pub fn managed_devices(&self) -> UsersItemManagedDevices<'a> { .. }
///     pub fn get(&self) -> crate::operations::GetUser<'a> { .. }
/// }
/// ```
fn node_struct(api: &Api, node: &Node) -> TokenStream {
    let ident = format_ident!("{}", node.rust_name);
    let names = MethodNames::of(api, node, NODE_RESERVED);
    let children: Vec<TokenStream> = node
        .children
        .values()
        .zip(&names.children)
        .map(|(c, name)| edge_method(&c.edge, &c.node, Parent::Node, name))
        .collect();
    let methods: Vec<TokenStream> = node
        .methods
        .iter()
        .zip(&names.operations)
        .map(|(call, name)| operation_method(api, call, Parent::Node, name))
        .collect();
    let doc = doc(&format!("The URL prefix `{}`.", node.pattern));
    let gate = cfg_any(&node.areas);
    quote! {
        #doc
        #gate
        #[derive(Clone, Debug)]
        pub struct #ident<'a> {
            pub(crate) client: &'a graph_runtime::Client,
            pub(crate) path: String,
        }

        #gate
        impl<'a> #ident<'a> {
            /// The path this prefix stands for, percent-encoded.
            pub fn path(&self) -> &str {
                &self.path
            }

            /// The runtime client, for requests at this prefix that the
            /// docs do not describe.
            pub fn client(&self) -> &'a graph_runtime::Client {
                self.client
            }

            #(#children)*
            #(#methods)*
        }
    }
}

/// Where a step starts: the `GraphClient`, which owns the runtime client,
/// or a node, which borrows it for `'a` and hands it on, so that a child
/// outlives its parent.
#[derive(Clone, Copy)]
enum Parent {
    Root,
    Node,
}

impl Parent {
    fn lifetime(self) -> syn::Lifetime {
        let name = match self {
            Parent::Root => "'_",
            Parent::Node => "'a",
        };
        syn::Lifetime::new(name, proc_macro2::Span::call_site())
    }

    fn client(self) -> TokenStream {
        match self {
            Parent::Root => quote!(&self.client),
            Parent::Node => quote!(self.client),
        }
    }

    fn path(self) -> TokenStream {
        match self {
            Parent::Root => quote!(""),
            Parent::Node => quote!(self.path),
        }
    }
}

/// The method that steps to a child: a literal segment, a key, or a
/// function call in the middle of a path.
///
/// ```text
/// pub fn by_id(&self, id: &str) -> UsersItem<'a> {
///     UsersItem { client: self.client, path: format!("{}/{}", self.path, encode_path_segment(id)) }
/// }
/// ```
fn edge_method(edge: &Edge, child: &Node, parent: Parent, name: &str) -> TokenStream {
    let target = format_ident!("{}", child.rust_name);
    let lifetime = parent.lifetime();
    let client = parent.client();
    let base = parent.path();
    let (doc, params, path) = match edge {
        Edge::Literal(segment) => {
            let path = match parent {
                Parent::Root => {
                    let path = format!("/{segment}");
                    quote!(String::from(#path))
                }
                Parent::Node => quote!(format!("{}/{}", #base, #segment)),
            };
            (format!("`/{segment}`"), Vec::new(), path)
        }
        Edge::Key(names) => {
            let param = ident("id");
            let path = quote!(format!("{}/{}", #base, graph_runtime::encode_path_segment(#param)));
            (
                format!("The item with this key (`{}`).", names.join("` or `")),
                vec![param],
                path,
            )
        }
        Edge::Call { name, arguments } => {
            let (params, path) = call_path(name, arguments, &base);
            (format!("The function `{name}`."), params, path)
        }
    };
    let method = ident(name);
    let doc = crate::docs::doc(&doc);
    let gate = cfg_any(&child.areas);
    quote! {
        #doc
        #gate
        pub fn #method(&self #(, #params: &str)*) -> #target<#lifetime> {
            #target { client: #client, path: #path }
        }
    }
}

/// Parameters and path expression of a function segment:
/// `range(address='{address}')` → `address: &str` and
/// `format!("{}/range(address={})", base, odata_string_literal(address))`.
fn call_path(
    name: &str,
    arguments: &[Argument],
    base: &TokenStream,
) -> (Vec<syn::Ident>, TokenStream) {
    let mut params = Vec::new();
    let mut pieces = Vec::new();
    let mut values = Vec::new();
    let mut taken = BTreeSet::new();
    for a in arguments {
        let prefix = a.name.as_ref().map(|n| format!("{n}=")).unwrap_or_default();
        match &a.parameter {
            Some(p) => {
                let param = ident(&unique_name(field_name(p), &mut taken));
                values.push(if a.is_quoted() {
                    quote!(graph_runtime::odata_string_literal(#param))
                } else {
                    quote!(graph_runtime::encode_path_segment(#param))
                });
                // An enum literal keeps its type before the quotes.
                let type_prefix = a.type_prefix().replace('{', "{{").replace('}', "}}");
                pieces.push(format!("{prefix}{type_prefix}{{}}"));
                params.push(param);
            }
            None => pieces.push(format!(
                "{prefix}{}",
                a.value.replace('{', "{{").replace('}', "}}")
            )),
        }
    }
    let format = format!(
        "{{}}/{}({})",
        name.replace('{', "{{").replace('}', "}}"),
        pieces.join(",")
    );
    (params, quote!(format!(#format, #base #(, #values)*)))
}

/// The method that calls an operation at a node.
///
/// At the root (`POST /invitations`, an action with no prefix before it) the
/// method is on `GraphClient` and borrows it.
fn operation_method(api: &Api, call: &Call, parent: Parent, name: &str) -> TokenStream {
    let op = &api.operations[call.op];
    let builder = format_ident!("{}", op.rust_name);
    let summary = doc(&op.summary);
    let gate = cfg(&features(api, op));
    let base = parent.path();
    let client = parent.client();

    let (params, path) = match &call.segment {
        Some(Edge::Literal(segment)) => (Vec::new(), quote!(format!("{}/{}", #base, #segment))),
        Some(Edge::Call { name, arguments }) => call_path(name, arguments, &base),
        Some(Edge::Key(_)) | None => (Vec::new(), quote!(#base.to_string())),
    };
    let (generics, receiver) = match parent {
        Parent::Root => (quote!(<'a>), quote!(&'a self)),
        Parent::Node => (quote!(), quote!(&self)),
    };
    let method = ident(name);

    let body = body_param(api, op);
    let (body_arg, body_pass) = match &body {
        Some(ty) => (quote!(, body: &'a #ty), quote!(, body)),
        None => (quote!(), quote!()),
    };
    quote! {
        #summary
        #gate
        pub fn #method #generics(#receiver #(, #params: &str)* #body_arg) -> crate::operations::#builder<'a> {
            crate::operations::#builder::new(#client, #path #body_pass)
        }
    }
}
