use std::fmt;

use serde::Serialize;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The item was dropped or the run cannot produce a correct result.
    Error,
    /// The item was kept, with a guess the user should check.
    Warning,
    /// Worth knowing; nothing was lost.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// One finding about the input, tied to a file and line.
///
/// `code` is stable across releases so that users can grep for it and
/// suppress it; `message` is for people and may change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: impl Into<String>,
        line: u32,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line,
            severity,
            code,
            message: message.into(),
        }
    }

    pub fn error(code: &'static str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code, file, line, message)
    }

    pub fn warning(code: &'static str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, code, file, line, message)
    }

    pub fn note(code: &'static str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Note, code, file, line, message)
    }
}

/// `file:line: severity[code]: message`, the shape editors and grep expect.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: {}",
            self.file, self.line, self.severity, self.code, self.message
        )
    }
}
