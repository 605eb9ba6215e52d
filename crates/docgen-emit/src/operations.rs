//! One request builder per operation, with the query options and headers
//! its page documents, awaitable directly.

use std::collections::{BTreeMap, BTreeSet};

use docgen_model::{
    unique_name, Api, Operation, PermissionScheme, Primitive, Property, RequestBody, TypeRef,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rayon::prelude::*;

use crate::areas::{area_modules, cfg, item_file, operation_area, type_feature};
use crate::docs::{doc, doc_paragraphs};
use crate::ident::ident;
use crate::ident::ident as ident_of;
use crate::models::module_name;
use crate::objects::{object_struct, Field, Shape};
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
    let own = operation_area(op);
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
    all.insert(operation_area(op));
    all
}

/// `src/operations/`: a folder per area, a file per operation, formatted
/// in parallel.
pub fn emit(api: &Api) -> Vec<GeneratedFile> {
    let mut areas: BTreeMap<String, Vec<(String, TokenStream)>> = BTreeMap::new();
    let mut taken: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let placed: Vec<(String, String, &Operation)> = api
        .operations
        .iter()
        .map(|op| {
            let area = operation_area(op);
            let module = unique_name(
                module_name(&op.rust_name),
                taken.entry(area.clone()).or_default(),
            );
            // A builder whose types live in other areas compiles when their
            // features are on too.
            let gate = cfg(&extra_features(api, op));
            areas
                .entry(area.clone())
                .or_default()
                .push((module.clone(), gate));
            (area, module, op)
        })
        .collect();

    let mut files = area_modules(
        "operations",
        " Request builders, one per operation: a folder per area, behind the area's feature, re-exported here.",
        &areas,
    );
    files.par_extend(
        placed
            .par_iter()
            .map(|(area, module, op)| item_file("operations", area, module, builder(api, op))),
    );
    files
}

/// What a successful call returns, and how the runtime gets it.
pub(crate) enum Output {
    Json(TokenStream),
    Page(TokenStream),
    /// A primitive or enum, which OData wraps as `{"value": ...}`.
    Unwrapped(TokenStream),
    /// A body the service sends only on request; `None` when it sends none.
    Optional(TokenStream),
    /// A body the docs leave untyped: any JSON, or none.
    Value,
    Empty,
    /// Bytes: a stream, a `$value` or a file's content.
    Raw,
}

pub(crate) fn output(api: &Api, op: &Operation) -> Output {
    let raw_path = op.path.ends_with("/$value") || op.path.ends_with("/content");
    match &op.response.ty {
        _ if raw_path && op.method == "GET" => Output::Raw,
        Some(TypeRef::Primitive(Primitive::Stream)) => Output::Raw,
        Some(TypeRef::Json | TypeRef::Primitive(Primitive::Untyped)) if !op.response.collection => {
            Output::Value
        }
        Some(ty) if op.response.optional && !op.response.collection => {
            Output::Optional(body_type(api, ty, false))
        }
        Some(ty) if op.response.collection => Output::Page(body_type(api, ty, false)),
        Some(ty) if is_single_value(api, ty) => Output::Unwrapped(body_type(api, ty, false)),
        Some(ty) => Output::Json(body_type(api, ty, false)),
        None => Output::Empty,
    }
}

/// Whether OData returns a value of `ty` wrapped as `{"value": ...}`: a
/// primitive or an enum, as functions and properties return them.
fn is_single_value(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(_) => api
            .resolve(ty)
            .is_some_and(|d| d.kind == docgen_model::TypeKind::Enum),
        TypeRef::Json => false,
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
fn builder(api: &Api, op: &Operation) -> TokenStream {
    let builder_ident = format_ident!("{}", op.rust_name);
    let docs = operation_docs(op);
    let method = format_ident!("{}", op.method);
    let registry = const_name(op);

    let body_ty = body_param(api, op);
    let body_field = body_ty.as_ref().map(|ty| quote!(body: &'a #ty,));
    let body_arg = body_ty.as_ref().map(|ty| quote!(, body: &'a #ty));
    let body_init = body_ty.as_ref().map(|_| quote!(body,));
    let request = match &op.request_body {
        Some(RequestBody::Stream) => {
            quote!(Ok(self
                .request
                .body(self.body.to_vec(), "application/octet-stream")))
        }
        Some(_) => quote!(self.request.json(self.body)),
        None => quote!(Ok(self.request)),
    };

    let (output_ty, call, extra) = match output(api, op) {
        Output::Json(ty) => (ty, quote!(call), quote!()),
        Output::Empty => (quote!(()), quote!(call_empty), quote!()),
        Output::Unwrapped(ty) => (ty, quote!(call_unwrapped), quote!()),
        Output::Optional(ty) => (quote!(Option<#ty>), quote!(call_optional), quote!()),
        Output::Value => (quote!(serde_json::Value), quote!(call_value), quote!()),
        Output::Raw => (
            quote!(graph_runtime::RawResponse),
            quote!(call_raw),
            quote!(),
        ),
        Output::Page(item) => (
            quote!(graph_runtime::Page<#item>),
            quote!(call_page),
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

    quote! {
        #body_struct

        #docs
        #[must_use = "a request does nothing until it is sent or awaited"]
        #[derive(Debug)]
        pub struct #builder_ident<'a> {
            client: &'a graph_runtime::Client,
            request: graph_runtime::Request,
            #body_field
        }

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
            pub fn send(self) -> graph_runtime::BoxFuture<'a, Result<#output_ty, graph_runtime::Error>> {
                self.client.#call(#request)
            }

            #extra
        }

        impl<'a> std::future::IntoFuture for #builder_ident<'a> {
            type Output = Result<#output_ty, graph_runtime::Error>;
            type IntoFuture = graph_runtime::BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
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
    let ident = format_ident!("{rust_name}");
    let mut taken = BTreeSet::from(["annotations".to_string()]);
    let fields: Vec<Field> = parameters
        .iter()
        .map(|p| Field {
            ident: ident_of(&unique_name(p.rust_name.clone(), &mut taken)),
            json: p.name.clone(),
            ty: field_type(api, &p.ty, p.collection),
            docs: doc(&p.description),
            gate: quote!(),
        })
        .collect();
    let shape = Shape {
        ident: &ident,
        docs: doc(&format!("The parameters of `{}`.", op.rust_name)),
        odata_type: false,
        open: false,
        eq: parameters.iter().all(|p| is_eq(api, &p.ty)),
    };
    object_struct(&shape, &fields)
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
    let notes = &op.permission_notes;
    let source = format!("Documented at `{}`.", op.source);
    doc_paragraphs([
        op.summary.as_str(),
        op.description.as_str(),
        &request,
        &alternatives,
        &permissions,
        notes,
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
