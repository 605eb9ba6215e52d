//! Comparing generated files with what is on disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use docgen_emit::GeneratedFile;

/// One way the folder on disk differs from what would be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The file would be generated but is not on disk.
    Missing(PathBuf),
    /// The file is on disk but would not be generated.
    Extra(PathBuf),
    /// The file differs; `diff` is a unified diff, cut short when long.
    Changed { path: PathBuf, diff: String },
}

/// The differences between `files` and the folder `out`; empty when it is
/// up to date.
pub fn check(out: &Path, files: &[GeneratedFile]) -> Vec<Difference> {
    let mut differences = Vec::new();
    let expected: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();

    for file in files {
        match std::fs::read_to_string(out.join(&file.path)) {
            Err(_) => differences.push(Difference::Missing(file.path.clone())),
            Ok(actual) if actual != file.contents => differences.push(Difference::Changed {
                path: file.path.clone(),
                diff: short_diff(&actual, &file.contents, &file.path),
            }),
            Ok(_) => {}
        }
    }

    let mut on_disk = Vec::new();
    list(out, out, &mut on_disk);
    for path in on_disk {
        if !expected.contains(path.as_path()) {
            differences.push(Difference::Extra(path));
        }
    }
    differences
}

fn list(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // Build output of the generated crate is not generated.
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            list(root, &path, out);
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_path_buf());
        }
    }
}

fn short_diff(old: &str, new: &str, path: &Path) -> String {
    const MAX_LINES: usize = 40;
    let name = path.display().to_string();
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("{name} (on disk)"), &format!("{name} (generated)"))
        .to_string();
    let lines: Vec<&str> = diff.lines().collect();
    if lines.len() <= MAX_LINES {
        return diff;
    }
    format!(
        "{}\n... {} more lines",
        lines[..MAX_LINES].join("\n"),
        lines.len() - MAX_LINES
    )
}
