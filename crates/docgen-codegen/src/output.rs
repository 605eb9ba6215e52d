//! Writing the crate so that a reader never sees half of it.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};

use docgen_emit::GeneratedFile;
use rayon::prelude::*;

/// Writes `files` as the whole content of `out`: into a temporary folder
/// beside it first, then swapped in with renames. If anything fails before
/// the swap, `out` is as it was.
pub fn write_atomically(out: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)?;

    // Folders first, each once; then the files, spread over the threads,
    // since creating thousands of files is most of the time.
    let folders: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    for folder in folders {
        std::fs::create_dir_all(staging.path().join(folder))?;
    }
    files
        .par_iter()
        .try_for_each(|file| std::fs::write(staging.path().join(&file.path), &file.contents))?;

    // Keep the old folder until the new one is in place, so that a failed
    // rename can be undone.
    let staged = staging.keep();
    if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)?
            .keep();
        std::fs::remove_dir(&old)?;
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(&staged, out) {
            std::fs::rename(&old, out)?;
            let _ = std::fs::remove_dir_all(&staged);
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(&staged, out)?;
    }
    Ok(())
}

/// The path of `to` relative to the folder `from`, with `/` separators, for
/// a manifest's `path =` dependency. Both are made absolute first; `from`
/// need not exist yet.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from = absolute(from);
    let to = absolute(to);
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// An absolute, lexically normalized path: the longest existing ancestor
/// is canonicalized, and the rest appended.
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut result = canonical;
            for part in rest.iter().rev() {
                result.push(part);
            }
            return result;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_to_the_common_folder() {
        let root = tempfile::tempdir().unwrap();
        let a = root.path().join("generated");
        let b = root.path().join("crates/graph-runtime");
        std::fs::create_dir_all(&b).unwrap();
        assert_eq!(relative_path(&a, &b), "../crates/graph-runtime");
    }

    #[test]
    fn a_failed_write_leaves_the_folder_as_it_was() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("keep.rs"), "old").unwrap();

        // A file whose path climbs out of the staging folder cannot be
        // written under it as a file, since `keep.rs` would be a folder.
        let files = [
            GeneratedFile {
                path: "a".into(),
                contents: "x".into(),
            },
            GeneratedFile {
                path: "a/b".into(),
                contents: "y".into(),
            },
        ];
        assert!(write_atomically(&out, &files).is_err());
        assert_eq!(std::fs::read_to_string(out.join("keep.rs")).unwrap(), "old");
        let leftovers: Vec<_> = std::fs::read_dir(root.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "staging folders are cleaned up");
    }

    #[test]
    fn a_write_replaces_the_whole_folder() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("stale.rs"), "old").unwrap();
        let files = [GeneratedFile {
            path: "src/lib.rs".into(),
            contents: "new".into(),
        }];
        write_atomically(&out, &files).unwrap();
        assert!(!out.join("stale.rs").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            "new"
        );
    }
}
