//! The heap that the page models of the whole corpus take while they are all
//! held, against the size of the markdown they were read from. The goal is
//! a peak under four times the corpus.
//!
//! ```text
//! cargo bench -p docgen-page --bench memory
//! ```
//!
//! The sources are read as they would be by a program that keeps what it
//! reads: each page's markdown is held, and the page model shares it (see
//! `docgen_page::Page`), so the figures count it once.
//!
//! A counting allocator in front of the system one adds up the bytes asked
//! for; the process's peak resident size, which also holds the allocator's
//! own overhead and the program, is printed beside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use docgen_page::{parse_page, ArcStr};

/// The system allocator, counting the bytes live now and at most.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn grow(by: usize) {
        let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }

    fn shrink(by: usize) {
        LIVE.fetch_sub(by, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed to the system allocator unchanged; the
// counters only observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            Counting::grow(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            Counting::grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        Counting::shrink(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            Counting::shrink(layout.size());
            Counting::grow(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/graph-docs");
    if !root.is_dir() {
        println!(
            "skipped: the docs corpus is not at {}; check out shared/ beside the repository",
            root.display()
        );
        return;
    }
    let sources: Vec<(String, ArcStr)> = docgen_page::read_markdown_files(&root);
    let corpus: usize = sources.iter().map(|(_, s)| s.len()).sum();

    // From here on the peak counts the sources and the models.
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let pages: Vec<_> = sources
        .iter()
        .map(|(file, source)| parse_page(file, source.clone()))
        .collect();
    let peak = PEAK.load(Ordering::Relaxed);
    let models = LIVE.load(Ordering::Relaxed) - before;
    let resident = peak_resident();

    let mb = |bytes: usize| bytes as f64 / 1e6;
    let ratio = |bytes: usize| bytes as f64 / corpus as f64;
    println!("{} pages, corpus {:.1} MB", pages.len(), mb(corpus));
    println!(
        "sources held: {:.1} MB; page models held: {:.1} MB ({:.2}x the corpus)",
        mb(before),
        mb(models),
        ratio(models)
    );
    println!(
        "peak heap: {:.1} MB ({:.2}x the corpus; goal under 4x)",
        mb(peak),
        ratio(peak)
    );
    if let Some(resident) = resident {
        println!(
            "peak resident: {:.1} MB ({:.2}x the corpus)",
            mb(resident),
            ratio(resident)
        );
    }
}

/// The process's peak resident size, where the system reports it.
fn peak_resident() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
