//! Areas of the API as cargo features, and the folder layout shared by the
//! models and the operations: one folder per area, one file per item.

use std::collections::{BTreeMap, BTreeSet};

use docgen_model::{field_name, Api, Operation, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::files::rust_file;
use crate::GeneratedFile;

/// The feature, and module, of an item from page `file` in `area`
/// (`ms.subservice` or `ms.prod`), in snake case; items of pages without
/// an area are in `common`.
///
/// Some areas group their pages further by file name: the Intune pages are
/// `intune-<workload>-<type>-<operation>.md`, 2,700 operations in one
/// `ms.prod`. There the workload is part of the feature
/// (`intune_deviceconfig`), so that one workload compiles alone.
pub fn feature(area: Option<&str>, file: &str) -> String {
    let Some(area) = area.map(str::trim).filter(|a| !a.is_empty()) else {
        return "common".to_string();
    };
    let stem = file.rsplit('/').next().unwrap_or(file).to_ascii_lowercase();
    let prefix = area.to_ascii_lowercase();
    let workload = stem
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_prefix(['-', '_']))
        .and_then(|rest| rest.split(['-', '_']).next())
        .filter(|w| !w.is_empty() && !w.ends_with(".md"));
    let name = match workload {
        Some(w) => format!("{area} {w}"),
        None => area.to_string(),
    };
    field_name(&name).trim_start_matches("r#").to_string()
}

/// The feature of a type.
pub fn type_area(def: &TypeDef) -> String {
    let file = def
        .sources
        .first()
        .map(|s| s.file.as_str())
        .unwrap_or_default();
    feature(def.area.as_deref(), file)
}

/// The feature of an operation.
pub fn operation_area(op: &Operation) -> String {
    feature(op.area.as_deref(), &op.source.file)
}

/// The feature of the type a reference names, if it names one.
pub fn type_feature(api: &Api, ty: &TypeRef) -> Option<String> {
    api.resolve(ty).map(type_area)
}

/// `#[cfg(feature = "a")]`, or `#[cfg(all(...))]` for several; nothing for
/// none.
pub fn cfg(features: &BTreeSet<String>) -> TokenStream {
    match features.len() {
        0 => quote!(),
        1 => {
            let f = features.iter().next();
            quote!(#[cfg(feature = #f)])
        }
        _ => {
            let fs = features.iter();
            quote!(#[cfg(all(#(feature = #fs),*))])
        }
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(...))]` for several: for items
/// that any of the features needs.
pub fn cfg_any(features: &BTreeSet<String>) -> TokenStream {
    match features.len() {
        0 => quote!(),
        1 => cfg(features),
        _ => {
            let fs = features.iter();
            quote!(#[cfg(any(#(feature = #fs),*))])
        }
    }
}

/// Every area feature of the API, sorted.
pub fn all_features(api: &Api) -> BTreeSet<String> {
    api.types
        .iter()
        .map(type_area)
        .chain(api.operations.iter().map(operation_area))
        .collect()
}

/// The preamble of every item file: the imports its derives use.
fn preamble() -> TokenStream {
    quote! {
        #![allow(unused_imports)]
        use serde::{Deserialize, Serialize};
    }
}

/// `src/{root}/{area}/{module}.rs` holding `tokens`.
pub fn item_file(root: &str, area: &str, module: &str, tokens: TokenStream) -> GeneratedFile {
    let preamble = preamble();
    rust_file(
        format!("src/{root}/{area}/{module}.rs"),
        quote! {
            #preamble
            #tokens
        },
    )
}

/// `src/{root}/mod.rs`, which declares each area's folder behind its
/// feature and re-exports it, and `src/{root}/{area}/mod.rs`, which
/// declares one file per item, each behind the `#[cfg]` given with it (the
/// features of other areas that the item needs).
pub fn area_modules(
    root: &str,
    summary: &str,
    areas: &BTreeMap<String, Vec<(String, TokenStream)>>,
) -> Vec<GeneratedFile> {
    let idents: Vec<_> = areas.keys().map(|a| format_ident!("{a}")).collect();
    let features: Vec<&String> = areas.keys().collect();
    let mut files = vec![rust_file(
        format!("src/{root}/mod.rs"),
        quote! {
            #![doc = #summary]
            #(
                #[cfg(feature = #features)]
                mod #idents;
                #[cfg(feature = #features)]
                pub use #idents::*;
            )*
        },
    )];
    for (area, modules) in areas {
        let gates: Vec<&TokenStream> = modules.iter().map(|(_, gate)| gate).collect();
        let modules: Vec<_> = modules.iter().map(|(m, _)| format_ident!("{m}")).collect();
        files.push(rust_file(
            format!("src/{root}/{area}/mod.rs"),
            // A file whose items all need another area's feature exports
            // nothing without it; its re-export is then unused, by design.
            quote! {
                #(
                    #gates mod #modules;
                    #gates #[allow(unused_imports)] pub use #modules::*;
                )*
            },
        ));
    }
    files
}
