//! Permission tables to permissions per scheme and context.

use docgen_page::{RowView, Table};

use crate::ir::{Permission, PermissionScheme};

/// Reads a permissions table in any of its shapes:
///
/// - `Permission type | Permissions (from least to most privileged)`, and
///   the same with `most to least`, whose scopes are reversed here so that
///   the least privileged comes first;
/// - `Permission type | Least privileged permissions | Higher privileged
///   permissions`;
/// - Intune's `_varies by context_` rows followed by one indented row per
///   context.
pub fn read_permissions(table: &Table) -> Vec<Permission> {
    let header = |i: usize| {
        table
            .header
            .get(i)
            .map(|h| h.to_ascii_lowercase())
            .unwrap_or_default()
    };
    let most_first = header(1).contains("most to least");
    let split_least = header(1).contains("least privileged") && table.header.len() >= 3;

    let mut permissions = Vec::new();
    let mut scheme: Option<PermissionScheme> = None;
    for row in table.body() {
        let label = row.cell(0).text.to_ascii_lowercase();
        if let Some(s) = parse_scheme(&label).filter(|_| !row.indented) {
            scheme = Some(s);
            if row
                .cell(1)
                .text
                .to_ascii_lowercase()
                .contains("varies by context")
            {
                continue;
            }
            let context = row.context.as_deref().map(str::to_string);
            permissions.push(permission(s, context, row, most_first, split_least));
        } else if let Some(s) = scheme {
            // An indented row names a context of the scheme above.
            let context = Some(row.cell(0).text.to_string());
            permissions.push(permission(s, context, row, most_first, split_least));
        }
    }
    permissions
}

fn permission(
    scheme: PermissionScheme,
    context: Option<String>,
    row: RowView,
    most_first: bool,
    split_least: bool,
) -> Permission {
    let mut scopes = scopes(&row.cell(1).text);
    if most_first {
        scopes.reverse();
    }
    let least_privileged = if split_least {
        scopes.len()
    } else {
        scopes.len().min(1)
    };
    if split_least {
        scopes.extend(self::scopes(&row.cell(2).text));
    }
    Permission {
        scheme,
        context,
        scopes,
        least_privileged,
    }
}

fn parse_scheme(label: &str) -> Option<PermissionScheme> {
    if label.contains("application") {
        Some(PermissionScheme::Application)
    } else if label.contains("personal") {
        Some(PermissionScheme::DelegatedPersonal)
    } else if label.contains("delegated") {
        Some(PermissionScheme::DelegatedWork)
    } else {
        None
    }
}

/// Scopes are dotted words (`User.Read.All`) separated by commas, `or`, or
/// `and`; "Not supported." and other prose yield none.
fn scopes(text: &str) -> Vec<String> {
    text.split([',', ';', ' '])
        .map(|w| w.trim().trim_end_matches('.'))
        .filter(|w| is_scope(w))
        .map(str::to_string)
        .collect()
}

fn is_scope(word: &str) -> bool {
    word.contains('.')
        && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use docgen_page::parse_page;

    fn first_table(markdown: &str) -> Table {
        let (page, _) = parse_page("a.md", markdown);
        page.tables.into_iter().next().unwrap()
    }

    #[test]
    fn reads_least_to_most_tables() {
        let table = first_table(
            "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n\
             |Delegated (work or school account)|User.Read, User.ReadWrite|\n\
             |Delegated (personal Microsoft account)|Not supported.|\n\
             |Application|User.Read.All|\n",
        );
        let p = read_permissions(&table);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].scopes, ["User.Read", "User.ReadWrite"]);
        assert_eq!(p[0].least_privileged, 1);
        assert!(p[1].scopes.is_empty());
        assert_eq!(p[2].scheme, PermissionScheme::Application);
    }

    #[test]
    fn reverses_most_to_least_tables() {
        let table = first_table(
            "|Permission type|Permissions (from most to least privileged)|\n|:--|:--|\n\
             |Application|A.ReadWrite.All, A.Read.All|\n",
        );
        assert_eq!(
            read_permissions(&table)[0].scopes,
            ["A.Read.All", "A.ReadWrite.All"]
        );
    }

    #[test]
    fn reads_contexts() {
        let table = first_table(
            "|Permission type|Permissions (from most to least privileged)|\n|:--|:--|\n\
             |Delegated (work or school account)| _varies by context_ |\n\
             | &nbsp; &nbsp; MAM | DeviceManagementApps.ReadWrite.All |\n\
             | &nbsp; &nbsp; Onboarding | DeviceManagementServiceConfig.ReadWrite.All |\n\
             |Application|Not supported.|\n",
        );
        let p = read_permissions(&table);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].context.as_deref(), Some("MAM"));
        assert_eq!(p[1].scopes, ["DeviceManagementServiceConfig.ReadWrite.All"]);
        assert_eq!(p[2].scheme, PermissionScheme::Application);
        assert_eq!(p[2].context, None);
    }

    #[test]
    fn reads_least_and_higher_columns() {
        let table = first_table(
            "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:--|:--|:--|\n\
             |Delegated (work or school account)|User.Read|User.ReadWrite.All, Directory.Read.All|\n\
             |Application|Not supported.|Not supported.|\n",
        );
        let p = read_permissions(&table);
        assert_eq!(
            p[0].scopes,
            ["User.Read", "User.ReadWrite.All", "Directory.Read.All"]
        );
        assert_eq!(p[0].least_privileged, 1);
        assert!(p[1].scopes.is_empty());
    }
}
