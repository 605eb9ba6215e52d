//! `cargo xtask corpus`: generate a client crate from each folder of a docs
//! checkout, check that it compiles without warnings with every area and
//! with one, and measure what that costs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

#[derive(clap::Args)]
pub struct CorpusArgs {
    /// The docs checkout holding one folder per API version.
    #[arg(long, default_value = "../shared/graph-docs")]
    docs: PathBuf,
    /// The folders to generate from, each its own crate.
    #[arg(long, value_delimiter = ',', default_value = "v1.0,beta-intune")]
    versions: Vec<String>,
    /// The area checked alone; by default the one with the most operations.
    #[arg(long)]
    area: Option<String>,
    /// Also time each crate's own `cargo check` with its dependencies
    /// already built, and build it to measure the library's size.
    #[arg(long)]
    measure: bool,
}

/// What one command cost: wall time and the peak memory of the largest
/// process it ran.
#[derive(Clone, Copy, Default)]
struct Cost {
    time: Duration,
    peak_kib: i64,
}

impl std::fmt::Display for Cost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.1} s, {} MiB peak",
            self.time.as_secs_f64(),
            self.peak_kib / 1024
        )
    }
}

pub fn corpus(args: CorpusArgs) -> anyhow::Result<()> {
    let root = crate::workspace_root();
    let target = root.join("target/corpus");
    // The crates are written beside their build, under the workspace's
    // target folder, as a generated crate is written into a project; a
    // system temporary folder can be a different, slower file system.
    std::fs::create_dir_all(&target)?;
    let staging = tempfile::Builder::new()
        .prefix("crates-")
        .tempdir_in(&target)
        .context("creating a temporary folder")?;
    let xtask = std::env::current_exe().context("finding the xtask binary")?;
    let mut failures = Vec::new();

    for version in &args.versions {
        let input = args.docs.join(version);
        if !input.is_dir() {
            bail!("{} is not a folder", input.display());
        }
        let name = format!("graph-{}", version.replace('.', "-"));
        let out = staging.path().join(&name);
        println!("== {version}: {}", input.display());

        let generate = run(Command::new(&xtask)
            .arg("codegen")
            .arg("--input")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .arg("--crate-name")
            .arg(&name)
            .arg("--allow-errors"))?;
        if generate.success {
            crate::isolate(&out, &root)?;
        }
        println!(
            "generated in {} ({} files, {} lines of Rust)",
            generate.cost,
            count_files(&out),
            count_lines(&out)
        );

        let area = match &args.area {
            Some(a) => a.clone(),
            None => largest_area(&out)?,
        };
        let configurations = [
            (
                "all areas",
                vec!["--features".to_string(), "full".to_string()],
            ),
            (
                "one area",
                vec![
                    "--no-default-features".to_string(),
                    "--features".to_string(),
                    area.clone(),
                ],
            ),
        ];
        for (label, features) in &configurations {
            let check = run(&mut cargo(&out, &target, "check", features))?;
            if !check.success {
                println!("cargo check ({label}) FAILED:\n{}", tail(&check.stderr, 60));
                failures.push(format!("{version}: cargo check with {label} ({area})"));
                continue;
            }
            println!("cargo check, {label} ({area}): {}", check.cost);
            if args.measure {
                touch(&out.join("src/lib.rs"))?;
                let own = run(&mut cargo(&out, &target, "check", features))?;
                println!("  the crate's own check, dependencies built: {}", own.cost);
            }
        }

        if args.measure {
            // Without debug info, which would be most of the file and says
            // nothing about the code.
            let mut command = cargo(&out, &target, "build", &configurations[0].1);
            command.env("CARGO_PROFILE_DEV_DEBUG", "0");
            let build = run(&mut command)?;
            let lib = target
                .join("debug")
                .join(format!("lib{}.rlib", name.replace('-', "_")));
            let size = std::fs::metadata(&lib).map(|m| m.len()).unwrap_or(0);
            println!(
                "cargo build, all areas: {}; {} is {:.1} MiB",
                build.cost,
                lib.file_name().unwrap_or_default().to_string_lossy(),
                size as f64 / (1024.0 * 1024.0)
            );
        }
    }

    if !failures.is_empty() {
        bail!(
            "{} check(s) failed: {}",
            failures.len(),
            failures.join("; ")
        );
    }
    Ok(())
}

/// `cargo <command>` on the crate at `out`, warnings denied, dependencies
/// built once into `target`.
fn cargo(out: &Path, target: &Path, command: &str, features: &[String]) -> Command {
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo
        .arg(command)
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .args(features)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings");
    cargo
}

struct Outcome {
    success: bool,
    stderr: String,
    cost: Cost,
}

/// Runs a command to its end, with its standard error captured, and
/// measures it.
fn run(command: &mut Command) -> anyhow::Result<Outcome> {
    let stderr = tempfile::tempfile()?;
    let started = Instant::now();
    let child = command
        .stdout(std::process::Stdio::null())
        .stderr(stderr.try_clone()?)
        .spawn()
        .with_context(|| format!("starting {command:?}"))?;
    let (success, peak_kib) = wait_measured(child)?;
    let time = started.elapsed();

    let mut text = String::new();
    let mut file = stderr;
    use std::io::{Read, Seek};
    file.rewind()?;
    file.read_to_string(&mut text)?;
    Ok(Outcome {
        success,
        stderr: text,
        cost: Cost { time, peak_kib },
    })
}

/// Waits for the child with `wait4`, which reports the peak resident size
/// of the child and of every descendant it waited for (rustc under cargo).
fn wait_measured(child: std::process::Child) -> anyhow::Result<(bool, i64)> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our
    // own child, which nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if waited < 0 {
        bail!(
            "waiting for process {pid}: {}",
            std::io::Error::last_os_error()
        );
    }
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok((success, usage.ru_maxrss))
}

/// The area feature with the most operation files.
fn largest_area(out: &Path) -> anyhow::Result<String> {
    let operations = out.join("src/operations");
    let mut best: Option<(usize, String)> = None;
    for entry in std::fs::read_dir(&operations)
        .with_context(|| format!("reading {}", operations.display()))?
    {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let count = std::fs::read_dir(entry.path())?.count();
        let name = entry.file_name().to_string_lossy().into_owned();
        if best
            .as_ref()
            .is_none_or(|(n, b)| count > *n || count == *n && name < *b)
        {
            best = Some((count, name));
        }
    }
    best.map(|(_, name)| name)
        .context("the generated crate has no operations")
}

fn count_files(dir: &Path) -> usize {
    rust_files(dir).len()
}

fn count_lines(dir: &Path) -> usize {
    rust_files(dir)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|text| text.lines().count())
        .sum()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Marks a file changed so that cargo checks its crate again.
fn touch(path: &Path) -> anyhow::Result<()> {
    let text = std::fs::read(path)?;
    std::fs::write(path, text)?;
    Ok(())
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
