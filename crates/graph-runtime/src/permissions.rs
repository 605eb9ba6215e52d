//! The documented permissions of operations, as data a program can read,
//! and the least-privileged scope set that covers a chosen list of them.

use std::collections::BTreeSet;
use std::fmt;

/// The three ways a caller can hold permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scheme {
    /// Delegated, work or school account.
    DelegatedWork,
    /// Delegated, personal Microsoft account.
    DelegatedPersonal,
    /// Application permissions, with no signed-in user.
    Application,
}

/// The scopes one scheme accepts for an operation, in one context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Permission {
    /// How the caller holds the scopes.
    pub scheme: Scheme,
    /// The context the scopes apply to (`Device management`) on pages whose
    /// permissions vary by context.
    pub context: Option<&'static str>,
    /// Least privileged first; empty when the scheme is not supported.
    pub scopes: &'static [&'static str],
    /// How many of `scopes`, from the start, the docs call least privileged.
    pub least_privileged: usize,
}

impl Permission {
    /// The scopes the docs call least privileged.
    pub fn least_privileged_scopes(&self) -> &'static [&'static str] {
        &self.scopes[..self.least_privileged.min(self.scopes.len())]
    }
}

/// What the docs say about one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The request builder's name, such as `CreateUser`.
    pub name: &'static str,
    /// The HTTP method, such as `POST`.
    pub method: &'static str,
    /// The path template, such as `/users/{id}`.
    pub path: &'static str,
    /// The documented permissions, in the docs' order.
    pub permissions: &'static [Permission],
    /// The docs page the operation was read from.
    pub source: &'static str,
}

impl OperationInfo {
    /// Every scope that grants the operation under `scheme`, in any context.
    pub fn scopes(&self, scheme: Scheme) -> BTreeSet<&'static str> {
        self.permissions
            .iter()
            .filter(|p| p.scheme == scheme)
            .flat_map(|p| p.scopes.iter().copied())
            .collect()
    }
}

/// An operation that the chosen scheme cannot call at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotSupported {
    /// The operation's name.
    pub operation: &'static str,
    /// The scheme it does not support.
    pub scheme: Scheme,
}

impl fmt::Display for NotSupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents no {:?} permission",
            self.operation, self.scheme
        )
    }
}

impl std::error::Error for NotSupported {}

/// A small set of scopes that lets a caller of `scheme` call every one of
/// `operations`, preferring the scopes the docs call least privileged.
///
/// Operations with the fewest choices are served first; a scope already
/// chosen is reused when an operation accepts it, otherwise the operation's
/// least-privileged scope is added. The result is sorted.
pub fn least_privileged_scopes(
    operations: &[&OperationInfo],
    scheme: Scheme,
) -> Result<Vec<&'static str>, NotSupported> {
    let mut choices: Vec<(&OperationInfo, BTreeSet<&'static str>)> = operations
        .iter()
        .map(|op| (*op, op.scopes(scheme)))
        .collect();
    if let Some((op, _)) = choices.iter().find(|(_, scopes)| scopes.is_empty()) {
        return Err(NotSupported {
            operation: op.name,
            scheme,
        });
    }
    choices.sort_by_key(|(op, scopes)| (scopes.len(), op.name));

    let mut chosen: BTreeSet<&'static str> = BTreeSet::new();
    for (op, accepted) in choices {
        if accepted.iter().any(|s| chosen.contains(s)) {
            continue;
        }
        let least = op
            .permissions
            .iter()
            .filter(|p| p.scheme == scheme)
            .flat_map(|p| p.least_privileged_scopes().iter().copied())
            .next()
            .or_else(|| accepted.iter().next().copied());
        chosen.extend(least);
    }
    Ok(chosen.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const READ: OperationInfo = OperationInfo {
        name: "GetUser",
        method: "GET",
        path: "/users/{id}",
        permissions: &[
            Permission {
                scheme: Scheme::DelegatedWork,
                context: None,
                scopes: &["User.Read", "User.ReadWrite", "User.Read.All"],
                least_privileged: 1,
            },
            Permission {
                scheme: Scheme::Application,
                context: None,
                scopes: &[],
                least_privileged: 0,
            },
        ],
        source: "api/user-get.md",
    };

    const WRITE: OperationInfo = OperationInfo {
        name: "UpdateUser",
        method: "PATCH",
        path: "/users/{id}",
        permissions: &[Permission {
            scheme: Scheme::DelegatedWork,
            context: None,
            scopes: &["User.ReadWrite", "User.ReadWrite.All"],
            least_privileged: 1,
        }],
        source: "api/user-update.md",
    };

    #[test]
    fn one_scope_covers_what_it_can() {
        let scopes = least_privileged_scopes(&[&READ, &WRITE], Scheme::DelegatedWork).unwrap();
        assert_eq!(scopes, ["User.ReadWrite"]);
    }

    #[test]
    fn the_least_privileged_scope_is_chosen_alone() {
        let scopes = least_privileged_scopes(&[&READ], Scheme::DelegatedWork).unwrap();
        assert_eq!(scopes, ["User.Read"]);
    }

    #[test]
    fn an_unsupported_scheme_is_an_error() {
        let err = least_privileged_scopes(&[&READ], Scheme::Application).unwrap_err();
        assert_eq!(err.operation, "GetUser");
    }
}
