//! The result of one step of one example.

use serde::Serialize;

use crate::compare::{summarize, Difference};

/// The three checks of an example, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepName {
    /// The request body round-trips through the body type.
    Request,
    /// The response body deserializes into the response type.
    Response,
    /// The client sends the documented request and decodes the response.
    Call,
}

impl StepName {
    /// Every step, in order.
    pub const ALL: [StepName; 3] = [StepName::Request, StepName::Response, StepName::Call];

    /// The step's name in reports and in `DOCGEN_EXAMPLES_FLOORS`.
    pub fn as_str(self) -> &'static str {
        match self {
            StepName::Request => "request",
            StepName::Response => "response",
            StepName::Call => "call",
        }
    }
}

/// How one step of one example went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "status")]
pub enum Step {
    Pass,
    /// The check ran and found a difference.
    Fail {
        /// A short, stable name for the kind of failure, to group by
        /// (`body-does-not-deserialize`).
        cause: String,
        /// What exactly differs, for a reader fixing it.
        detail: String,
        /// Every member the failure names, by path, when it compares two
        /// bodies: `detail` lists only the first few. Empty otherwise.
        #[serde(skip)]
        members: Vec<String>,
        /// The docs lint's finding that explains the failure, when the
        /// example contradicts the docs' own tables there: `file:line:
        /// code: message`. None for a failure of the generated client.
        #[serde(skip_serializing_if = "Option::is_none")]
        docs_defect: Option<String>,
    },
    /// There was nothing to check: the example shows no body, or the
    /// operation's crate features are off.
    Skip {
        reason: String,
    },
}

impl Step {
    /// A failure of the kind `cause`.
    pub fn fail(cause: &str, detail: impl Into<String>) -> Step {
        Step::Fail {
            cause: cause.to_string(),
            detail: detail.into(),
            members: Vec::new(),
            docs_defect: None,
        }
    }

    /// A failure of the kind `cause` where two bodies differ.
    pub(crate) fn differs(cause: &str, found: &[Difference]) -> Step {
        Step::Fail {
            cause: cause.to_string(),
            detail: summarize(found),
            members: found.iter().map(|d| d.member.clone()).collect(),
            docs_defect: None,
        }
    }

    /// Nothing to check, and why.
    pub fn skip(reason: impl Into<String>) -> Step {
        Step::Skip {
            reason: reason.into(),
        }
    }

    /// Whether the step ran and passed.
    pub fn passed(&self) -> bool {
        matches!(self, Step::Pass)
    }

    /// The finding that explains the failure, if the step failed because
    /// of the docs.
    pub fn docs_defect(&self) -> Option<&str> {
        match self {
            Step::Fail { docs_defect, .. } => docs_defect.as_deref(),
            _ => None,
        }
    }

    /// The failure's cause, if the step failed.
    pub fn cause(&self) -> Option<&str> {
        match self {
            Step::Fail { cause, .. } => Some(cause),
            _ => None,
        }
    }
}

/// The three steps of one example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Whether the check was compiled: false when the operation needs
    /// crate features that were off.
    pub built: bool,
    pub request: Step,
    pub response: Step,
    pub call: Step,
}

impl Outcome {
    /// The steps of a check that ran.
    pub fn new(request: Step, response: Step, call: Step) -> Outcome {
        Outcome {
            built: true,
            request,
            response,
            call,
        }
    }

    /// Every step with the same result, for checks that broke off.
    pub fn all(step: Step) -> Outcome {
        Outcome::new(step.clone(), step.clone(), step)
    }

    /// A check that was not compiled because `features` were off.
    pub fn not_built(features: &str) -> Outcome {
        let skip = Step::skip(format!("needs the crate features {features}"));
        Outcome {
            built: false,
            ..Outcome::all(skip)
        }
    }

    /// The result of one step.
    pub fn step(&self, name: StepName) -> &Step {
        match name {
            StepName::Request => &self.request,
            StepName::Response => &self.response,
            StepName::Call => &self.call,
        }
    }

    /// The result of one step, to change.
    pub fn step_mut(&mut self, name: StepName) -> &mut Step {
        match name {
            StepName::Request => &mut self.request,
            StepName::Response => &mut self.response,
            StepName::Call => &mut self.call,
        }
    }
}
