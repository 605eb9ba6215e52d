//! Project tasks: `cargo xtask codegen` generates the client crate;
//! `cargo xtask examples` checks a docs folder's client against its examples.

mod corpus;
mod examples;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use docgen_codegen::{
    check, generate, is_inside, write_atomically, Difference, Generation, Options,
};
use docgen_page::{render_json, render_plain, render_rich, Diagnostic, Severity, Sources, Summary};

// Reading and emitting allocate millions of small strings and token trees,
// spread over rayon's threads; mimalloc takes a third off the time the
// system allocator spends on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Project tasks for the docs-to-Rust client generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the client crate from a docs folder.
    Codegen(Codegen),
    /// Generate a crate from each folder of a whole docs checkout, check
    /// that each compiles without warnings, and measure.
    Corpus(corpus::CorpusArgs),
    /// Check the client generated from a docs folder against the folder's
    /// examples, and report per step, page and example.
    Examples(examples::Examples),
}

#[derive(clap::Args)]
struct Codegen {
    /// The docs folder to read.
    #[arg(long, default_value = "docs-input")]
    input: PathBuf,
    /// Where to write the crate; replaced as a whole.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Write nothing; fail when the crate in --out is not what would be generated.
    #[arg(long)]
    check: bool,
    /// Also write the API model as JSON to this file.
    #[arg(long, value_name = "FILE")]
    emit_ir: Option<PathBuf>,
    /// The generated package's name.
    #[arg(long, default_value = "graph-client")]
    crate_name: String,
    /// The service root; by default the one the docs' examples call.
    #[arg(long)]
    base_url: Option<String>,
    /// Write the crate even when some pages had errors.
    #[arg(long)]
    allow_errors: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Print every diagnostic, notes included, and stage timings.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// `file:line: severity[code]: message`, one line each.
    Human,
    /// Like rustc, with the source lines.
    Rich,
    /// A JSON document on standard output.
    Json,
}

/// How many diagnostics a normal run prints before summing up.
const SHOWN: usize = 30;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen(args) => codegen(args),
        Command::Corpus(args) => corpus::corpus(args).map(|()| ExitCode::SUCCESS),
        Command::Examples(args) => examples::examples(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Makes the crate a workspace of its own, with the repository's lock file,
/// so that it builds with the versions the workspace has tested, wherever
/// it is written.
fn isolate(out: &Path, root: &Path) -> anyhow::Result<()> {
    let manifest = out.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest)?;
    text.push_str("\n[workspace]\n");
    std::fs::write(&manifest, text)?;
    let lock = root.join("Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, out.join("Cargo.lock"))?;
    }
    Ok(())
}

fn codegen(args: Codegen) -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(if args.verbose { "info" } else { "warn" })
        .with_writer(std::io::stderr)
        .init();

    // Relative paths are taken from where the command runs, which `cargo
    // xtask` sets to the workspace root.
    let root = workspace_root();
    let options = Options {
        input: args.input.clone(),
        out: args.out.clone(),
        runtime: root.join("crates/graph-runtime"),
        crate_name: args.crate_name.clone(),
        base_url: args.base_url.clone(),
        example_harness: Some(root.join("crates/example-harness")),
    };
    if is_inside(&args.out, &args.input) || is_inside(&args.input, &args.out) {
        bail!("--out and --input must not contain each other");
    }

    let generation = generate(&options).context("reading the docs")?;
    report(&generation, &args);

    if let Some(path) = &args.emit_ir {
        let json = serde_json::to_string_pretty(&generation.api.to_json())?;
        std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote the API model to {}", path.display());
    }

    let errors = generation.errors();
    if errors > 0 && !args.allow_errors {
        eprintln!(
            "error: {errors} error(s) in the docs; {} was left as it was (pass --allow-errors to write anyway)",
            args.out.display()
        );
        return Ok(ExitCode::FAILURE);
    }

    if args.check {
        let differences = check(&args.out, &generation.files);
        if differences.is_empty() {
            eprintln!("{} is up to date", args.out.display());
            return Ok(ExitCode::SUCCESS);
        }
        print_differences(&args.out, &differences);
        return Ok(ExitCode::FAILURE);
    }

    write_atomically(&args.out, &generation.files)
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} files to {}",
        generation.files.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn report(generation: &Generation, args: &Codegen) {
    let diagnostics = &generation.diagnostics;
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| args.verbose || d.severity != Severity::Note)
        .cloned()
        .collect();
    let limit = if args.verbose { usize::MAX } else { SHOWN };
    let head = &shown[..shown.len().min(limit)];
    match args.format {
        Format::Json => println!("{}", render_json(diagnostics)),
        Format::Human => eprint!("{}", render_plain(head)),
        Format::Rich => {
            let mut sources = Sources::new();
            let files: BTreeSet<&str> = head.iter().map(|d| d.file.as_str()).collect();
            for file in files {
                if let Ok(text) = std::fs::read_to_string(args.input.join(file)) {
                    sources.add(file, text);
                }
            }
            eprint!("{}", render_rich(head, &sources));
        }
    }
    if shown.len() > limit && !matches!(args.format, Format::Json) {
        eprintln!("... and {} more (-v shows all)", shown.len() - limit);
    }

    let api = &generation.api;
    eprintln!(
        "read {} pages: {} types, {} operations",
        generation.pages,
        api.types.len(),
        api.operations.len(),
    );
    if !diagnostics.is_empty() {
        eprint!(
            "{}",
            Summary::of(diagnostics).explained_by(docgen_model::CODES)
        );
    }
    if args.verbose {
        let t = generation.timings;
        eprintln!(
            "read {:.2?}, model {:.2?}, emit {:.2?}",
            t.read, t.model, t.emit
        );
    }
}

fn print_differences(out: &Path, differences: &[Difference]) {
    eprintln!(
        "{} is stale: {} file(s) differ from what the docs generate",
        out.display(),
        differences.len()
    );
    for d in differences.iter().take(10) {
        match d {
            Difference::Missing(p) => eprintln!("  missing: {}", p.display()),
            Difference::Extra(p) => eprintln!("  not generated: {}", p.display()),
            Difference::Changed { path, diff } => {
                eprintln!("  changed: {}\n{diff}", path.display())
            }
        }
    }
    if differences.len() > 10 {
        eprintln!("  ... and {} more", differences.len() - 10);
    }
    eprintln!("run `cargo xtask codegen` to regenerate");
}
