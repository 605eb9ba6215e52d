//! Structs and enums for the types of the model.

use std::collections::{BTreeMap, BTreeSet};

use docgen_model::{field_name, unique_name, Api, Property, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use rayon::prelude::*;

use crate::areas::{area_modules, cfg, item_file, type_area, type_feature};
use crate::docs::{doc, doc_paragraphs};
use crate::ident::ident as ident_of;
use crate::objects::{object_struct, Field, Shape};
use crate::ty::{descendants, field_type, is_eq, polymorphic_name};
use crate::GeneratedFile;

/// The module of an item: its Rust name in snake case, with keywords
/// suffixed rather than raw, since the module is also a file name.
pub fn module_name(rust_name: &str) -> String {
    let name = field_name(rust_name);
    match name.strip_prefix("r#") {
        Some(raw) => format!("{raw}_"),
        None => name,
    }
}

/// `src/models/`: a folder per area, a file per type, formatted in
/// parallel.
pub fn emit(api: &Api) -> Vec<GeneratedFile> {
    let mut areas: BTreeMap<String, Vec<(String, TokenStream)>> = BTreeMap::new();
    let mut taken: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let placed: Vec<(String, String, &TypeDef)> = api
        .types
        .iter()
        .map(|def| {
            let area = type_area(def);
            let module = unique_name(
                module_name(&def.rust_name),
                taken.entry(area.clone()).or_default(),
            );
            areas
                .entry(area.clone())
                .or_default()
                .push((module.clone(), quote!()));
            (area, module, def)
        })
        .collect();

    let mut files = area_modules(
        "models",
        " Resources, complex types and enums: a folder per area, behind the area's feature, re-exported here.",
        &areas,
    );
    files.par_extend(placed.par_iter().map(|(area, module, def)| {
        let tokens = match def.kind {
            TypeKind::Enum => enum_type(def),
            TypeKind::Entity | TypeKind::Complex => {
                let mut tokens = struct_type(api, def);
                tokens.extend(polymorphic_type(api, def));
                tokens
            }
        };
        item_file("models", area, module, tokens)
    }));
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
    let own = type_area(def);

    let mut seen = BTreeSet::new();
    let properties: Vec<&Property> = api
        .all_properties(def)
        .into_iter()
        // `@odata.type` has a field of its own on every struct.
        .filter(|p| p.name != "@odata.type" && seen.insert(p.name.as_str()))
        .collect();

    let mut taken = BTreeSet::from([
        "odata_type".to_string(),
        "additional_properties".to_string(),
        "annotations".to_string(),
    ]);
    let fields: Vec<Field> = properties
        .iter()
        .map(|p| Field {
            ident: ident_of(&unique_name(p.rust_name.clone(), &mut taken)),
            json: p.name.clone(),
            ty: field_type(api, &p.ty, p.collection),
            docs: property_docs(p),
            // A field whose type lives in another area exists when that
            // area's feature is on.
            gate: cfg(&type_feature(api, &p.ty)
                .filter(|f| *f != own)
                .into_iter()
                .collect()),
        })
        .collect();

    let shape = Shape {
        ident: &ident,
        docs: type_docs(def),
        odata_type: true,
        open: def.open,
        eq: properties.iter().all(|p| is_eq(api, &p.ty)),
    };
    object_struct(&shape, &fields)
}

/// For a structure with derived types, an enum of it and them that
/// deserializes by `@odata.type`; values of an unknown or missing type are
/// read as the base.
///
/// ```text
/// pub enum DirectoryObjectKind { DirectoryObject(DirectoryObject), User(User), .. }
/// impl<'de> Deserialize<'de> for DirectoryObjectKind {
///     // "#microsoft.graph.user" => User, _ => DirectoryObject
/// }
/// ```
fn polymorphic_type(api: &Api, def: &TypeDef) -> Option<TokenStream> {
    let name = polymorphic_name(api, def)?;
    let ident = format_ident!("{name}");
    let base = format_ident!("{}", def.rust_name);
    let own = type_area(def);
    let derived = descendants(api, def);

    let gates: Vec<TokenStream> = derived
        .iter()
        .map(|d| {
            let f = type_area(d);
            cfg(&Some(f).filter(|f| *f != own).into_iter().collect())
        })
        .collect();
    let variants: Vec<_> = derived
        .iter()
        .map(|d| format_ident!("{}", d.rust_name))
        .collect();
    let odata_types: Vec<&str> = derived.iter().map(|d| d.name.as_str()).collect();
    let doc = doc(&format!(
        "`{}` or a type derived from it, chosen by `@odata.type` when it is read. A value of a type not listed here is read as `{}`.",
        def.name, def.rust_name
    ));

    Some(quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #base(#base),
            #(#gates #variants(crate::models::#variants),)*
        }

        impl Default for #ident {
            fn default() -> Self {
                #ident::#base(#base::default())
            }
        }

        impl From<#base> for #ident {
            fn from(value: #base) -> Self {
                #ident::#base(value)
            }
        }


        impl Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #ident::#base(value) => value.serialize(serializer),
                    #(#gates #ident::#variants(value) => value.serialize(serializer),)*
                }
            }
        }

        impl<'de> Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let odata_type = value
                    .get("@odata.type")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .trim_start_matches('#');
                let read = match odata_type {
                    #(#gates #odata_types => serde_json::from_value(value).map(#ident::#variants),)*
                    _ => serde_json::from_value(value).map(#ident::#base),
                };
                read.map_err(serde::de::Error::custom)
            }
        }
    })
}

/// An enum whose last variant keeps values the docs do not list, so that a
/// member added to the service later does not break deserialization.
///
/// ```text
/// pub enum RiskLevel { Low, High, Other(String) }
/// impl<'de> Deserialize<'de> for RiskLevel {
///     // "low" => Low, "high" => High, other => Other(other)
/// }
/// ```
fn enum_type(def: &TypeDef) -> TokenStream {
    let ident = format_ident!("{}", def.rust_name);
    let docs = type_docs(def);
    // A table that lists a member twice describes one member.
    let mut seen = BTreeSet::new();
    let members: Vec<_> = def
        .members
        .iter()
        .filter(|m| seen.insert(m.name.as_str()))
        .collect();
    let variants: Vec<_> = members
        .iter()
        .map(|m| format_ident!("{}", m.rust_name))
        .collect();
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    let member_docs = members.iter().map(|m| doc(&m.description));
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #ident {
            #(#member_docs #variants,)*
            /// A value the docs do not list.
            Other(String),
        }

        impl #ident {
            /// The value as the service writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#ident::#variants => #names,)*
                    #ident::Other(value) => value,
                }
            }
        }

        impl Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(match value.as_str() {
                    #(#names => #ident::#variants,)*
                    _ => #ident::Other(value),
                })
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
