//! A quick, deterministic stand-in for the fuzz target that runs with the
//! tests: slices of corpus pages (or of small inline pages, when the corpus
//! is absent) are cut, repeated and spliced with markup fragments, and
//! reading them must never panic.

mod common;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use docgen_page::{parse_page, PageReader};

/// Fragments that start or end the constructs the reader treats specially.
const FRAGMENTS: &[&str] = &[
    "|",
    "|---|",
    "\n|---|---|---|\n",
    "<!--",
    "-->",
    "<!-- { \"blockType\": \"request\"",
    "```",
    "\n```http\n",
    "~~~",
    "[!INCLUDE [x](a.md)]",
    "[!INCLUDE [",
    "](",
    "{",
    "}",
    "\"",
    "\n# [HTTP](#tab/http)\n",
    "\n## HTTP request\n",
    "\n---\n",
    "&nbsp;",
    "\u{a0}",
    "**",
    "_",
    "`",
    "\t",
    "\r\n",
    "é",
    "\u{1F600}",
    "> ",
    "- ",
    "GET /",
    "HTTP/1.1 200 OK\n",
    "[a][]",
    "\n## Properties\n",
];

/// A small xorshift generator: the same cases on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

fn mutate(source: &str, rng: &mut Rng) -> String {
    let mut text = source.to_string();
    for _ in 0..1 + rng.below(6) {
        let at = floor_char_boundary(&text, rng.below(text.len() + 1));
        match rng.below(4) {
            0 => text.insert_str(at, FRAGMENTS[rng.below(FRAGMENTS.len())]),
            1 => {
                let end = floor_char_boundary(&text, at + rng.below(200));
                text.replace_range(at..end, "");
            }
            2 => {
                let end = floor_char_boundary(&text, at + rng.below(300));
                let copy = text[at..end].to_string();
                text.insert_str(end, &copy);
            }
            _ => text.truncate(at),
        }
    }
    text
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

const INLINE_SEEDS: &[&str] = &[
    "# Get user\n\n## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:---|:---|\n|Application|User.Read.All|\n\n## HTTP request\n\n```http\nGET /users/{id | userPrincipalName}\n```\n",
    "# user\n\n## Properties\n\n|Property|Type|Description|\n|---|---|---|\n|**On-boarding**|||\n|&nbsp;&nbsp;id|String|The id.|\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\" }\n```\n",
];

#[test]
fn mutated_pages_never_panic() {
    let seeds: Vec<String> = match common::corpus_root() {
        // Every 25th page: a spread over both versions and page kinds.
        Some(root) => common::read_corpus(&root)
            .into_iter()
            .step_by(25)
            .map(|p| p.source.to_string())
            .collect(),
        None => INLINE_SEEDS.iter().map(|s| s.to_string()).collect(),
    };

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases = 0;
    let mut panics = Vec::new();
    for seed in &seeds {
        for _ in 0..4 {
            let text = mutate(seed, &mut rng);
            cases += 1;
            let read = catch_unwind(AssertUnwindSafe(|| {
                parse_page("api/page.md", &text);
                let files: HashMap<String, String> = [
                    ("api/page.md".to_string(), text.clone()),
                    ("a.md".to_string(), text.clone()),
                    ("api/a.md".to_string(), text.clone()),
                ]
                .into_iter()
                .collect();
                PageReader::new(files).read("api/page.md");
            }));
            if read.is_err() {
                panics.push(text);
            }
        }
    }
    println!("mutated pages read: {cases}");
    assert!(
        panics.is_empty(),
        "{} of {cases} panicked; first:\n{}",
        panics.len(),
        panics[0]
    );
}
