//! The generator pipeline: read a docs folder, build the model, emit the
//! client crate, and write it so that a failed run changes nothing.

mod check;
mod input;
mod output;

use std::path::{Path, PathBuf};
use std::time::Instant;

use docgen_emit::{emit_crate, CrateOptions, GeneratedFile};
use docgen_model::Api;
use docgen_page::{Diagnostic, Severity};

pub use check::{check, Difference};
pub use input::{read_pages, InputError};
pub use output::{relative_path, write_atomically};

/// What a run produced, before anything is written.
pub struct Generation {
    pub api: Api,
    /// Diagnostics of the page reader and the model, sorted.
    pub diagnostics: Vec<Diagnostic>,
    pub files: Vec<GeneratedFile>,
    pub pages: usize,
    pub timings: Timings,
}

/// Wall-clock time of each stage.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub read: std::time::Duration,
    pub model: std::time::Duration,
    pub emit: std::time::Duration,
}

/// How to generate.
pub struct Options {
    /// The docs folder.
    pub input: PathBuf,
    /// Where the crate will be written; used to point its manifest at the
    /// runtime crate.
    pub out: PathBuf,
    /// The runtime crate's folder.
    pub runtime: PathBuf,
    pub crate_name: String,
    /// Overrides the base URL found in the examples.
    pub base_url: Option<String>,
    /// The example harness crate's folder; when set, the crate gets a test
    /// that checks it against every documented example.
    pub example_harness: Option<PathBuf>,
}

impl Generation {
    /// The number of diagnostics of severity error.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Reads, lowers and emits, in memory.
pub fn generate(options: &Options) -> Result<Generation, InputError> {
    let started = Instant::now();
    let (pages, mut diagnostics) = read_pages(&options.input)?;
    let read = started.elapsed();

    let started = Instant::now();
    let api = Api::build(&pages);
    diagnostics.extend(api.diagnostics.iter().cloned());
    diagnostics.sort();
    let model = started.elapsed();

    let started = Instant::now();
    let crate_options = CrateOptions {
        name: options.crate_name.clone(),
        runtime_path: relative_path(&options.out, &options.runtime),
        base_url: options
            .base_url
            .clone()
            .unwrap_or_else(|| base_url(&api).to_string()),
        example_harness_path: options
            .example_harness
            .as_ref()
            .map(|harness| relative_path(&options.out, harness)),
    };
    let files = emit_crate(&api, &crate_options);
    let emit = started.elapsed();

    Ok(Generation {
        api,
        diagnostics,
        files,
        pages: pages.len(),
        timings: Timings { read, model, emit },
    })
}

/// The service root most examples call: `v1.0` or `beta`.
fn base_url(api: &Api) -> &'static str {
    const V1: &str = "https://graph.microsoft.com/v1.0";
    const BETA: &str = "https://graph.microsoft.com/beta";
    let urls = api
        .operations
        .iter()
        .flat_map(|op| &op.examples)
        .filter_map(|e| e.request.as_ref())
        .map(|r| r.url.as_str());
    let (mut v1, mut beta) = (0, 0);
    for url in urls {
        if url.contains("/beta/") {
            beta += 1;
        } else if url.contains("/v1.0/") {
            v1 += 1;
        }
    }
    if beta > v1 {
        BETA
    } else {
        V1
    }
}

/// Whether `path` is inside `dir`, for refusing to write over the input.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    match (path.canonicalize(), dir.canonicalize()) {
        (Ok(p), Ok(d)) => p.starts_with(d),
        _ => false,
    }
}
