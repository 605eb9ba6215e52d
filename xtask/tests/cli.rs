//! `cargo xtask codegen` as a user runs it.

use std::path::Path;
use std::process::{Command, Output};

const SEED: &str = include_str!("../../docs-input/api/intune-shared-user-create.md");

/// `xtask codegen` from `input` to `out`, with `flags` before them.
fn codegen(flags: &[&str], input: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .args(flags)
        .arg("--input")
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// The seed page with the request body table's separator row deleted and
/// the request example's JSON body cut in half.
fn broken_seed() -> String {
    let without_separator = SEED.replacen("|:---|:---|:---|\n", "", 1);
    let body = "{\n  \"@odata.type\": \"#microsoft.graph.user\"\n}";
    let cut = &body[..body.len() / 2];
    without_separator.replacen(body, cut, 1)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_broken_page_fails_the_run_and_leaves_the_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs");
    let out = dir.path().join("out");
    write(
        &input.join("api/intune-shared-user-create.md"),
        &broken_seed(),
    );
    write(&out.join("src/lib.rs"), "// the crate as it was\n");

    let run = codegen(&[], &input, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);

    assert!(!run.status.success(), "{stderr}");
    assert!(
        stderr.contains("api/intune-shared-user-create.md:39: error[P004]"),
        "the missing separator row is reported at its table: {stderr}"
    );
    assert!(
        stderr.contains("api/intune-shared-user-create.md:59: error[P011]"),
        "the cut body is reported at its first line: {stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// the crate as it was\n"
    );
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(entries.len(), 2, "no staging folder is left behind");
}

#[test]
fn check_reports_a_stale_crate_and_passes_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs");
    let out = dir.path().join("out");
    write(&input.join("api/intune-shared-user-create.md"), SEED);

    let generate = codegen(&[], &input, &out);
    assert!(
        generate.status.success(),
        "{}",
        String::from_utf8_lossy(&generate.stderr)
    );

    let check = |expect_success: bool| {
        let run = codegen(&["--check"], &input, &out);
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        assert_eq!(run.status.success(), expect_success, "{stderr}");
        stderr
    };
    check(true);

    std::fs::write(out.join("src/registry.rs"), "// edited by hand\n").unwrap();
    std::fs::write(out.join("src/extra.rs"), "\n").unwrap();
    let stderr = check(false);
    assert!(stderr.contains("changed: src/registry.rs"), "{stderr}");
    assert!(stderr.contains("not generated: src/extra.rs"), "{stderr}");
}
