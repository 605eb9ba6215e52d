//! Structs and enums for the types of the model, one file per area.

use std::collections::{BTreeMap, BTreeSet};

use docgen_model::{field_name, unique_name, Api, Property, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::docs::{doc, doc_paragraphs};
use crate::files::rust_file;
use crate::ty::{field_type, is_eq};
use crate::GeneratedFile;

/// The area module a type or operation lives in.
pub fn area_module(area: Option<&str>) -> String {
    match area {
        Some(a) if !a.trim().is_empty() => field_name(a).trim_start_matches("r#").to_string(),
        _ => "common".to_string(),
    }
}

/// `src/models/mod.rs` and one file per area.
pub fn emit(api: &Api) -> Vec<GeneratedFile> {
    let mut by_area: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
    for def in &api.types {
        by_area
            .entry(area_module(def.area.as_deref()))
            .or_default()
            .push(def);
    }

    let mut files = Vec::new();
    let modules: Vec<_> = by_area.keys().map(|a| format_ident!("{a}")).collect();
    files.push(rust_file(
        "src/models/mod.rs",
        quote! {
            //! Resources, complex types and enums, grouped by area and
            //! re-exported here.
            #(mod #modules; pub use #modules::*;)*
        },
    ));

    for (area, defs) in by_area {
        let items = defs.iter().map(|def| match def.kind {
            TypeKind::Enum => enum_type(def),
            TypeKind::Entity | TypeKind::Complex => struct_type(api, def),
        });
        files.push(rust_file(
            format!("src/models/{area}.rs"),
            quote! {
                #![allow(unused_imports)]
                use serde::{Deserialize, Serialize};
                #(#items)*
            },
        ));
    }
    files
}

/// A struct with every property of the type and its bases, all optional so
/// that partial objects (`$select`, PATCH bodies) are representable.
///
/// ```text
/// #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
/// pub struct User {
///     #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
///     pub odata_type: Option<String>,
///     #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
///     pub display_name: Option<String>,
/// }
/// ```
fn struct_type(api: &Api, def: &TypeDef) -> TokenStream {
    let ident = format_ident!("{}", def.rust_name);
    let docs = type_docs(def);

    let mut seen = BTreeSet::new();
    let properties: Vec<&Property> = api
        .all_properties(def)
        .into_iter()
        .filter(|p| seen.insert(p.name.as_str()))
        .collect();
    let eq = properties.iter().all(|p| is_eq(api, &p.ty));

    let mut taken = BTreeSet::from([
        "odata_type".to_string(),
        "additional_properties".to_string(),
    ]);
    let fields = properties.iter().map(|p| {
        let name = unique_name(p.rust_name.clone(), &mut taken);
        let ident =
            syn::parse_str::<syn::Ident>(&name).unwrap_or_else(|_| format_ident!("{}", name));
        let json = &p.name;
        let ty = field_type(api, &p.ty, p.collection);
        let docs = property_docs(p);
        quote! {
            #docs
            #[serde(rename = #json, default, skip_serializing_if = "Option::is_none")]
            pub #ident: Option<#ty>,
        }
    });

    let additional = def.open.then(|| {
        quote! {
            /// Properties the docs do not declare; this is an open type.
            #[serde(flatten)]
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }
    });
    let derives = if eq && !def.open {
        quote!(#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)])
    } else {
        quote!(#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)])
    };

    quote! {
        #docs
        #derives
        pub struct #ident {
            /// The OData type of the value, such as `#microsoft.graph.user`;
            /// needed when a derived type is sent where its base is expected.
            #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
            pub odata_type: Option<String>,
            #(#fields)*
            #additional
        }
    }
}

/// An enum whose last variant keeps values the docs do not list, so that a
/// member added to the service later does not break deserialization.
///
/// ```text
/// #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
/// pub enum RiskLevel {
///     #[serde(rename = "low")]
///     Low,
///     #[serde(untagged)]
///     Other(String),
/// }
/// ```
fn enum_type(def: &TypeDef) -> TokenStream {
    let ident = format_ident!("{}", def.rust_name);
    let docs = type_docs(def);
    let variants = def.members.iter().map(|m| {
        let variant = format_ident!("{}", m.rust_name);
        let json = &m.name;
        let docs = doc(&m.description);
        quote! {
            #docs
            #[serde(rename = #json)]
            #variant,
        }
    });
    let arms = def.members.iter().map(|m| {
        let variant = format_ident!("{}", m.rust_name);
        let json = &m.name;
        quote!(#ident::#variant => #json,)
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum #ident {
            #(#variants)*
            /// A value the docs do not list.
            #[serde(untagged)]
            Other(String),
        }

        impl #ident {
            /// The value as the service writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    #ident::Other(value) => value,
                }
            }
        }
    }
}

fn type_docs(def: &TypeDef) -> TokenStream {
    let sources: Vec<String> = def.sources.iter().map(|s| format!("`{s}`")).collect();
    let from = format!("`{}`, documented at {}.", def.name, sources.join(", "));
    doc_paragraphs([def.description.as_str(), &from])
}

fn property_docs(p: &Property) -> TokenStream {
    let context = p
        .context
        .as_ref()
        .map(|c| format!("Applies in the {c} context."))
        .unwrap_or_default();
    doc_paragraphs([p.description.as_str(), &context])
}
