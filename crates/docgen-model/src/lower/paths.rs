//! What the paths of all pages tell about one operation: which segments
//! are collections, and what type lives at a path.

use std::collections::{BTreeMap, BTreeSet};

use docgen_page::{Page, PathSegment, PathTemplate};

use crate::ir::{Operation, RequestBody, TypeDef, TypeRef};

/// Segment names that are collections somewhere in the API: followed by a
/// key in some path (`/users/{id}`), or a navigation property of some type.
/// A POST to such a segment creates a member; a POST to any other named
/// segment may be an action.
#[derive(Default)]
pub struct Collections {
    names: BTreeSet<String>,
}

impl Collections {
    /// Collects the collection names of every page and type.
    pub fn read(pages: &[&Page], types: &BTreeMap<String, TypeDef>) -> Collections {
        let mut names = BTreeSet::new();
        let lines = pages.iter().flat_map(|p| &p.request_lines);
        for line in lines.filter(|l| incomplete(&l.path).is_none()) {
            for pair in line.path.segments.windows(2) {
                if let [PathSegment::Literal { value }, PathSegment::Parameter { .. }] = pair {
                    names.insert(value.to_ascii_lowercase());
                }
            }
            for segment in &line.path.segments {
                // `users('{id}')`: a key in parentheses.
                if let PathSegment::Call { name, arguments } = segment {
                    if arguments.len() == 1 && arguments[0].name.is_none() {
                        names.insert(name.to_ascii_lowercase());
                    }
                }
            }
        }
        for def in types.values() {
            for p in &def.navigation {
                names.insert(p.name.to_ascii_lowercase());
            }
        }
        Collections { names }
    }

    /// Whether `segment` is a collection or a relationship somewhere.
    pub fn contains(&self, segment: &str) -> bool {
        self.names.contains(&segment.to_ascii_lowercase())
    }
}

/// Why a path stands for no service path of its own: it is written
/// relative to another (`../onenote/pages`), or leaves segments out
/// (`/me/mailFolders/{id}/childFolders/{id}/.../messages`).
pub fn incomplete(path: &PathTemplate) -> Option<&'static str> {
    path.segments.iter().find_map(|s| match s {
        PathSegment::Literal { value } if value == "." || value == ".." => {
            Some("is relative to a path the page does not give")
        }
        PathSegment::Literal { value } if value == "..." => Some("leaves segments out with `...`"),
        _ => None,
    })
}

/// A path with its keys' names dropped and case folded, so that
/// `/users/{id}` and `/Users/{user-id}` compare equal.
pub fn path_shape(path: &PathTemplate) -> String {
    segments_shape(&path.segments)
}

/// The shape of some segments of a path, as [`path_shape`] writes it.
pub fn segments_shape(segments: &[PathSegment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            PathSegment::Literal { value } => value.to_ascii_lowercase(),
            PathSegment::Parameter { .. } => "{}".to_string(),
            PathSegment::Call { name, .. } => format!("{}()", name.to_ascii_lowercase()),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the written path is an instance of the template: the same
/// literals, anything where the template has a key, and the same function
/// where it calls one.
pub fn fits(written: &PathTemplate, template: &PathTemplate) -> bool {
    written.segments.len() == template.segments.len()
        && written
            .segments
            .iter()
            .zip(&template.segments)
            .all(|(w, t)| segment_fits(w, t))
}

fn segment_fits(written: &PathSegment, template: &PathSegment) -> bool {
    match (written, template) {
        (_, PathSegment::Parameter { .. }) => true,
        (PathSegment::Literal { value: w }, PathSegment::Literal { value: t }) => {
            w.eq_ignore_ascii_case(t)
        }
        (PathSegment::Call { name: w, .. }, PathSegment::Call { name: t, .. }) => {
            w.eq_ignore_ascii_case(t)
        }
        // `delta` for `delta()`, and `users('a')` for `users/{id}` are
        // spellings the client accepts; a call without arguments may be
        // written without parentheses.
        (PathSegment::Literal { value: w }, PathSegment::Call { name: t, arguments }) => {
            arguments.iter().all(|a| a.parameter.is_none()) && w.eq_ignore_ascii_case(t)
        }
        _ => false,
    }
}

/// Types the untyped request bodies of create and update operations from
/// the path: the type a GET of the same path returns, or else the type of
/// the relationship the path ends in, when every type that has such a
/// relationship agrees on its type.
pub fn type_bodies_from_paths(operations: &mut [Operation], types: &BTreeMap<String, TypeDef>) {
    let mut at_path: BTreeMap<String, TypeRef> = BTreeMap::new();
    for op in operations.iter().filter(|op| op.method == "GET") {
        if let Some(ty @ TypeRef::Named(_)) = &op.response.ty {
            at_path
                .entry(path_shape(&op.template))
                .or_insert_with(|| ty.clone());
        }
    }
    let mut relationships: BTreeMap<String, BTreeSet<&TypeRef>> = BTreeMap::new();
    for p in types.values().flat_map(|d| &d.navigation) {
        if matches!(p.ty, TypeRef::Named(_)) {
            relationships
                .entry(p.name.to_ascii_lowercase())
                .or_default()
                .insert(&p.ty);
        }
    }

    for op in operations.iter_mut() {
        let Some(RequestBody::Type { ty, .. }) = &mut op.request_body else {
            continue;
        };
        if *ty != TypeRef::Json {
            continue;
        }
        let from_get = at_path.get(&path_shape(&op.template)).cloned();
        let from_relationship = || {
            let name = collection_segment(&op.template)?;
            match relationships.get(&name)? {
                agreed if agreed.len() == 1 => agreed.first().map(|t| (*t).clone()),
                _ => None,
            }
        };
        if let Some(found) = from_get.or_else(from_relationship) {
            *ty = found;
        }
    }
}

/// The name of the collection or relationship a path addresses: the last
/// named segment, before a key if the path ends in one.
fn collection_segment(path: &PathTemplate) -> Option<String> {
    let mut segments = path.segments.iter().rev();
    let last = segments.next()?;
    let named = match last {
        PathSegment::Parameter { .. } => segments.next()?,
        other => other,
    };
    match named {
        PathSegment::Literal { value } => Some(value.to_ascii_lowercase()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template_fits(url: &str, template: &str) -> bool {
        fits(&PathTemplate::parse(url), &PathTemplate::parse(template))
    }

    #[test]
    fn keys_match_anything_and_literals_match_without_case() {
        assert!(template_fits(
            "https://graph.microsoft.com/v1.0/users/a@b.com/MailFolders",
            "/users/{id | userPrincipalName}/mailFolders"
        ));
        assert!(template_fits("/me/events/delta", "/me/events/delta()"));
        assert!(!template_fits(
            "/print/shares/s1/allowedGroups/$ref",
            "/print/printers/{printerId}/shares/{printerShareId}/allowedGroups/$ref"
        ));
        assert!(!template_fits("/drive/items/1", "/me/drive/items/{id}"));
    }
}
