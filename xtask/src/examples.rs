//! `cargo xtask examples`: generate the client crate of a docs folder with
//! its example check, run the check, and report.
//!
//! The crate goes to a temporary folder and builds in `target/examples/`
//! under the workspace, so that its dependencies build once across runs and
//! docs folders. Pages with errors do not stop the run: the point is to
//! measure how much of a corpus already works.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context};
use docgen_codegen::{generate, write_atomically, Options};

use crate::workspace_root;

/// The per-step floors a docs folder is held to when `--floors` is not
/// given, by the folder's name. Each is a little under what the folder
/// measured, so that a regression fails and an improvement does not.
const FLOORS: &[(&str, &str)] = &[
    ("docs-input", "request=1,response=1,call=1"),
    // Measured 89.6% / 97.7% / 89.1% over 2,051 examples; every failure
    // (70 / 32 / 199) is a docs defect.
    ("v1.0", "request=0.896,response=0.977,call=0.890"),
    // Measured 99.6% / 99.7% / 96.6% over 1,532 examples; every failure
    // (2 / 3 / 48) is a docs defect.
    ("beta-intune", "request=0.996,response=0.997,call=0.965"),
];

/// How many lines of compiler errors the report quotes when the crate does
/// not build.
const ERRORS_QUOTED: usize = 60;

#[derive(clap::Args)]
pub struct Examples {
    /// The docs folder to read.
    #[arg(long, default_value = "docs-input")]
    input: PathBuf,
    /// Where to write examples-report.md and examples-report.json; by
    /// default target/examples-report/<name of the docs folder>.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Least pass rate per step, as `request=0.9,response=0.8,call=0.5`;
    /// by default the floors set for the docs folder, if it has any.
    #[arg(long)]
    floors: Option<String>,
    /// Only check examples whose page, name or operation contains this.
    #[arg(long)]
    filter: Option<String>,
    /// Keep the generated crate in this folder instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
}

pub fn examples(args: Examples) -> anyhow::Result<ExitCode> {
    let root = workspace_root();
    let name = args
        .input
        .canonicalize()
        .with_context(|| format!("reading {}", args.input.display()))?
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "docs".to_string());
    let report = args
        .report
        .clone()
        .unwrap_or_else(|| root.join("target/examples-report").join(&name));
    let floors = args.floors.clone().or_else(|| {
        FLOORS
            .iter()
            .find(|(folder, _)| *folder == name)
            .map(|(_, floors)| floors.to_string())
    });

    // The crate, in a folder of its own that is its own workspace.
    let temporary = tempfile::Builder::new()
        .prefix("docgen-examples-")
        .tempdir()?;
    let out = match &args.keep {
        Some(dir) => dir.clone(),
        None => temporary.path().join("graph-client"),
    };
    let options = Options {
        input: args.input.clone(),
        out: out.clone(),
        runtime: root.join("crates/graph-runtime"),
        crate_name: "graph-client".to_string(),
        base_url: None,
        example_harness: Some(root.join("crates/example-harness")),
    };
    let generation = generate(&options).context("reading the docs")?;
    eprintln!(
        "read {} pages: {} operations, {} examples; {} errors in the docs (not fatal here)",
        generation.pages,
        generation.api.operations.len(),
        generation
            .api
            .operations
            .iter()
            .map(|op| op.examples.len())
            .sum::<usize>(),
        generation.errors()
    );
    write_atomically(&out, &generation.files)
        .with_context(|| format!("writing {}", out.display()))?;
    crate::isolate(&out, &root)?;
    if !out.join("tests/examples/main.rs").exists() {
        bail!("the generated crate has no example check");
    }

    // Run the check; its test writes the report.
    std::fs::create_dir_all(&report)?;
    let log_path = report.join("cargo-test.log");
    let log = std::fs::File::create(&log_path)?;
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["test", "--features", "full", "--test", "examples"])
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .args(["--", "--nocapture"])
        .env("CARGO_TARGET_DIR", root.join("target/examples"))
        .env("DOCGEN_EXAMPLES_REPORT", &report)
        .stdout(log.try_clone()?)
        .stderr(log);
    if let Some(floors) = &floors {
        command.env("DOCGEN_EXAMPLES_FLOORS", floors);
    }
    if let Some(filter) = &args.filter {
        command.env("DOCGEN_EXAMPLES_FILTER", filter);
    }
    let json = report.join("examples-report.json");
    let _ = std::fs::remove_file(&json);
    eprintln!(
        "building and running the check of {} (log: {})",
        out.display(),
        log_path.display()
    );
    let status = command.status().context("running cargo test")?;

    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    if !json.exists() {
        write_build_failure(&report, &name, &log)?;
        eprintln!(
            "the generated crate did not build or its test did not run; see {}",
            report.join("examples-report.md").display()
        );
        return Ok(ExitCode::FAILURE);
    }
    print_summary(&log);
    eprintln!("report: {}", report.join("examples-report.md").display());
    if args.keep.is_some() {
        eprintln!("the crate is kept in {}", out.display());
    }
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The test's summary lines, from the cargo log.
fn print_summary(log: &str) {
    let mut printing = false;
    for line in log.lines() {
        if line.contains(" examples, ") && line.contains(" built, ") {
            printing = true;
        }
        if printing {
            if line.trim().is_empty() {
                break;
            }
            eprintln!("{line}");
        }
    }
    if let Some(start) = log.find("documented examples under their floors") {
        eprintln!(
            "{}",
            log[start..].lines().take(4).collect::<Vec<_>>().join("\n")
        );
    }
}

/// A report saying the crate did not build, quoting the first errors.
fn write_build_failure(report: &Path, name: &str, log: &str) -> anyhow::Result<()> {
    let errors: Vec<&str> = log.lines().filter(|l| l.starts_with("error")).collect();
    let quoted: Vec<&str> = log
        .lines()
        .skip_while(|l| !l.starts_with("error"))
        .take(ERRORS_QUOTED)
        .collect();
    let markdown = format!(
        "# Documented examples checked against the generated client\n\n\
         The client crate generated from `{name}` did not build, so no example was checked. \
         The compiler reported {} error lines; the first ones:\n\n```text\n{}\n```\n\n\
         The whole log is `cargo-test.log` beside this file.\n",
        errors.len(),
        quoted.join("\n")
    );
    std::fs::write(report.join("examples-report.md"), markdown)?;
    let json = serde_json::json!({
        "built": false,
        "compile_errors": errors.len(),
        "first_errors": errors.iter().take(20).collect::<Vec<_>>(),
    });
    std::fs::write(
        report.join("examples-report.json"),
        serde_json::to_string_pretty(&json)? + "\n",
    )?;
    Ok(())
}
