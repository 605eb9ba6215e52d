//! A check of every documented example, written into the client crate as
//! the test `tests/examples/`: a file per area with a case per example, run
//! by the `example-harness` crate (a dev-dependency).
//!
//! Each case checks that the example's request body round-trips through the
//! body type, that its response body deserializes into the response type,
//! and that the client's navigation, called with the path parameters of
//! the example's URL, sends the documented request to a local server and
//! decodes the documented answer. See the harness crate for the steps.

mod case;
mod url;

use std::collections::BTreeMap;
use std::path::Path;

use docgen_model::Api;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::areas::operation_area;
use crate::files::rust_file;
use crate::models::module_name;
use crate::navigation::routes;
use crate::{CrateOptions, GeneratedFile};

/// Adds the example check to `files` when `options` asks for it: the
/// harness as a dev-dependency of the manifest, and `tests/examples/`.
pub fn emit(api: &Api, options: &CrateOptions, files: &mut Vec<GeneratedFile>) {
    let Some(harness) = &options.example_harness_path else {
        return;
    };
    if let Some(manifest) = files.iter_mut().find(|f| f.path == Path::new("Cargo.toml")) {
        manifest.contents.push_str(&format!(
            "\n# Checks the client against the docs' examples: `tests/examples/`.\n\
             [dev-dependencies]\nexample-harness = {{ path = \"{harness}\" }}\n"
        ));
    }

    let routes = routes(api);
    let mut by_area: BTreeMap<String, Vec<case::CaseTokens>> = BTreeMap::new();
    for (op, routes) in api.operations.iter().zip(&routes) {
        let area = operation_area(op);
        let prefix = module_name(&op.rust_name);
        for (i, example) in op.examples.iter().enumerate() {
            let number = i + 1;
            let check = format!("{prefix}_{number}");
            if let Some(tokens) = case::case(api, op, routes, example, number, &check) {
                by_area.entry(area.clone()).or_default().push(tokens);
            }
        }
    }

    files.push(main_rs(options, by_area.keys()));
    for (area, cases) in by_area {
        files.push(area_rs(options, &area, cases));
    }
}

/// `tests/examples/main.rs`: one `#[test]` that runs every area's cases.
///
/// ```text
/// use graph_client::{models, operations};
/// mod intune;
/// #[test]
/// fn documented_examples() {
///     let mut cases = Vec::new();
///     cases.extend_from_slice(intune::CASES);
///     example_harness::run(cases, example_harness::Floors::ALL);
/// }
/// ```
fn main_rs<'a>(options: &CrateOptions, areas: impl Iterator<Item = &'a String>) -> GeneratedFile {
    let lib = format_ident!("{}", options.name.replace('-', "_"));
    let areas: Vec<_> = areas.map(|a| format_ident!("{a}")).collect();
    rust_file(
        "tests/examples/main.rs",
        quote! {
            //! Every request and response example of the docs, checked against
            //! the client: bodies against its types, calls against a local
            //! server. Run with `--features full`; set `DOCGEN_EXAMPLES_REPORT`
            //! to a folder for a JSON and a Markdown report, and
            //! `DOCGEN_EXAMPLES_FLOORS` (`request=0.9,call=0.5`) to lower the
            //! pass rates the test demands.

            // The cases name types as the client's own modules do
            // (`crate::models::User`); these make such paths resolve here.
            #[allow(unused_imports)]
            use #lib::{models, operations};

            #(
                #[rustfmt::skip]
                mod #areas;
            )*

            #[test]
            fn documented_examples() {
                let mut cases = Vec::new();
                #(cases.extend_from_slice(#areas::CASES);)*
                example_harness::run(cases, example_harness::Floors::ALL);
            }
        },
    )
}

/// `tests/examples/{area}.rs`: the table of the area's cases and their
/// check functions.
fn area_rs(options: &CrateOptions, area: &str, cases: Vec<case::CaseTokens>) -> GeneratedFile {
    let lib = format_ident!("{}", options.name.replace('-', "_"));
    let summary = format!(" The documented examples of the `{area}` operations.");
    let entries: Vec<&TokenStream> = cases.iter().map(|c| &c.entry).collect();
    let checks = cases.iter().map(|c| &c.check);
    rust_file(
        format!("tests/examples/{area}.rs"),
        quote! {
            #![doc = #summary]
            // What a check uses depends on the crate features that are on.
            #![allow(unused_imports)]

            use example_harness::{Case, Checked, Context, Example, Finding, Outcome};
            use #lib::runtime as graph_runtime;
            use #lib::GraphClient;

            pub const CASES: &[Case] = &[#(#entries),*];

            #(#checks)*
        },
    )
}
