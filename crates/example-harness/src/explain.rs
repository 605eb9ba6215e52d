//! Telling the failures the docs cause from the failures of the client.
//!
//! The generator's docs lint reads every example against the docs' own
//! tables and hands its findings to the check with the example
//! ([`Example::request_findings`], [`Example::response_findings`]). A step
//! that fails at a member the lint found wrong (a `datetime-value` where
//! the table says `DateTimeOffset`, a property the table does not list)
//! fails because the example contradicts the docs; the step stays failed,
//! and its failure names the finding. So does a call whose URL none of the
//! paths the page documents fits ([`Example::url_finding`]).

use crate::{Example, Finding, Outcome, Step, StepName};

/// Marks every failed step of `outcome` that one of `example`'s findings
/// explains with that finding.
pub fn explain(example: &Example, outcome: &mut Outcome) {
    for step in [StepName::Request, StepName::Response] {
        let findings = findings_of(example, step);
        mark(outcome.step_mut(step), findings);
    }

    // The call sends the request body and decodes the response body, so
    // its failures are explained as the body's are.
    let request_defect = outcome.request.docs_defect().map(str::to_string);
    if let Step::Fail {
        cause, docs_defect, ..
    } = &mut outcome.call
    {
        match cause.as_str() {
            "request-body-unusable" => *docs_defect = request_defect,
            "wrong-body" => mark(&mut outcome.call, example.request_findings),
            "response-does-not-decode" => mark(&mut outcome.call, example.response_findings),
            "url-does-not-match" => *docs_defect = example.url_finding.map(|f| f.to_string()),
            _ => {}
        }
    }

    // An example whose URL the page does not document is of another
    // operation: its bodies need not fit this one's types.
    if let Some(url) = example.url_finding {
        for step in StepName::ALL {
            if let Step::Fail {
                docs_defect: docs_defect @ None,
                ..
            } = outcome.step_mut(step)
            {
                *docs_defect = Some(url.to_string());
            }
        }
    }
}

fn findings_of(example: &Example, step: StepName) -> &'static [Finding] {
    match step {
        StepName::Request => example.request_findings,
        StepName::Response | StepName::Call => example.response_findings,
    }
}

/// Sets the step's docs defect when every member its failure names is
/// explained by a finding: the members a comparison found, all of them, or
/// else those the detail names.
fn mark(step: &mut Step, findings: &[Finding]) {
    let Step::Fail {
        detail,
        members,
        docs_defect,
        ..
    } = step
    else {
        return;
    };
    let members = if members.is_empty() {
        failed_members(detail)
    } else {
        Some(members.clone())
    };
    let Some(members) = members else {
        return;
    };
    let explaining: Option<Vec<&Finding>> = members
        .iter()
        .map(|member| findings.iter().find(|f| explains(f.path, member)))
        .collect();
    if let Some(mut explaining) = explaining {
        explaining.dedup();
        let text: Vec<String> = explaining.iter().map(|f| f.to_string()).collect();
        *docs_defect = Some(text.join("; "));
    }
}

/// The members a failure's detail names: the chain of serde's
/// ``field `a`: field `b`: ...`` as `a.b`; each `` `a.b[0]` `` a comparison
/// lists; or the body itself when it names none. None when the detail
/// leaves some out (`and 3 more`).
fn failed_members(detail: &str) -> Option<Vec<String>> {
    const FIELD: &str = "field `";
    if let Some(start) = detail.find(FIELD) {
        let mut rest = &detail[start..];
        let mut chain = Vec::new();
        while let Some(after) = rest.strip_prefix(FIELD) {
            let (name, tail) = after.split_once('`')?;
            chain.push(name);
            rest = tail.strip_prefix(": ").unwrap_or("");
        }
        return Some(vec![chain.join(".")]);
    }

    let mut members = Vec::new();
    for part in detail.split("; ") {
        match part.strip_prefix('`').and_then(|p| p.split_once('`')) {
            Some(("(the body)", _)) => members.push(String::new()),
            Some((member, _)) => members.push(member.to_string()),
            None if part.starts_with("and ") && part.ends_with(" more") => return None,
            None => {}
        }
    }
    if members.is_empty() {
        members.push(String::new());
    }
    Some(members)
}

/// Whether a finding at `found` explains a failure at `failed`: the
/// finding is at the member or at one that holds it. A collection
/// response's items sit under `value`, which serde's errors leave out.
fn explains(found: &str, failed: &str) -> bool {
    let found = segments(found);
    let failed = segments(failed);
    failed.starts_with(&found) || found.first() == Some(&"value") && failed.starts_with(&found[1..])
}

/// `value[0].members[3].id` → `["value", "members", "id"]`.
fn segments(path: &str) -> Vec<&str> {
    path.split('.')
        .map(|s| s.split('[').next().unwrap_or(s))
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_read_from_serde_chains_and_comparisons() {
        assert_eq!(
            failed_members("field `item`: field `contentBytes`: Invalid padding at line 1"),
            Some(vec!["item.contentBytes".to_string()])
        );
        assert_eq!(
            failed_members("could not decode the HTTP 200 response body: field `when`: bad"),
            Some(vec!["when".to_string()])
        );
        assert_eq!(
            failed_members("`a.b[1]` is 3 instead of 2; `c` is lost"),
            Some(vec!["a.b[1]".to_string(), "c".to_string()])
        );
        assert_eq!(
            failed_members("`a` is lost; `b` is lost; `c` is lost; and 2 more"),
            None
        );
        assert_eq!(
            failed_members("the example's response has a body, but the operation returns none"),
            Some(vec![String::new()])
        );
    }

    #[test]
    fn a_finding_explains_its_member_and_what_it_holds() {
        assert!(explains("value[0].createdDateTime", "createdDateTime"));
        assert!(explains("student.birthDate", "student.birthDate"));
        assert!(explains("link", "link.webUrl"));
        assert!(explains("", "anything"));
        assert!(!explains("addIns[0].id", "id"));
        assert!(!explains("a.b", "a"));
    }
}
