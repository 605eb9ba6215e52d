//! The least share of examples each step must pass.

use serde::Serialize;

use crate::report::Report;
use crate::StepName;

/// The variable that overrides the generated floors:
/// `request=0.9,response=0.8,call=0.5`.
pub const FLOORS_VAR: &str = "DOCGEN_EXAMPLES_FLOORS";

/// Per step, the least pass rate (passed over passed and failed; skipped
/// examples do not count) that the run accepts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Floors {
    pub request: f64,
    pub response: f64,
    pub call: f64,
}

impl Floors {
    /// Every checked example must pass every step.
    pub const ALL: Floors = Floors {
        request: 1.0,
        response: 1.0,
        call: 1.0,
    };

    /// The floor of one step.
    pub fn get(&self, step: StepName) -> f64 {
        match step {
            StepName::Request => self.request,
            StepName::Response => self.response,
            StepName::Call => self.call,
        }
    }

    /// These floors with the ones `text` sets replaced:
    /// `request=0.9,call=0.5`; a bare number sets all three.
    pub fn with(mut self, text: &str) -> Result<Floors, String> {
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = match part.split_once('=') {
                Some((name, value)) => (Some(name.trim()), value.trim()),
                None => (None, part),
            };
            let value: f64 = value
                .parse()
                .ok()
                .filter(|v| (0.0..=1.0).contains(v))
                .ok_or_else(|| format!("{part:?}: a floor is a number from 0 to 1"))?;
            match name {
                None => {
                    self = Floors {
                        request: value,
                        response: value,
                        call: value,
                    }
                }
                Some("request") => self.request = value,
                Some("response") => self.response = value,
                Some("call") => self.call = value,
                Some(other) => {
                    return Err(format!(
                        "{other:?} is not a step; the steps are request, response and call"
                    ))
                }
            }
        }
        Ok(self)
    }

    /// These floors, overridden by `DOCGEN_EXAMPLES_FLOORS` when it is set.
    pub fn from_env(self) -> Result<Floors, String> {
        match std::env::var(FLOORS_VAR) {
            Ok(text) => self.with(&text).map_err(|e| format!("{FLOORS_VAR}: {e}")),
            Err(_) => Ok(self),
        }
    }

    /// Every step under its floor, as one line each; empty when all hold.
    pub fn shortfalls(&self, report: &Report) -> Vec<String> {
        StepName::ALL
            .into_iter()
            .filter_map(|step| {
                let tally = report.tally(step);
                let floor = self.get(step);
                (tally.pass_rate() < floor).then(|| {
                    format!(
                        "{}: {} of {} checked examples pass ({:.1}%), under the floor of {:.1}%",
                        step.as_str(),
                        tally.passed,
                        tally.checked(),
                        tally.pass_rate() * 100.0,
                        floor * 100.0
                    )
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_read_per_step_or_all_at_once() {
        let floors = Floors::ALL.with("request=0.5, call=0.25").unwrap();
        assert_eq!(
            floors,
            Floors {
                request: 0.5,
                response: 1.0,
                call: 0.25
            }
        );
        assert_eq!(Floors::ALL.with("0").unwrap().response, 0.0);
    }

    #[test]
    fn bad_floors_are_refused_with_the_reason() {
        assert!(Floors::ALL
            .with("calls=0.5")
            .unwrap_err()
            .contains("not a step"));
        assert!(Floors::ALL
            .with("call=50")
            .unwrap_err()
            .contains("from 0 to 1"));
    }
}
