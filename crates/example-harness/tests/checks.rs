//! The harness against a real local server, with hand-written checks in
//! the shape the generator writes: what passes, and how each kind of
//! mistake is reported without stopping the other examples.

use example_harness::{
    run_cases, Case, Checked, Context, Example, Floors, Outcome, Step, StepName,
};
use graph_runtime::{Method, Request};
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Serialize, Deserialize)]
struct Widget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    size: Option<i32>,
}

const WIDGET: Example = Example {
    page: "api/widget-update.md",
    name: "update_widget",
    operation: "UpdateWidget",
    method: "PATCH",
    url: "https://graph.microsoft.com/v1.0/widgets/w%201",
    path: "/widgets/w%201",
    request_source: Some("api/widget-update.md:40"),
    request_body: Some(r#"{"size": 3, "id": null}"#),
    response_source: Some("api/widget-update.md:52"),
    response_status: 200,
    response_body: Some(r#"{"id": "w 1", "size": 3}"#),
    truncated: false,
};

/// `PATCH` to `path` with the example's body as a `Widget`, the way a
/// generated check calls a request builder.
fn update(cx: Context, path: &'static str) -> Checked {
    Box::pin(async move {
        let (request, body) = cx.request_body::<Widget>();
        let response = cx.response_body::<Widget>();
        let client = cx.client();
        let call = match &body {
            Some(body) => {
                let sent = Request::new(Method::PATCH, path).json(body);
                cx.call(async move { client.send::<Widget>(sent?).await })
                    .await
            }
            None => cx.no_body_to_send(),
        };
        Outcome::new(request, response, call)
    })
}

fn case(example: Example, check: fn(Context) -> Checked) -> Case {
    Case { example, check }
}

fn cause(step: &Step) -> &str {
    step.cause().unwrap_or(match step {
        Step::Pass => "pass",
        _ => "skip",
    })
}

#[test]
fn a_faithful_example_passes_every_step() {
    let report = run_cases(
        vec![case(WIDGET, |cx| update(cx, "/widgets/w%201"))],
        Floors::ALL,
    );
    let outcome = &report.results[0].outcome;
    assert_eq!(
        (&outcome.request, &outcome.response, &outcome.call),
        (&Step::Pass, &Step::Pass, &Step::Pass),
        "{outcome:#?}"
    );
    assert!(Floors::ALL.shortfalls(&report).is_empty());
}

#[test]
fn each_mistake_is_reported_and_the_other_examples_still_run() {
    let unknown_member = Example {
        request_body: Some(r#"{"size": 3, "colour": "red"}"#),
        ..WIDGET
    };
    let wrong_response = Example {
        response_body: Some(r#"{"id": 5}"#),
        ..WIDGET
    };
    let report = run_cases(
        vec![
            case(WIDGET, |cx| update(cx, "/widgets/other")),
            case(unknown_member, |cx| update(cx, "/widgets/w%201")),
            case(WIDGET, |_| panic!("a broken check")),
            case(wrong_response, |cx| update(cx, "/widgets/w%201")),
            case(WIDGET, |cx| cx.not_built("`widgets`")),
        ],
        Floors::ALL,
    );
    let steps: Vec<[&str; 3]> = report
        .results
        .iter()
        .map(|r| StepName::ALL.map(|s| cause(r.outcome.step(s))))
        .collect();
    assert_eq!(
        steps,
        [
            ["pass", "pass", "wrong-path"],
            ["request-round-trip-differs", "pass", "wrong-body"],
            ["check-panicked", "check-panicked", "check-panicked"],
            [
                "pass",
                "response-does-not-deserialize",
                "response-does-not-decode"
            ],
            ["skip", "skip", "skip"],
        ]
    );
    let Step::Fail { detail, .. } = &report.results[1].outcome.request else {
        unreachable!()
    };
    assert_eq!(detail, "`colour` is lost");
    let Step::Fail { detail, .. } = &report.results[0].outcome.call else {
        unreachable!()
    };
    assert_eq!(detail, "sent `/widgets/other` instead of `/widgets/w 1`");

    assert_eq!((report.examples, report.built), (5, 4));
    let call = report.tally(StepName::Call);
    assert_eq!((call.passed, call.failed, call.skipped), (0, 4, 0));
    let shortfalls = Floors::ALL.shortfalls(&report);
    assert_eq!(shortfalls.len(), 3, "{shortfalls:?}");
    let lenient = Floors::ALL.with("0").unwrap();
    assert!(lenient.shortfalls(&report).is_empty());
}
