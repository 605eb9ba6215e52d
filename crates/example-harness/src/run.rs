//! Running every case against one local server.

use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use wiremock::MockServer;

use crate::report::{ExampleResult, Report};
use crate::{explain, Case, Context, Floors, Outcome, Step};

/// The folder to write `examples-report.json` and `.md` into.
pub const REPORT_VAR: &str = "DOCGEN_EXAMPLES_REPORT";
/// Only examples whose page, name or operation contains this text run.
pub const FILTER_VAR: &str = "DOCGEN_EXAMPLES_FILTER";

/// The client's own timeout per request: generous for a local server, and
/// short enough that a hung example does not stall the run.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// The body of the generated `#[test]`: runs every case, prints a summary,
/// writes the report when `DOCGEN_EXAMPLES_REPORT` is set, and panics when
/// a step's pass rate is under its floor (`floors`, overridden by
/// `DOCGEN_EXAMPLES_FLOORS`).
pub fn run(cases: Vec<Case>, floors: Floors) {
    let floors = floors.from_env().unwrap_or_else(|e| panic!("{e}"));
    let filter = std::env::var(FILTER_VAR).ok();
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| filter.as_deref().is_none_or(|f| matches(c, f)))
        .collect();

    let report = run_cases(cases, floors);
    println!("{}", report.summary());
    if let Some(dir) = std::env::var_os(REPORT_VAR) {
        let dir = PathBuf::from(dir);
        report
            .write(&dir)
            .unwrap_or_else(|e| panic!("writing the report to {}: {e}", dir.display()));
        println!("wrote the report to {}", dir.display());
    }

    let shortfalls = floors.shortfalls(&report);
    assert!(
        shortfalls.is_empty(),
        "documented examples under their floors:\n  {}\nset {REPORT_VAR} to a folder for the full report",
        shortfalls.join("\n  ")
    );
}

/// Runs `cases` one after another against one local server, each in a
/// task of its own so that a panicking check is a failed example rather
/// than a failed run.
pub fn run_cases(cases: Vec<Case>, floors: Floors) -> Report {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime starts");
    let started = Instant::now();
    let local = tokio::task::LocalSet::new();
    let results = local.block_on(&runtime, async {
        let server = Rc::new(MockServer::start().await);
        let client = graph_runtime::Client::builder(server.uri())
            .static_token("example-token")
            .retry(graph_runtime::RetryPolicy::none())
            .timeout(CLIENT_TIMEOUT)
            .build()
            .expect("a client for the local server builds");

        let mut results = Vec::with_capacity(cases.len());
        for case in cases {
            let cx = Context::new(case.example, server.clone(), client.clone());
            // The check is called inside the task, so that a panic while
            // it builds its future is caught too.
            let check = case.check;
            let mut outcome = match tokio::task::spawn_local(async move { check(cx).await }).await {
                Ok(outcome) => outcome,
                Err(e) => Outcome::all(Step::fail("check-panicked", panic_message(e))),
            };
            explain(&case.example, &mut outcome);
            results.push(ExampleResult::new(&case.example, outcome));
        }
        results
    });
    Report::new(results, floors, started.elapsed().as_secs_f64())
}

fn matches(case: &Case, filter: &str) -> bool {
    let e = &case.example;
    [e.page, e.name, e.operation]
        .iter()
        .any(|field| field.contains(filter))
}

fn panic_message(error: tokio::task::JoinError) -> String {
    if !error.is_panic() {
        return error.to_string();
    }
    let payload = error.into_panic();
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}
