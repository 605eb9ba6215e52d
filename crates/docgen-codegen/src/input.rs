//! Reading every page of a docs folder.

use std::path::{Path, PathBuf};

use docgen_page::{Diagnostic, FsLoader, Page, PageReader};
use rayon::prelude::*;

/// The docs folder itself could not be read. Pages that cannot be read are
/// diagnostics instead, and the run goes on.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read the docs folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the docs folder {0} holds no markdown pages")]
    Empty(PathBuf),
}

/// Reads and parses every `.md` file below `root`, in parallel, with their
/// `[!INCLUDE]`s expanded. Files are named by their path relative to `root`
/// with `/` separators, and returned sorted by that name, so the result
/// does not depend on the file system's order. Folders named `includes`
/// hold fragments that pages include, not pages, and are not read as pages.
pub fn read_pages(root: &Path) -> Result<(Vec<Page>, Vec<Diagnostic>), InputError> {
    let mut files = Vec::new();
    collect(root, root, &mut files)?;
    if files.is_empty() {
        return Err(InputError::Empty(root.to_path_buf()));
    }
    files.sort();
    let reader = PageReader::new(FsLoader::new(root));

    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|(name, path)| match std::fs::read(path) {
            Ok(bytes) => {
                let source = String::from_utf8_lossy(&bytes);
                let (page, mut diagnostics) = reader.read_source(name, &source);
                if let std::borrow::Cow::Owned(_) = source {
                    diagnostics.push(Diagnostic::warning(
                        "P013",
                        name,
                        1,
                        "the page is not valid UTF-8; invalid bytes were replaced",
                    ));
                }
                (Some(page), diagnostics)
            }
            Err(e) => (
                None,
                vec![Diagnostic::error(
                    "P014",
                    name,
                    1,
                    format!("cannot read the page: {e}"),
                )],
            ),
        })
        .collect();

    let mut pages = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (page, d) in results {
        pages.extend(page);
        diagnostics.extend(d);
    }
    Ok((pages, diagnostics))
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), InputError> {
    let entries = std::fs::read_dir(dir).map_err(|source| InputError::Folder {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let kind = entry.file_type().map_err(|source| InputError::Folder {
            path: path.clone(),
            source,
        })?;
        if kind.is_dir() {
            if entry.file_name() == "includes" {
                continue;
            }
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, path));
        }
    }
    Ok(())
}
