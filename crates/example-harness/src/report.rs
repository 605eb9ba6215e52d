//! What a run found: counts per step, the commonest failures, and every
//! example's steps; written as JSON for tools and Markdown for people.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::{Example, Floors, Outcome, Step, StepName};

/// The file names a report is written under.
pub const JSON_FILE: &str = "examples-report.json";
pub const MARKDOWN_FILE: &str = "examples-report.md";

/// How many failure groups the summary lists.
const GROUPS_LISTED: usize = 25;

/// The results of a run over many examples.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Examples in the crate.
    pub examples: usize,
    /// Examples whose check was compiled (their crate features were on).
    pub built: usize,
    /// Wall-clock seconds the checks took.
    pub seconds: f64,
    /// The floors the run was held to.
    pub floors: Floors,
    pub steps: BTreeMap<StepName, StepTally>,
    /// Failures grouped by step, cause and the shape of their detail,
    /// commonest first.
    pub failures: Vec<FailureGroup>,
    pub results: Vec<ExampleResult>,
}

/// The counts of one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StepTally {
    pub passed: usize,
    pub failed: usize,
    /// Of the failed, those where the example contradicts the docs' own
    /// tables.
    pub docs_defects: usize,
    pub skipped: usize,
    /// Of the passed, those on a body that elides values the check read
    /// stand-ins for.
    pub passed_with_stand_ins: usize,
}

impl StepTally {
    /// Examples the step ran on.
    pub fn checked(&self) -> usize {
        self.passed + self.failed
    }

    /// Passed over checked; 1.0 when none were checked.
    pub fn pass_rate(&self) -> f64 {
        if self.checked() == 0 {
            1.0
        } else {
            self.passed as f64 / self.checked() as f64
        }
    }
}

/// Failures of one kind.
#[derive(Clone, Debug, Serialize)]
pub struct FailureGroup {
    pub step: StepName,
    pub cause: String,
    /// The docs explain these failures: the examples contradict the docs'
    /// own tables.
    pub docs_defect: bool,
    /// The detail with names and values taken out, shared by the group.
    pub shape: String,
    pub count: usize,
    /// `file:line` and detail of the first example in the group.
    pub first_source: String,
    pub first_detail: String,
}

/// One example and how its steps went.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleResult {
    pub page: String,
    pub name: String,
    pub operation: String,
    pub method: String,
    pub url: String,
    pub request_source: Option<String>,
    pub response_source: Option<String>,
    /// The values the request and response bodies elide, which the checks
    /// read stand-ins for, as the lint's findings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elided: Vec<String>,
    #[serde(skip)]
    elided_request: bool,
    #[serde(skip)]
    elided_response: bool,
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl ExampleResult {
    /// The result of `example`'s check.
    pub fn new(example: &Example, outcome: Outcome) -> ExampleResult {
        let elided = |findings: &[crate::Finding]| -> Vec<String> {
            findings
                .iter()
                .filter(|f| f.is_elided_value())
                .map(|f| f.to_string())
                .collect()
        };
        let request = elided(example.request_findings);
        let response = elided(example.response_findings);
        ExampleResult {
            elided_request: !request.is_empty(),
            elided_response: !response.is_empty(),
            elided: request.into_iter().chain(response).collect(),
            page: example.page.to_string(),
            name: example.name.to_string(),
            operation: example.operation.to_string(),
            method: example.method.to_string(),
            url: example.url.to_string(),
            request_source: example.request_source.map(str::to_string),
            response_source: example.response_source.map(str::to_string),
            outcome,
        }
    }

    /// Whether the bodies that `step` reads elide values.
    pub fn elides(&self, step: StepName) -> bool {
        match step {
            StepName::Request => self.elided_request,
            StepName::Response => self.elided_response,
            StepName::Call => self.elided_request || self.elided_response,
        }
    }

    /// `file:line` of the example.
    pub fn source(&self) -> &str {
        self.request_source
            .as_deref()
            .or(self.response_source.as_deref())
            .unwrap_or(&self.page)
    }
}

