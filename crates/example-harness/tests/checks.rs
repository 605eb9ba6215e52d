//! The harness against a real local server, with hand-written checks in
//! the shape the generator writes: what passes, and how each kind of
//! mistake is reported without stopping the other examples.

use example_harness::{
    run_cases, Case, Checked, Context, Example, Floors, Outcome, Step, StepName,
};
use graph_runtime::{Method, Request};
use serde::{Deserialize, Serialize};

/// A model as the generator writes it: fields read one by one, so that a
/// field that does not deserialize is named in the error.
#[derive(Debug, Default, Serialize)]
struct Widget {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<i32>,
}

impl<'de> Deserialize<'de> for Widget {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object = graph_runtime::object::read_object(deserializer)?;
        Ok(Widget {
            id: object.take::<_, D::Error>("id")?,
            size: object.take::<_, D::Error>("size")?,
        })
    }
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
    location: None,
    truncated: false,
    request_findings: &[],
    response_findings: &[],
    url_finding: None,
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

#[test]
fn failures_at_members_the_docs_lint_found_wrong_are_docs_defects() {
    const COLOUR: &[example_harness::Finding] = &[example_harness::Finding {
        code: "V001",
        path: "colour",
        message: "`colour` is not a property of `widget`",
        source: "api/widget-update.md:40",
    }];
    const SIZE: &[example_harness::Finding] = &[example_harness::Finding {
        code: "V002",
        path: "size",
        message: "`size` is a string, expected a number",
        source: "api/widget-update.md:52",
    }];
    let documented_mistakes = Example {
        request_body: Some(r#"{"size": 3, "colour": "red"}"#),
        request_findings: COLOUR,
        response_body: Some(r#"{"id": "w 1", "size": "big"}"#),
        response_findings: SIZE,
        ..WIDGET
    };
    let unexplained = Example {
        response_body: Some(r#"{"id": 5}"#),
        response_findings: SIZE,
        ..WIDGET
    };
    let report = run_cases(
        vec![
            case(documented_mistakes, |cx| update(cx, "/widgets/w%201")),
            case(unexplained, |cx| update(cx, "/widgets/w%201")),
        ],
        Floors::ALL,
    );

    let explained = &report.results[0].outcome;
    assert_eq!(
        explained.request.docs_defect(),
        Some("api/widget-update.md:40: V001: `colour` is not a property of `widget`")
    );
    assert_eq!(
        explained.response.docs_defect(),
        Some("api/widget-update.md:52: V002: `size` is a string, expected a number")
    );
    assert_eq!(explained.call.cause(), Some("wrong-body"));
    assert!(explained.call.docs_defect().is_some());

    let other = &report.results[1].outcome;
    assert_eq!(
        other.response.cause(),
        Some("response-does-not-deserialize")
    );
    assert_eq!(other.response.docs_defect(), None);

    let response = report.tally(StepName::Response);
    assert_eq!((response.failed, response.docs_defects), (2, 1));
    assert!(report.markdown().contains("## Docs defects"));
}

#[test]
fn a_comparison_is_explained_by_all_its_members_not_only_those_it_lists() {
    const fn unknown(path: &'static str) -> example_harness::Finding {
        example_harness::Finding {
            code: "V001",
            path,
            message: "not a property of `widget`",
            source: "api/widget-update.md:40",
        }
    }
    const UNKNOWN: &[example_harness::Finding] =
        &[unknown("a"), unknown("b"), unknown("c"), unknown("d")];
    let many_unknown = Example {
        request_body: Some(r#"{"size": 3, "a": 1, "b": 2, "c": 3, "d": 4}"#),
        request_findings: UNKNOWN,
        ..WIDGET
    };
    let one_unexplained = Example {
        request_body: Some(r#"{"size": 3, "a": 1, "b": 2, "c": 3, "e": 4}"#),
        ..many_unknown
    };
    let report = run_cases(
        vec![
            case(many_unknown, |cx| update(cx, "/widgets/w%201")),
            case(one_unexplained, |cx| update(cx, "/widgets/w%201")),
        ],
        Floors::ALL,
    );

    let outcome = &report.results[0].outcome;
    let Step::Fail { detail, .. } = &outcome.request else {
        panic!("the round trip loses four members: {:?}", outcome.request)
    };
    assert!(detail.ends_with("and 1 more"), "{detail}");
    assert!(outcome.request.docs_defect().is_some());
    assert!(outcome.call.docs_defect().is_some());

    let outcome = &report.results[1].outcome;
    assert_eq!(outcome.request.cause(), Some("request-round-trip-differs"));
    assert_eq!(outcome.request.docs_defect(), None);
}

#[test]
fn an_example_answered_with_an_error_expects_the_client_to_report_it() {
    let rejected = Example {
        response_status: 422,
        response_body: Some(
            r#"{"error": {"code": "Request_UnprocessableEntity", "message": "No."}}"#,
        ),
        ..WIDGET
    };
    let not_an_envelope = Example {
        response_status: 422,
        response_body: Some(r#"{"id": "w 1"}"#),
        ..WIDGET
    };
    let report = run_cases(
        vec![
            case(rejected, |cx| update(cx, "/widgets/w%201")),
            case(not_an_envelope, |cx| update(cx, "/widgets/w%201")),
        ],
        Floors::ALL,
    );

    let outcome = &report.results[0].outcome;
    assert_eq!(
        (&outcome.response, &outcome.call),
        (&Step::Pass, &Step::Pass)
    );
    let outcome = &report.results[1].outcome;
    assert_eq!(outcome.response.cause(), Some("error-is-not-an-envelope"));
}

#[test]
fn a_redirect_the_example_answers_with_is_followed_to_a_local_stand_in() {
    let download = Example {
        method: "GET",
        path: "/widgets/w%201/content",
        request_body: None,
        response_status: 302,
        response_body: None,
        location: Some("https://files.example.com/d/w1?token={token}"),
        ..WIDGET
    };
    fn get_content(cx: Context) -> Checked {
        Box::pin(async move {
            let client = cx.client();
            let request = Request::new(Method::GET, "/widgets/w%201/content");
            let call = cx
                .call(async move { client.call_raw(Ok(request)).await })
                .await;
            Outcome::new(cx.no_request_body(), Step::skip("raw"), call)
        })
    }
    let report = run_cases(vec![case(download, get_content)], Floors::ALL);
    assert_eq!(report.results[0].outcome.call, Step::Pass);
}
