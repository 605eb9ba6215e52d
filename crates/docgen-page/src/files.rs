//! Finding the pages of a docs folder.

use std::path::{Path, PathBuf};

/// Every markdown page below `root`, sorted: files ending in `.md` other
/// than `README.md`. Folders that cannot be read are passed over.
pub fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && path.file_name().is_some_and(|n| n != "README.md")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The text of every page [`markdown_files`] finds below `root`, each named
/// by its path from `root` with `/` between folders. Files that cannot be
/// read as UTF-8 are passed over.
pub fn read_markdown_files(root: &Path) -> Vec<(String, String)> {
    markdown_files(root)
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let name = path.strip_prefix(root).ok()?;
            let name = name
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((name, text))
        })
        .collect()
}
