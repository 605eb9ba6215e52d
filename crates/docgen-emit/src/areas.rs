//! Areas of the API as cargo features, and the folder layout shared by the
//! models and the operations: one folder per area, one file per item.

use std::collections::{BTreeMap, BTreeSet};

use docgen_model::{field_name, Api, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::files::rust_file;
use crate::GeneratedFile;

/// The feature, and module, of an area: `ms.prod` or `ms.subservice` in
/// snake case; items of pages without one are in `common`.
pub fn feature(area: Option<&str>) -> String {
    match area {
        Some(a) if !a.trim().is_empty() => field_name(a).trim_start_matches("r#").to_string(),
        _ => "common".to_string(),
    }
}

/// The feature of the type a reference names, if it names one.
pub fn type_feature(api: &Api, ty: &TypeRef) -> Option<String> {
    api.resolve(ty).map(|def| feature(def.area.as_deref()))
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

/// Every area feature of the API, sorted.
pub fn all_features(api: &Api) -> BTreeSet<String> {
    api.types
        .iter()
        .map(|t| feature(t.area.as_deref()))
        .chain(api.operations.iter().map(|o| feature(o.area.as_deref())))
        .collect()
}

/// One item of an area folder: its module name and its tokens.
pub struct Item {
    pub module: String,
    pub tokens: TokenStream,
}

/// `src/{root}/mod.rs`, which declares each area's folder behind its
/// feature and re-exports it, and `src/{root}/{area}/mod.rs`, which
/// declares one file per item.
pub fn area_folders(
    root: &str,
    summary: &str,
    preamble: TokenStream,
    items: BTreeMap<String, Vec<Item>>,
) -> Vec<GeneratedFile> {
    let areas: Vec<_> = items.keys().map(|a| format_ident!("{a}")).collect();
    let features: Vec<&String> = items.keys().collect();
    let mut files = vec![rust_file(
        format!("src/{root}/mod.rs"),
        quote! {
            #![doc = #summary]
            #(
                #[cfg(feature = #features)]
                mod #areas;
                #[cfg(feature = #features)]
                pub use #areas::*;
            )*
        },
    )];
    for (area, items) in items {
        let modules: Vec<_> = items
            .iter()
            .map(|i| format_ident!("{}", i.module))
            .collect();
        files.push(rust_file(
            format!("src/{root}/{area}/mod.rs"),
            quote! {
                #(mod #modules; pub use #modules::*;)*
            },
        ));
        for item in items {
            let tokens = item.tokens;
            files.push(rust_file(
                format!("src/{root}/{area}/{}.rs", item.module),
                quote! {
                    #preamble
                    #tokens
                },
            ));
        }
    }
    files
}