impl Report {
    /// Tallies `results`.
    pub fn new(results: Vec<ExampleResult>, floors: Floors, seconds: f64) -> Report {
        let mut steps: BTreeMap<StepName, StepTally> = StepName::ALL
            .iter()
            .map(|s| (*s, StepTally::default()))
            .collect();
        let mut groups: BTreeMap<(bool, StepName, String, String), FailureGroup> = BTreeMap::new();
        for result in results.iter().filter(|r| r.outcome.built) {
            for step in StepName::ALL {
                let tally = steps.entry(step).or_default();
                match result.outcome.step(step) {
                    Step::Pass => {
                        tally.passed += 1;
                        tally.passed_with_stand_ins += usize::from(result.elides(step));
                    }
                    Step::Skip { .. } => tally.skipped += 1,
                    Step::Fail {
                        cause,
                        detail,
                        docs_defect,
                        ..
                    } => {
                        tally.failed += 1;
                        let docs = docs_defect.is_some();
                        tally.docs_defects += usize::from(docs);
                        let shape = shape(detail);
                        groups
                            .entry((docs, step, cause.clone(), shape.clone()))
                            .or_insert_with(|| FailureGroup {
                                step,
                                cause: cause.clone(),
                                docs_defect: docs,
                                shape,
                                count: 0,
                                first_source: result.source().to_string(),
                                first_detail: detail.clone(),
                            })
                            .count += 1;
                    }
                }
            }
        }
        let mut failures: Vec<FailureGroup> = groups.into_values().collect();
        failures.sort_by(|a, b| {
            a.docs_defect
                .cmp(&b.docs_defect)
                .then(b.count.cmp(&a.count))
                .then(a.step.cmp(&b.step))
        });
        Report {
            examples: results.len(),
            built: results.iter().filter(|r| r.outcome.built).count(),
            seconds,
            floors,
            steps,
            failures,
            results,
        }
    }

    /// The counts of `step`.
    pub fn tally(&self, step: StepName) -> StepTally {
        self.steps.get(&step).copied().unwrap_or_default()
    }

