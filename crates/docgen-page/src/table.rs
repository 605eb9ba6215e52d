use std::borrow::Cow;

use serde::Serialize;

use crate::page::{ascii_lowercase_in, starts_with_ignore_case, trim};

/// What a table describes, decided from its header and the section it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// `Permission type | Permissions (from least to most privileged)`.
    Permissions,
    /// `Property | Type | Description` on a resource page.
    Properties,
    /// `Relationship | Type | Description`.
    Relationships,
    /// A name-type-description table under `Request body`.
    RequestBody,
    /// A name-type-description table under `Path parameters` or `Function
    /// parameters`, or one with a `Parameter` column elsewhere.
    Parameters,
    /// `Name | Description` or `Name | Value | Description` under `Optional
    /// query parameters`.
    QueryParameters,
    /// `Header | Value` or `Name | Description` under `Request headers`.
    Headers,
    /// `Member | Value | Description`, or a single `Member` column.
    EnumMembers,
    /// `Method | Return Type | Description`.
    Methods,
    /// `Error code | Description` and the like.
    ErrorCodes,
    /// A shape not recognized; kept as a raw table.
    Unknown,
}

impl TableKind {
    /// The kind of a table with this header, in a section with these titles
    /// (innermost first). Both are compared in any case.
    pub fn classify(header: &[impl AsRef<str>], sections: &[impl AsRef<str>]) -> TableKind {
        let first = header.first().map_or("", |h| unmarked(h.as_ref()));
        let mut buffer = [0; 64];
        let first: Cow<str> = match ascii_lowercase_in(first, &mut buffer) {
            Some(lower) => Cow::Borrowed(lower),
            None => Cow::Owned(first.to_ascii_lowercase()),
        };
        let first = &*first;
        let has = |name: &str| {
            header
                .iter()
                .any(|h| unmarked(h.as_ref()).eq_ignore_ascii_case(name))
        };
        let under = |prefix: &str| {
            sections
                .iter()
                .any(|s| starts_with_ignore_case(s.as_ref(), prefix))
        };
        let innermost = sections.first().map(AsRef::as_ref).unwrap_or("");
        let innermost_is = |title: &str| innermost.eq_ignore_ascii_case(title);

        if first.starts_with("permission type") {
            // `Permission type | Property | Type | Description` lists which
            // properties each kind of permission object accepts.
            if has("property") && under("request body") {
                return TableKind::RequestBody;
            }
            return TableKind::Permissions;
        }
        if first == "permission" && has("scopes") || is_transposed_permissions(header) {
            return TableKind::Permissions;
        }
        if matches!(first, "method" | "function") && header.len() >= 2 {
            // A few resource pages head their property table `Method |
            // Return Type | Description`; the section says what it is.
            if innermost_is("properties") {
                return TableKind::Properties;
            }
            return TableKind::Methods;
        }
        if first == "member" || first == "members" || first == "enum member" {
            return TableKind::EnumMembers;
        }
        if first.contains("error code") || first == "code" && under("error") {
            return TableKind::ErrorCodes;
        }
        if first == "header" || first == "headers" || first == "request header" {
            return TableKind::Headers;
        }
        if matches!(
            first,
            "relationship" | "relationships" | "relationship name"
        ) {
            if innermost_is("properties") {
                return TableKind::Properties;
            }
            return TableKind::Relationships;
        }

        let name_column = matches!(
            first,
            "property"
                | "properties"
                | "property name"
                | "name"
                | "parameter"
                | "parameters"
                | "parameter name"
                | "query parameter"
        );
        // Some request body tables give an example value instead of a type.
        let typed = has("type") || has("value") && first != "query parameter";
        if name_column && typed {
            if under("request header") || under("optional request header") {
                return TableKind::Headers;
            }
            if under("request body") || under("request") && first == "parameter" {
                return TableKind::RequestBody;
            }
            if under("path parameter") || under("function parameter") || under("parameters") {
                return TableKind::Parameters;
            }
            if under("query parameter") || under("optional query") {
                return TableKind::QueryParameters;
            }
            if under("relationship") {
                return TableKind::Relationships;
            }
            if !has("type") {
                return TableKind::Unknown;
            }
            if first.starts_with("parameter") {
                return TableKind::Parameters;
            }
            if first == "query parameter" {
                return TableKind::QueryParameters;
            }
            return TableKind::Properties;
        }
        if matches!(first, "name" | "parameter" | "query parameter") {
            if under("request header") || under("optional request header") {
                return TableKind::Headers;
            }
            if under("query parameter") || under("optional query") || under("optional request") {
                return TableKind::QueryParameters;
            }
        }
        if (first == "value" || first == "name") && has("description") && under("values") {
            return TableKind::EnumMembers;
        }
        if first == "value" && (header.len() == 1 || has("description")) && names_values(innermost)
        {
            return TableKind::EnumMembers;
        }
        TableKind::Unknown
    }
}

