//! Finding the real docs corpus that lives beside the repository.

use std::path::{Path, PathBuf};

/// One corpus page, read into memory.
pub struct CorpusPage {
    /// Path relative to the corpus root, with `/` separators.
    // Not every test that shares this module names the pages it reads.
    #[allow(dead_code)]
    pub file: String,
    pub source: docgen_page::ArcStr,
}

/// The corpus root: the `shared/graph-docs` folder checked out beside the
/// repository. `None`, with a message, when it is not there, so that the
/// tests that need it pass quietly on a machine without it.
pub fn corpus_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs");
    if root.is_dir() {
        Some(root)
    } else {
        println!(
            "skipped: the docs corpus is not at {}; check out shared/ beside the repository",
            root.display()
        );
        None
    }
}

/// Every `.md` page under `api/` and `resources/` of each version folder,
/// sorted by path.
#[allow(dead_code)]
pub fn read_corpus(root: &Path) -> Vec<CorpusPage> {
    docgen_page::read_markdown_files(root)
        .into_iter()
        .map(|(file, source)| CorpusPage { file, source })
        .collect()
}
