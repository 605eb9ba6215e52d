//! One request builder per operation, with the query options and headers
//! its page documents, awaitable directly.

use std::collections::{BTreeMap, BTreeSet};

use docgen_model::{unique_name, Api, Operation, PermissionScheme, Property, RequestBody};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::areas::{area_folders, cfg, feature, type_feature, Item};
use crate::docs::{doc, doc_paragraphs};
use crate::ident::ident;
use crate::models::module_name;
use crate::registry::const_name;
use crate::ty::{body_type, field_type, is_eq};
use crate::GeneratedFile;

/// Headers the runtime sets itself; the docs list them, callers never need to.
const RUNTIME_HEADERS: &[&str] = &["authorization", "content-type", "content-length", "accept"];

/// The Rust type of the operation's body argument, if it takes one.
pub fn body_param(api: &Api, op: &Operation) -> Option<TokenStream> {
    match op.request_body.as_ref()? {
        RequestBody::Type { ty, collection } => Some(body_type(api, ty, *collection)),
        RequestBody::Parameters { rust_name, .. } => {
            let ident = format_ident!("{rust_name}");
            Some(quote!(crate::operations::#ident))
        }
        RequestBody::Stream => Some(quote!([u8])),
    }
}

/// The features an operation needs beyond its own area's: those of the
/// types it takes and returns.
pub fn extra_features(api: &Api, op: &Operation) -> BTreeSet<String> {
    let own = feature(op.area.as_deref());
    let mut types = Vec::new();
    match &op.request_body {
        Some(RequestBody::Type { ty, .. }) => types.push(ty),
        Some(RequestBody::Parameters { parameters, .. }) => {
            types.extend(parameters.iter().map(|p| &p.ty))
        }
        _ => {}
    }
    types.extend(op.response.ty.as_ref());
    types
        .into_iter()
        .filter_map(|ty| type_feature(api, ty))
        .filter(|f| *f != own)
        .collect()
}

/// Every feature an operation needs, its own area's included.
pub fn features(api: &Api, op: &Operation) -> BTreeSet<String> {
    let mut all = extra_features(api, op);
    all.insert(feature(op.area.as_deref()));
    all
}

/// `src/operations/`: a folder per area, a file per operation.
pub fn emit(api: &Api) -> Vec<GeneratedFile> {
    let mut by_area: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut taken: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &api.operations {
        let area = feature(op.area.as_deref());
        let module = unique_name(
            module_name(&op.rust_name),
            taken.entry(area.clone()).or_default(),
        );
        let gate = cfg(&extra_features(api, op));
        let tokens = builder(api, op, &gate);
        by_area
            .entry(area)
            .or_default()
            .push(Item { module, tokens });
    }
    area_folders(
        "operations",
        " Request builders, one per operation: a folder per area, behind the area's feature, re-exported here.",
        quote! {
            #![allow(unused_imports)]
            use serde::{Deserialize, Serialize};
        },
        by_area,
    )
}

/// What a successful call returns, and how the runtime gets it.
pub(crate) enum Output {
    Json(TokenStream),
    Page(TokenStream),
    Empty,
    Raw,
}

pub(crate) fn output(api: &Api, op: &Operation) -> Output {
    let raw_path = op.path.ends_with("/$value") || op.path.ends_with("/content");
    match &op.response.ty {
        _ if raw_path && op.method == "GET" => Output::Raw,
        Some(ty) if op.response.collection => Output::Page(body_type(api, ty, false)),
        Some(ty) => Output::Json(body_type(api, ty, false)),
        None => Output::Empty,
    }
}

/// ```text
/// #[must_use = "a request does nothing until it is awaited"]
/// pub struct CreateUser<'a> { client: &'a Client, request: Request, body: &'a User }
/// impl<'a> CreateUser<'a> {
///     pub const INFO: &'static OperationInfo = &crate::registry::CREATE_USER;
///     pub async fn send(self) -> Result<User, Error> { .. }
/// }
/// impl<'a> IntoFuture for CreateUser<'a> { .. }
/// ```
fn builder(api: &Api, op: &Operation, gate: &TokenStream) -> TokenStream {
    let builder_ident = format_ident!("{}", op.rust_name);
    let docs = operation_docs(op);
    let method = format_ident!("{}", op.method);
    let registry = const_name(op);

    let body_ty = body_param(api, op);
    let body_field = body_ty.as_ref().map(|ty| quote!(body: &'a #ty,));
    let body_arg = body_ty.as_ref().map(|ty| quote!(, body: &'a #ty));
    let body_init = body_ty.as_ref().map(|_| quote!(body,));
    let attach_body = match &op.request_body {
        Some(RequestBody::Stream) => {
            quote!(let request = self.request.body(self.body.to_vec(), "application/octet-stream");)
        }
        Some(_) => quote!(let request = self.request.json(self.body)?;),
        None => quote!(let request = self.request;),
    };

    let (output_ty, call, extra) = match output(api, op) {
        Output::Json(ty) => (ty, quote!(self.client.send(request).await), quote!()),
        Output::Empty => (
            quote!(()),
            quote!(self.client.send_empty(request).await),
            quote!(),
        ),
        Output::Raw => (
            quote!(graph_runtime::RawResponse),
            quote!(self.client.send_raw(request).await),
            quote!(),
        ),
        Output::Page(item) => (
            quote!(graph_runtime::Page<#item>),
            quote!(self.client.page(request).await),
            quote! {
                /// Every item across all pages, following `@odata.nextLink`.
                pub fn stream(self) -> impl graph_runtime::futures::Stream<Item = Result<#item, graph_runtime::Error>> + Send + 'static {
                    self.client.stream(self.request)
                }
            },
        ),
    };

    let mut taken = BTreeSet::from(["send", "stream", "new", "request"].map(String::from));
    let query: Vec<TokenStream> = op
        .query
        .iter()
        .map(|q| query_method(&q.name, &q.rust_name, &mut taken))
        .collect();
    let headers = op
        .headers
        .iter()
        .filter(|h| !RUNTIME_HEADERS.contains(&h.name.to_ascii_lowercase().as_str()))
        .map(|h| {
            let name = unique_name(h.rust_name.clone(), &mut taken);
            let method = ident(&name);
            let header = &h.name;
            let doc = doc_paragraphs([
                format!("Sets the `{header}` header.").as_str(),
                &h.description,
            ]);
            quote! {
                #doc
                pub fn #method(mut self, value: &str) -> Self {
                    self.request = self.request.header(#header, value);
                    self
                }
            }
        })
        .collect::<Vec<_>>();

    let body_struct = match &op.request_body {
        Some(RequestBody::Parameters {
            rust_name,
            parameters,
        }) => Some(parameters_struct(api, op, rust_name, parameters)),
        _ => None,
    };

    let body_struct = body_struct.map(|tokens| quote!(#gate #tokens));
    quote! {
        #body_struct

        #docs
        #gate
        #[must_use = "a request does nothing until it is sent or awaited"]
        #[derive(Debug)]
        pub struct #builder_ident<'a> {
            client: &'a graph_runtime::Client,
            request: graph_runtime::Request,
            #body_field
        }

        #gate
        impl<'a> #builder_ident<'a> {
            /// What the docs say about this operation: method, path and
            /// permissions.
            pub const INFO: &'static graph_runtime::permissions::OperationInfo = &crate::registry::#registry;

            pub(crate) fn new(client: &'a graph_runtime::Client, path: String #body_arg) -> Self {
                #builder_ident {
                    client,
                    request: graph_runtime::Request::new(graph_runtime::Method::#method, path),
                    #body_init
                }
            }

            /// The request as it will be sent, without the body.
            pub fn request(&self) -> &graph_runtime::Request {
                &self.request
            }

            #(#query)*
            #(#headers)*

            /// Sends the request.
            pub async fn send(self) -> Result<#output_ty, graph_runtime::Error> {
                #attach_body
                #call
            }

            #extra
        }

        #gate
        impl<'a> std::future::IntoFuture for #builder_ident<'a> {
            type Output = Result<#output_ty, graph_runtime::Error>;
            type IntoFuture = graph_runtime::BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

/// A method for one query option, typed by what the option takes.
fn query_method(name: &str, rust_name: &str, taken: &mut BTreeSet<String>) -> TokenStream {
    let method = ident(&unique_name(rust_name.to_string(), taken));
    let doc = doc(&format!("Sets the `{name}` query option."));
    match name.to_ascii_lowercase().as_str() {
        "$select" | "$expand" | "$orderby" => quote! {
            #doc
            pub fn #method(mut self, items: &[&str]) -> Self {
                self.request = self.request.query(#name, items.join(","));
                self
            }
        },
        "$top" | "$skip" => quote! {
            #doc
            pub fn #method(mut self, n: u32) -> Self {
                self.request = self.request.query(#name, n);
                self
            }
        },
        "$count" => quote! {
            #doc
            pub fn #method(mut self, count: bool) -> Self {
                self.request = self.request.query(#name, count);
                self
            }
        },
        _ => quote! {
            #doc
            pub fn #method(mut self, value: impl std::fmt::Display) -> Self {
                self.request = self.request.query(#name, value);
                self
            }
        },
    }
}

/// The body of an action: a struct of its parameters.
fn parameters_struct(
    api: &Api,
    op: &Operation,
    rust_name: &str,
    parameters: &[Property],
) -> TokenStream {
    let struct_ident = format_ident!("{rust_name}");
    let eq = parameters.iter().all(|p| is_eq(api, &p.ty));
    let derives = if eq {
        quote!(#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)])
    } else {
        quote!(#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)])
    };
    let mut taken = BTreeSet::new();
    let fields = parameters.iter().map(|p| {
        let field = ident(&unique_name(p.rust_name.clone(), &mut taken));
        let json = &p.name;
        let ty = field_type(api, &p.ty, p.collection);
        let docs = doc(&p.description);
        quote! {
            #docs
            #[serde(rename = #json, default, skip_serializing_if = "Option::is_none")]
            pub #field: Option<#ty>,
        }
    });
    let doc = doc(&format!("The parameters of `{}`.", op.rust_name));
    quote! {
        #doc
        #derives
        pub struct #struct_ident {
            #(#fields)*
        }
    }
}

fn operation_docs(op: &Operation) -> TokenStream {
    let request = format!("`{} {}`", op.method, op.path);
    let alternatives = if op.alternative_paths.is_empty() {
        String::new()
    } else {
        format!(
            "Also reached as {}.",
            op.alternative_paths
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let permissions = permissions_doc(op);
    let source = format!("Documented at `{}`.", op.source);
    doc_paragraphs([
        op.summary.as_str(),
        op.description.as_str(),
        &request,
        &alternatives,
        &permissions,
        &source,
    ])
}

/// A list of the permissions, for the builder's rustdoc.
fn permissions_doc(op: &Operation) -> String {
    if op.permissions.is_empty() {
        return String::new();
    }
    let mut lines = vec!["# Permissions".to_string(), String::new()];
    for p in &op.permissions {
        let scheme = match p.scheme {
            PermissionScheme::DelegatedWork => "Delegated (work or school account)",
            PermissionScheme::DelegatedPersonal => "Delegated (personal Microsoft account)",
            PermissionScheme::Application => "Application",
        };
        let context = p
            .context
            .as_ref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        let scopes = if p.scopes.is_empty() {
            "not supported".to_string()
        } else {
            p.scopes
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        lines.push(format!("- {scheme}{context}: {scopes}"));
    }
    lines.join("\n")
}