/// A permissions table with one column per kind of permission and one row
/// per resource or operation: `Supported resource | Delegated (work or
/// school account) | Delegated (personal Microsoft account) | Application`.
fn is_transposed_permissions(header: &[impl AsRef<str>]) -> bool {
    let delegated = |h: &dyn AsRef<str>| starts_with_ignore_case(unmarked(h.as_ref()), "delegated");
    header.len() >= 2 && header[1..].iter().any(|h| delegated(h)) && !delegated(&header[0])
}

/// A section that lists the values of an enumeration: `signInAudience
/// values`, `sortBy options`, `State Enumeration`.
fn names_values(section: &str) -> bool {
    ["values", "options", "enumeration"].iter().any(|w| {
        section
            .len()
            .checked_sub(w.len())
            .and_then(|at| section.as_bytes().get(at..))
            .is_some_and(|end| end.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// A header cell without the emphasis or code marks around it.
fn unmarked(header: &str) -> &str {
    trim(header).trim_matches(|c| c == '*' || c == '_' || c == '`')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(header: &[&str], sections: &[&str]) -> TableKind {
        let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        let sections: Vec<String> = sections.iter().map(|s| s.to_string()).collect();
        TableKind::classify(&header, &sections)
    }

    #[test]
    fn classifies_the_common_shapes() {
        let cases: &[(&[&str], &[&str], TableKind)] = &[
            (
                &[
                    "Permission type",
                    "Permissions (from least to most privileged)",
                ],
                &["permissions"],
                TableKind::Permissions,
            ),
            (
                &["Property", "Type", "Description"],
                &["properties"],
                TableKind::Properties,
            ),
            (
                &["Property", "Type", "Description"],
                &["request body"],
                TableKind::RequestBody,
            ),
            (
                &["Parameter", "Type", "Description"],
                &["request body"],
                TableKind::RequestBody,
            ),
            (
                &["Parameter", "Type", "Description"],
                &["function parameters"],
                TableKind::Parameters,
            ),
            (
                &["Name", "Description"],
                &["optional query parameters"],
                TableKind::QueryParameters,
            ),
            (
                &["Header", "Value"],
                &["request headers"],
                TableKind::Headers,
            ),
            (
                &["Name", "Description"],
                &["request headers"],
                TableKind::Headers,
            ),
            (
                &["Member", "Value", "Description"],
                &["risklevel values"],
                TableKind::EnumMembers,
            ),
            (
                &["Method", "Return Type", "Description"],
                &["methods"],
                TableKind::Methods,
            ),
            (
                &["Relationship", "Type", "Description"],
                &["relationships"],
                TableKind::Relationships,
            ),
            (&["Foo", "Bar"], &["properties"], TableKind::Unknown),
        ];
        for (header, sections, expected) in cases {
            assert_eq!(
                kind(header, sections),
                *expected,
                "{header:?} under {sections:?}"
            );
        }
    }

    #[test]
    fn classifies_rarer_shapes() {
        let cases: &[(&[&str], &[&str], TableKind)] = &[
            (
                &[
                    "Permission type",
                    "Least privileged permissions",
                    "Higher privileged permissions",
                ],
                &["permissions"],
                TableKind::Permissions,
            ),
            (
                &[
                    "Supported resource",
                    "Delegated (work or school account)",
                    "Delegated (personal Microsoft account)",
                    "Application",
                ],
                &["permissions"],
                TableKind::Permissions,
            ),
            (
                &["Permission Type", "Property", "Type", "Description"],
                &["request body"],
                TableKind::RequestBody,
            ),
            (
                &["Function", "Return Type", "Description"],
                &["functions", "reports"],
                TableKind::Methods,
            ),
            (
                &["Method", "Return Type", "Description"],
                &["properties"],
                TableKind::Properties,
            ),
            (
                &["Relationship", "Type", "Description"],
                &["properties"],
                TableKind::Properties,
            ),
            (
                &["Relationship name", "Type", "Description"],
                &["relationships"],
                TableKind::Relationships,
            ),
            (
                &["Name", "Value", "Description"],
                &["request body"],
                TableKind::RequestBody,
            ),
            (
                &["Parameter name", "Value", "Description"],
                &["path parameters"],
                TableKind::Parameters,
            ),
            (
                &["Name", "Description"],
                &["optional request headers"],
                TableKind::Headers,
            ),
            (
                &["Name", "Type", "Description"],
                &["optional request headers"],
                TableKind::Headers,
            ),
            (
                &["Value", "Description"],
                &["signinaudience values"],
                TableKind::EnumMembers,
            ),
            (&["Value"], &["mediasizes values"], TableKind::EnumMembers),
            (
                &["Value", "Description"],
                &["sortby options"],
                TableKind::EnumMembers,
            ),
            (
                &["Name", "Value", "Description"],
                &["response"],
                TableKind::Unknown,
            ),
        ];
        for (header, sections, expected) in cases {
            assert_eq!(
                kind(header, sections),
                *expected,
                "{header:?} under {sections:?}"
            );
        }
    }
}
