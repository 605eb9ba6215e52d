//! Finding the pages of a docs folder.

use std::io::Read;
use std::path::{Path, PathBuf};

use arcstr::ArcStr;

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
/// by its path from `root` with `/` between folders, ready to be given to
/// [`parse_page`](crate::parse_page) without a copy. Files that cannot be
/// read as UTF-8 are passed over.
pub fn read_markdown_files(root: &Path) -> Vec<(String, ArcStr)> {
    markdown_files(root)
        .iter()
        .filter_map(|path| {
            let text = read_shared(path).ok()?;
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

/// Reads a UTF-8 file straight into the shared string a page model keeps,
/// rather than into a `String` that would then be copied.
pub fn read_shared(path: &Path) -> std::io::Result<ArcStr> {
    let mut file = std::fs::File::open(path)?;
    let len = usize::try_from(file.metadata()?.len())
        .map_err(|_| std::io::Error::other("file too large"))?;
    if len == 0 {
        return std::fs::read_to_string(path).map(ArcStr::from);
    }
    let mut read = Ok(());
    let text = ArcStr::init_with(len, |buffer| read = file.read_exact(buffer));
    match (read, text) {
        (Ok(()), Ok(text)) if file.read(&mut [0])? == 0 => Ok(text),
        (Ok(()), Err(e)) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        (Err(e), _) if e.kind() != std::io::ErrorKind::UnexpectedEof => Err(e),
        // The file changed length while it was read: read it again whole.
        _ => std::fs::read_to_string(path).map(ArcStr::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_into_a_shared_string() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.md");
        std::fs::write(&page, "# Título\n").unwrap();
        assert_eq!(read_shared(&page).unwrap(), "# Título\n");

        let empty = dir.path().join("empty.md");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(read_shared(&empty).unwrap(), "");

        let binary = dir.path().join("binary.md");
        std::fs::write(&binary, [0xff, 0xfe]).unwrap();
        let error = read_shared(&binary).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);

        assert!(read_shared(&dir.path().join("missing.md")).is_err());
    }
}