    /// One line per step, for the test's output.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{} examples, {} built, checked in {:.1}s\n",
            self.examples, self.built, self.seconds
        );
        for step in StepName::ALL {
            let t = self.tally(step);
            let _ = writeln!(
                out,
                "  {:<8} {:>5} passed ({:>3} with stand-ins) {:>5} failed ({:>3} in the docs) {:>5} skipped  {:>5.1}% (floor {:.1}%)",
                step.as_str(),
                t.passed,
                t.passed_with_stand_ins,
                t.failed,
                t.docs_defects,
                t.skipped,
                t.pass_rate() * 100.0,
                self.floors.get(step) * 100.0
            );
        }
        for group in self.failures.iter().filter(|g| !g.docs_defect).take(5) {
            let _ = writeln!(
                out,
                "  {} x{}: {} ({}: {})",
                group.step.as_str(),
                group.count,
                group.cause,
                group.first_source,
                group.first_detail
            );
        }
        out
    }

    /// Writes `examples-report.json` and `examples-report.md` into `dir`.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(JSON_FILE), json + "\n")?;
        std::fs::write(dir.join(MARKDOWN_FILE), self.markdown())
    }

    /// The report for people: totals, the commonest failures, then every
    /// page's examples.
    pub fn markdown(&self) -> String {
        let mut out =
            String::from("# Documented examples checked against the generated client\n\n");
        let _ = writeln!(
            out,
            "{} examples on {} pages; {} built (the rest need crate features that were off).\n",
            self.examples,
            self.pages().len(),
            self.built
        );
        out.push_str(
            "| step | passed | of which with stand-ins | failed | of which docs defects | skipped | pass rate | floor |\n",
        );
        out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for step in StepName::ALL {
            let t = self.tally(step);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {:.1}% | {:.1}% |",
                step.as_str(),
                t.passed,
                t.passed_with_stand_ins,
                t.failed,
                t.docs_defects,
                t.skipped,
                t.pass_rate() * 100.0,
                self.floors.get(step) * 100.0
            );
        }
        out.push_str(
            "\nSteps: **request**, the request body round-trips through the type the \
             operation takes; **response**, the response body deserializes into the type it \
             returns; **call**, the client sends the documented method, path and body to a \
             local server and decodes the documented answer. A **docs defect** is a failure \
             where the example contradicts the docs' own tables, as the docs lint found: the \
             failure names the page, line and member. A step passes **with stand-ins** when \
             the body elides values (a placeholder such as `\"datetime-value\"` where a date \
             and time is declared, or a value cut short with `...`): the check reads a value of \
             the declared type in their place, as it reads the members an example leaves out, \
             and the report lists them under the example.\n",
        );

        if self.failures.iter().any(|g| !g.docs_defect) {
            out.push_str("\n## Commonest failures of the client\n\n| step | cause | examples | first | detail |\n|---|---|---:|---|---|\n");
            for g in self
                .failures
                .iter()
                .filter(|g| !g.docs_defect)
                .take(GROUPS_LISTED)
            {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    g.step.as_str(),
                    g.cause,
                    g.count,
                    g.first_source,
                    cell(&g.first_detail)
                );
            }
        }

        self.docs_defects_markdown(&mut out);
        self.elided_markdown(&mut out);

        out.push_str("\n## By page\n");
        for (page, results) in self.pages() {
            let _ = writeln!(out, "\n### {page}\n");
            out.push_str(
                "| example | operation | request | response | call |\n|---|---|---|---|---|\n",
            );
            for r in results {
                let _ = writeln!(
                    out,
                    "| {} ({}) | {} | {} | {} | {} |",
                    cell(&r.name),
                    r.source(),
                    r.operation,
                    step_cell(&r.outcome.request),
                    step_cell(&r.outcome.response),
                    step_cell(&r.outcome.call)
                );
            }
        }
        out
    }

    /// Every example whose bodies elide values, with the lint's findings of
    /// them: what the checks read stand-ins for.
    fn elided_markdown(&self, out: &mut String) {
        let eliding: Vec<&ExampleResult> = self
            .results
            .iter()
            .filter(|r| !r.elided.is_empty())
            .collect();
        if eliding.is_empty() {
            return;
        }
        out.push_str(
            "\n## Elided values\n\nValues the examples leave out, which the checks read \
             stand-ins of the declared type for.\n\n| example | elided |\n|---|---|\n",
        );
        for r in eliding {
            let _ = writeln!(out, "| {} | {} |", r.source(), cell(&r.elided.join("; ")));
        }
    }

    /// Every failure the docs explain, by page: the step, the cause and the
    /// lint's finding, with its line and member.
    fn docs_defects_markdown(&self, out: &mut String) {
        let mut rows = Vec::new();
        for r in &self.results {
            for step in StepName::ALL {
                if let Step::Fail {
                    cause,
                    docs_defect: Some(finding),
                    ..
                } = r.outcome.step(step)
                {
                    rows.push((r.source(), step, cause, finding));
                }
            }
        }
        if rows.is_empty() {
            return;
        }
        out.push_str(
            "\n## Docs defects\n\nFailures where the example contradicts the docs' own tables; \
             the finding names the page, line and member.\n\n\
             | example | step | cause | finding |\n|---|---|---|---|\n",
        );
        for (source, step, cause, finding) in rows {
            let _ = writeln!(
                out,
                "| {source} | {} | {cause} | {} |",
                step.as_str(),
                cell(finding)
            );
        }
    }

    fn pages(&self) -> BTreeMap<&str, Vec<&ExampleResult>> {
        let mut pages: BTreeMap<&str, Vec<&ExampleResult>> = BTreeMap::new();
        for r in &self.results {
            pages.entry(&r.page).or_default().push(r);
        }
        pages
    }
}

fn step_cell(step: &Step) -> String {
    match step {
        Step::Pass => "pass".to_string(),
        Step::Fail {
            cause,
            detail,
            docs_defect: None,
            ..
        } => format!("**fail** {cause}: {}", cell(detail)),
        Step::Fail {
            cause,
            detail,
            docs_defect: Some(finding),
            ..
        } => format!(
            "**fail** {cause}: {}; **docs defect** {}",
            cell(detail),
            cell(finding)
        ),
        Step::Skip { reason } => format!("skip: {}", cell(reason)),
    }
}

