//! Type references from cells and links to qualified names.

use std::collections::BTreeMap;

use docgen_page::{Diagnostic, TypeExpr};

use crate::ir::TypeRef;

/// What the resolver knows: which page declares which type, and every type
/// by its simple name.
#[derive(Default)]
pub struct Resolver {
    /// Normalized page path (with `#anchor` for enums declared in a section)
    /// to qualified name.
    by_file: BTreeMap<String, String>,
    /// Lowercased simple name to qualified names.
    by_name: BTreeMap<String, Vec<String>>,
}

impl Resolver {
    /// Records that `file` (optionally at `anchor`) declares `name`.
    pub fn declare(&mut self, file: &str, anchor: Option<&str>, name: &str) {
        let key = match anchor {
            Some(a) => format!("{file}#{a}"),
            None => file.to_string(),
        };
        self.by_file.entry(key).or_insert_with(|| name.to_string());
        let simple = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
        let names = self.by_name.entry(simple).or_default();
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
            names.sort_by_key(|n| {
                (
                    !n.starts_with("microsoft.graph."),
                    n.matches('.').count(),
                    n.clone(),
                )
            });
        }
    }

    /// Finds a type by simple or qualified name.
    pub fn by_name(&self, name: &str) -> Option<&str> {
        let simple = name
            .trim_start_matches('#')
            .rsplit('.')
            .next()
            .unwrap_or(name)
            .to_ascii_lowercase();
        let candidates = self.by_name.get(&simple)?;
        candidates
            .iter()
            .find(|c| c.eq_ignore_ascii_case(name.trim_start_matches('#')))
            .or_else(|| candidates.first())
            .map(String::as_str)
    }

    /// Resolves a type cell read on page `file`. The link target wins over
    /// the name; a name with no type behind it falls back to untyped JSON
    /// with a diagnostic.
    pub fn resolve(
        &self,
        expr: &TypeExpr,
        file: &str,
        line: u32,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (TypeRef, bool) {
        let collection = expr.is_collection();
        let ty = match expr.item() {
            TypeExpr::Primitive { primitive } => TypeRef::Primitive(*primitive),
            TypeExpr::Named { name, target } => {
                let from_link = target.as_deref().and_then(|t| self.by_link(file, t));
                match from_link.or_else(|| self.by_name(name)) {
                    Some(q) => TypeRef::Named(q.to_string()),
                    None => {
                        diagnostics.push(Diagnostic::warning(
                            "M001",
                            file,
                            line,
                            format!(
                                "type `{name}` is not declared by any page; read as untyped JSON"
                            ),
                        ));
                        TypeRef::Json
                    }
                }
            }
            TypeExpr::Unknown { text } => {
                diagnostics.push(Diagnostic::warning(
                    "M002",
                    file,
                    line,
                    format!("`{text}` is not a type; read as untyped JSON"),
                ));
                TypeRef::Json
            }
            TypeExpr::Collection { .. } => TypeRef::Json,
        };
        (ty, collection)
    }

    /// The type declared by the page a link on page `file` points to, or by
    /// the section its anchor names. An anchor that names no declared type
    /// (`#properties`, or an enum table not read as one) gives nothing: the
    /// page's own type would be a wrong guess, and the link text is a better
    /// one for the caller to try.
    pub fn by_link(&self, file: &str, target: &str) -> Option<&str> {
        let path = join(file, target);
        self.by_file.get(&path).map(String::as_str)
    }

    /// The type a link names: its target, or for a target whose anchor names
    /// no type, its text when the text is a type name.
    pub fn by_link_or_text(&self, file: &str, target: &str, text: &str) -> Option<&str> {
        self.by_link(file, target).or_else(|| {
            if !target.contains('#') {
                return None;
            }
            let text = text.trim().trim_matches(|c| c == '*' || c == '`');
            let identifier = !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
            identifier.then(|| self.by_name(text)).flatten()
        })
    }
}

/// The path `target` names, relative to the folder of `file`, with `.` and
/// `..` folded: `api/a.md` + `../resources/user.md` → `resources/user.md`.
pub fn join(file: &str, target: &str) -> String {
    let (target, anchor) = match target.split_once('#') {
        Some((t, a)) => (t, Some(a.to_ascii_lowercase())),
        None => (target, None),
    };
    let mut parts: Vec<&str> = if target.is_empty() {
        file.split('/').collect()
    } else {
        let mut base: Vec<&str> = file.split('/').collect();
        base.pop();
        base.extend(target.split('/'));
        base
    };
    let mut folded: Vec<&str> = Vec::new();
    for part in parts.drain(..) {
        match part {
            "" | "." => {}
            ".." => {
                folded.pop();
            }
            p => folded.push(p),
        }
    }
    let mut path = folded.join("/").to_ascii_lowercase();
    if let Some(anchor) = anchor {
        path.push('#');
        path.push_str(&anchor);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_links() {
        assert_eq!(
            join("api/a.md", "../resources/user.md"),
            "resources/user.md"
        );
        assert_eq!(join("resources/a.md", "user.md"), "resources/user.md");
        assert_eq!(
            join("resources/a.md", "enums.md#riskLevel-values"),
            "resources/enums.md#risklevel-values"
        );
        assert_eq!(
            join("resources/a.md", "#x-values"),
            "resources/a.md#x-values"
        );
    }

    #[test]
    fn prefers_the_link_then_the_name() {
        let mut r = Resolver::default();
        r.declare("resources/user.md", None, "microsoft.graph.user");
        r.declare(
            "resources/enums.md",
            Some("risklevel-values"),
            "microsoft.graph.riskLevel",
        );
        assert_eq!(
            r.by_link("api/x.md", "../resources/user.md"),
            Some("microsoft.graph.user")
        );
        assert_eq!(
            r.by_link("resources/x.md", "enums.md#riskLevel-values"),
            Some("microsoft.graph.riskLevel")
        );
        assert_eq!(r.by_name("User"), Some("microsoft.graph.user"));
        assert_eq!(r.by_link("api/x.md", "../resources/user.md#methods"), None);
        assert_eq!(
            r.by_link_or_text("api/x.md", "../resources/user.md#methods", "**user**"),
            Some("microsoft.graph.user")
        );
        assert_eq!(r.by_name("nothing"), None);
    }
}
