//! Checks a generated client crate against the request and response
//! examples of the docs it was generated from.
//!
//! The generator writes, into the client crate's `tests/examples/`, one
//! [`Case`] per documented example: the example as data ([`Example`]) and a
//! check function that uses the client's real types and navigation. Each
//! check runs three steps and reports each as a [`Step`] instead of
//! panicking, so that one broken example hides no other:
//!
//! 1. **request**: the example's request body deserializes into the type
//!    the operation takes, and serializes back to the same JSON;
//! 2. **response**: the example's response body deserializes into the type
//!    the operation returns (`Page<T>` for a collection);
//! 3. **call**: the client method, called with the path parameters found in
//!    the example's URL and the example's body, sends the documented
//!    method, path and body to a local server, and decodes the documented
//!    response that the server answers with.
//!
//! [`run`] runs every case against one local server, writes a JSON and a
//! Markdown report when `DOCGEN_EXAMPLES_REPORT` names a folder, and fails
//! when a step's pass rate is below its floor ([`Floors`]).

mod compare;
mod context;
mod explain;
mod floors;
mod report;
mod run;
mod step;

pub use context::Context;
pub use explain::explain;
pub use floors::Floors;
pub use report::{Report, StepTally};
pub use run::{run, run_cases};
pub use step::{Outcome, Step, StepName};

/// A boxed check, awaited on the test's single thread.
pub type Checked = std::pin::Pin<Box<dyn std::future::Future<Output = Outcome>>>;

/// The check function of one example; generated code.
pub type Check = fn(Context) -> Checked;

/// One documented example, as the generator read it.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// The page it is on, relative to the docs folder.
    pub page: &'static str,
    /// The example's name from its annotation, or `example N`.
    pub name: &'static str,
    /// The request builder of the operation it belongs to.
    pub operation: &'static str,
    /// The request's method as the example shows it.
    pub method: &'static str,
    /// The request's URL as the example shows it.
    pub url: &'static str,
    /// The URL's path, without the service root and the query: what the
    /// client must send.
    pub path: &'static str,
    /// `file:line` of the request, if the example has one.
    pub request_source: Option<&'static str>,
    /// The request body, as JSON text, with a stand-in for every value it
    /// elides (see [`Finding::ELIDED_VALUE`]).
    pub request_body: Option<&'static str>,
    /// `file:line` of the response, if the example has one.
    pub response_source: Option<&'static str>,
    /// The status the server answers with.
    pub response_status: u16,
    /// The response body, as JSON text, with a stand-in for every value
    /// it elides (see [`Finding::ELIDED_VALUE`]).
    pub response_body: Option<&'static str>,
    /// The `Location` header the response shows: where a redirect leads.
    pub location: Option<&'static str>,
    /// The example says its response shows only part of the real one.
    pub truncated: bool,
    /// Where the request body contradicts the docs' own tables.
    pub request_findings: &'static [Finding],
    /// Where the response body contradicts the docs' own tables.
    pub response_findings: &'static [Finding],
    /// The docs lint's finding when the URL is none of the paths the
    /// operation's page documents.
    pub url_finding: Option<Finding>,
}

/// A place where an example's body contradicts the docs' own tables, as
/// the generator's docs lint found it: a value its declared type cannot
/// hold, a member the type does not declare. A step that fails there fails
/// because of the docs, and the report says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The lint's code, `V004`.
    pub code: &'static str,
    /// The member, `value[0].createdDateTime`; empty for the body itself.
    pub path: &'static str,
    /// What is wrong, naming the member.
    pub message: &'static str,
    /// `file:line` of the body.
    pub source: &'static str,
}

impl Finding {
    /// The lint's code of an elided value (`"datetime-value"` where a date
    /// and time is declared): the example's body holds a stand-in of the
    /// declared type there, so that the rest of it is checked.
    pub const ELIDED_VALUE: &'static str = "V018";

    /// Whether the finding is an elided value that the body holds a
    /// stand-in for.
    pub fn is_elided_value(&self) -> bool {
        self.code == Finding::ELIDED_VALUE
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.source, self.code, self.message)
    }
}

impl Example {
    /// `file:line` of the example: its request's, else its response's.
    pub fn source(&self) -> &'static str {
        self.request_source
            .or(self.response_source)
            .unwrap_or(self.page)
    }
}

/// An example and the generated function that checks it.
#[derive(Clone, Copy)]
pub struct Case {
    pub example: Example,
    pub check: Check,
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Case")
            .field("example", &self.example)
            .finish_non_exhaustive()
    }
}
