//! Paths that read one property of what another path returns: a page
//! that documents `GET /me/mailboxSettings` may list
//! `GET /me/mailboxSettings/timeZone` beside it, which returns the
//! property's type, not the mailbox settings.

use std::collections::BTreeMap;

use docgen_page::{PathSegment, RequestLine};

use super::paths::segments_shape;
use crate::ir::{Property, Response, TypeDef, TypeRef};

/// Request lines of one method of a page that return the same thing.
pub struct PathGroup<'p> {
    pub lines: Vec<&'p RequestLine>,
    /// The property the lines read, from what the operation's own lines
    /// return: its path of names (`workingHours`, `workingHours/timeZone`)
    /// and its declaration. None for the operation's own lines.
    pub property: Option<(String, Property)>,
}

/// Splits the lines of one method of a page. A `GET` line that is another
/// line plus a segment naming a property of what that line returns reads
/// the property; lines that read the same property form a group. The
/// operation's own lines come first, then each property in the order the
/// page lists it.
pub fn group_by_property<'p>(
    lines: &[&'p RequestLine],
    response: &Response,
    types: &BTreeMap<String, TypeDef>,
) -> Vec<PathGroup<'p>> {
    let own = PathGroup {
        lines: lines.to_vec(),
        property: None,
    };
    let readable = lines.iter().all(|l| l.method == "GET")
        && !response.collection
        && matches!(response.ty, Some(TypeRef::Named(_)));
    if !readable {
        return vec![own];
    }

    let mut read: Vec<Option<Option<(String, Property)>>> = vec![None; lines.len()];
    for i in 0..lines.len() {
        resolve(i, lines, response, types, &mut read);
    }

    let mut groups = vec![PathGroup {
        lines: Vec::new(),
        property: None,
    }];
    for (line, property) in lines.iter().zip(read) {
        let property = property.flatten();
        let chain = property.as_ref().map(|(chain, _)| chain.clone());
        match groups
            .iter_mut()
            .find(|g| g.property.as_ref().map(|(c, _)| c.clone()) == chain)
        {
            Some(group) => group.lines.push(line),
            None => groups.push(PathGroup {
                lines: vec![line],
                property,
            }),
        }
    }
    groups
}

/// What line `i` reads, memoized in `read`: a property chain, or None for
/// the operation's own result.
fn resolve(
    i: usize,
    lines: &[&RequestLine],
    response: &Response,
    types: &BTreeMap<String, TypeDef>,
    read: &mut [Option<Option<(String, Property)>>],
) -> Option<(String, Property)> {
    if let Some(known) = &read[i] {
        return known.clone();
    }
    let found = parent(i, lines).and_then(|(parent, name)| {
        let of_parent = resolve(parent, lines, response, types, read);
        let (ty, collection) = match &of_parent {
            Some((_, p)) => (&p.ty, p.collection),
            None => (response.ty.as_ref()?, response.collection),
        };
        let TypeRef::Named(ty) = ty else { return None };
        if collection {
            return None;
        }
        let property = property(types, ty, name)?.clone();
        let chain = match of_parent {
            Some((chain, _)) => format!("{chain}/{}", property.name),
            None => property.name.clone(),
        };
        Some((chain, property))
    });
    read[i] = Some(found.clone());
    found
}

/// The line that line `i` extends by one named segment, and that name.
fn parent<'l>(i: usize, lines: &'l [&RequestLine]) -> Option<(usize, &'l str)> {
    let segments = &lines[i].path.segments;
    let (PathSegment::Literal { value: name }, before) = segments.split_last()? else {
        return None;
    };
    let shape = segments_shape(before);
    let parent = lines
        .iter()
        .position(|l| segments_shape(&l.path.segments) == shape)?;
    Some((parent, name))
}

/// The property `name` of the type `ty` or of one of its bases.
fn property<'t>(
    types: &'t BTreeMap<String, TypeDef>,
    ty: &str,
    name: &str,
) -> Option<&'t Property> {
    let mut def = types.get(ty);
    for _ in 0..64 {
        let d = def?;
        if let Some(p) = d
            .properties
            .iter()
            .chain(&d.navigation)
            .find(|p| p.name == name)
        {
            return Some(p);
        }
        def = d.base.as_ref().and_then(|b| types.get(b));
    }
    None
}
