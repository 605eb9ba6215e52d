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
mod floors;
mod report;
mod run;
mod step;

pub use context::Context;
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
    /// The request body, as JSON text.
    pub request_body: Option<&'static str>,
    /// `file:line` of the response, if the example has one.
    pub response_source: Option<&'static str>,
    /// The status the server answers with.
    pub response_status: u16,
    /// The response body, as JSON text.
    pub response_body: Option<&'static str>,
    /// The example says its response shows only part of the real one.
    pub truncated: bool,
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
