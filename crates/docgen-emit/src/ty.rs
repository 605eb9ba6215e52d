//! Model type references to Rust types.

use docgen_model::{Api, Primitive, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust type of one value of `ty`.
pub fn value_type(api: &Api, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Primitive(p) => primitive(*p),
        TypeRef::Named(_) => match api.resolve(ty) {
            Some(def) => {
                let ident = format_ident!("{}", def.rust_name);
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