/// Text made safe for a table cell, and cut short.
fn cell(text: &str) -> String {
    const MAX: usize = 240;
    let mut text: String = text
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .chars()
        .take(MAX)
        .collect();
    if text.chars().count() == MAX {
        text.push_str("...");
    }
    text
}

/// The shape of a failure's detail: names in quotes or backticks, numbers
/// and serde's positions taken out, so that one mistake made on many pages
/// groups as one.
fn shape(detail: &str) -> String {
    let detail = match detail.find(" at line ") {
        Some(i) => &detail[..i],
        None => detail,
    };
    let mut out = String::with_capacity(detail.len());
    let mut quote: Option<char> = None;
    for c in detail.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => {}
            None if c == '`' || c == '"' => {
                quote = Some(c);
                out.push(c);
                out.push('_');
            }
            None if c.is_ascii_digit() => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_shapes_drop_names_numbers_and_positions() {
        assert_eq!(
            shape("invalid type: string \"abc\", expected i32 at line 1 column 52"),
            "invalid type: string \"_\", expected iN"
        );
        assert_eq!(shape("`value[0].id` is lost"), "`_` is lost");
    }

    fn result(outcome: Outcome) -> ExampleResult {
        ExampleResult::new(&example(), outcome)
    }

    fn example() -> Example {
        Example {
            page: "api/a.md",
            name: "a",
            operation: "GetA",
            method: "GET",
            url: "/a",
            path: "/a",
            request_source: Some("api/a.md:10"),
            request_body: None,
            response_source: None,
            response_status: 200,
            response_body: None,
            location: None,
            truncated: false,
            request_findings: &[],
            response_findings: &[],
            url_finding: None,
        }
    }

    #[test]
    fn passes_on_bodies_with_stand_ins_are_counted_and_listed() {
        const ELIDED: &[crate::Finding] = &[crate::Finding {
            code: crate::Finding::ELIDED_VALUE,
            path: "value[0].when",
            message: "`value[0].when` is `datetime-value`",
            source: "api/a.md:20",
        }];
        let eliding = Example {
            response_findings: ELIDED,
            ..example()
        };
        let eliding =
            ExampleResult::new(&eliding, Outcome::new(Step::Pass, Step::Pass, Step::Pass));
        let report = Report::new(
            vec![
                eliding,
                result(Outcome::new(Step::Pass, Step::Pass, Step::Pass)),
            ],
            Floors::ALL,
            0.0,
        );
        let count = |step| report.tally(step).passed_with_stand_ins;
        assert_eq!(
            [StepName::Request, StepName::Response, StepName::Call].map(count),
            [0, 1, 1]
        );
        assert_eq!(
            report.results[0].elided,
            ["api/a.md:20: V018: `value[0].when` is `datetime-value`"]
        );
        assert!(report.markdown().contains("## Elided values"));
    }

    #[test]
    fn tallies_count_built_examples_and_group_failures() {
        let fail = || Step::fail("wrong-path", "sent `/b` instead of `/a`");
        let report = Report::new(
            vec![
                result(Outcome::new(Step::Pass, Step::skip("none"), fail())),
                result(Outcome::new(Step::Pass, Step::Pass, fail())),
                result(Outcome::not_built("\"x\"")),
            ],
            Floors::ALL,
            0.0,
        );
        assert_eq!((report.examples, report.built), (3, 2));
        let call = report.tally(StepName::Call);
        assert_eq!((call.passed, call.failed, call.pass_rate()), (0, 2, 0.0));
        assert_eq!(report.tally(StepName::Response).pass_rate(), 1.0);
        assert_eq!(report.failures.len(), 1);
        assert_eq!(report.failures[0].count, 2);
        assert!(report.markdown().contains("### api/a.md"));
        assert_eq!(Floors::ALL.shortfalls(&report).len(), 1);
    }
}
