//! Rust emitters: the API model to the source files of a client crate.
//!
//! Each emitter builds `quote!` tokens for one part of the crate; [`emit_crate`]
//! formats them with prettyplease into files. The emitters decide nothing
//! about names: the model has chosen every Rust name already.

mod areas;
mod docs;
mod examples;
mod files;
mod ident;
mod models;
mod navigation;
mod objects;
mod operations;
mod registry;
mod ty;

use std::path::PathBuf;

use docgen_model::Api;

/// How the generated crate is named and where it finds the runtime.
#[derive(Clone, Debug)]
pub struct CrateOptions {
    /// The package name, such as `graph-client`.
    pub name: String,
    /// The `path` of the runtime dependency, relative to the crate folder.
    pub runtime_path: String,
    /// Base URL the client uses by default.
    pub base_url: String,
    /// The `path` of the example harness, relative to the crate folder;
    /// when set, the crate gets `tests/examples/`, a check of the client
    /// against every documented example.
    pub example_harness_path: Option<String>,
}

/// One generated file, its path relative to the crate folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Every file of the client crate for `api`, sorted by path.
pub fn emit_crate(api: &Api, options: &CrateOptions) -> Vec<GeneratedFile> {
    let mut out = vec![files::manifest(api, options), files::lib_rs(api, options)];
    out.extend(models::emit(api));
    out.extend(operations::emit(api));
    out.extend(navigation::emit(api));
    out.push(registry::emit(api));
    examples::emit(api, options, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
