//! Model type references to Rust types.

use docgen_model::{Api, Primitive, TypeDef, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust type of one value of `ty`.
pub fn value_type(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Primitive(p) => primitive(*p),
        TypeRef::Named(_) => match api.resolve(ty) {
            Some(def) => {
                let name = polymorphic_name(api, def).unwrap_or_else(|| def.rust_name.clone());
                let ident = format_ident!("{}", name);
                quote!(crate::models::#ident)
            }
            None => quote!(serde_json::Value),
        },
        TypeRef::Json => quote!(serde_json::Value),
    }
}

/// The Rust type of a property: a vector for a collection, and a box for a
/// single structure, since structures can contain themselves.
pub fn field_type(api: &Api, ty: &TypeRef, collection: bool) -> TokenStream {
    let item = value_type(api, ty);
    if collection {
        return quote!(Vec<#item>);
    }
    match api.resolve(ty) {
        Some(def) if def.kind != TypeKind::Enum => quote!(Box<#item>),
        _ => item,
    }
}

/// The Rust type of a request or response body.
pub fn body_type(api: &Api, ty: &TypeRef, collection: bool) -> TokenStream {
    let item = value_type(api, ty);
    if collection {
        quote!(Vec<#item>)
    } else {
        item
    }
}

fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::String => quote!(String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double | Primitive::Decimal => quote!(f64),
        Primitive::DateTimeOffset => quote!(graph_runtime::model::DateTimeOffset),
        Primitive::Date => quote!(graph_runtime::model::Date),
        Primitive::TimeOfDay => quote!(graph_runtime::model::TimeOfDay),
        Primitive::Duration => quote!(graph_runtime::model::Duration),
        Primitive::Guid => quote!(graph_runtime::model::Guid),
        Primitive::Binary => quote!(graph_runtime::model::Base64),
        Primitive::Stream | Primitive::Untyped => quote!(serde_json::Value),
    }
}

/// Every type derived from `def`, directly or not, sorted by name.
pub fn descendants<'a>(api: &'a Api, def: &TypeDef) -> Vec<&'a TypeDef> {
    let mut found: Vec<&TypeDef> = Vec::new();
    let mut queue: Vec<&str> = def.derived.iter().map(String::as_str).collect();
    while let Some(name) = queue.pop() {
        if let Some(d) = api.type_def(name) {
            if d.name != def.name && !found.iter().any(|f| f.name == d.name) {
                found.push(d);
                queue.extend(d.derived.iter().map(String::as_str));
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// The name of the enum that holds `def` or any type derived from it, for
/// a structure that has derived types: `DirectoryObjectKind`.
pub fn polymorphic_name(api: &Api, def: &TypeDef) -> Option<String> {
    if def.kind == TypeKind::Enum || descendants(api, def).is_empty() {
        return None;
    }
    let taken = |name: &str| api.types.iter().any(|t| t.rust_name == name);
    ["Kind", "Variant", "Any"]
        .iter()
        .map(|suffix| format!("{}{suffix}", def.rust_name))
        .find(|name| !taken(name))
}

/// Whether values of the type can be compared with `Eq` and hashed:
/// floating-point numbers and JSON values cannot.
pub fn is_eq(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => !matches!(
            p,
            Primitive::Single
                | Primitive::Double
                | Primitive::Decimal
                | Primitive::Stream
                | Primitive::Untyped
        ),
        TypeRef::Named(_) => api.resolve(ty).is_some_and(|d| d.kind == TypeKind::Enum),
        TypeRef::Json => false,
    }
}
