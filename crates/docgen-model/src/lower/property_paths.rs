//! Paths of one page that return something else than the page's
//! operation: a page that documents `GET /me/mailboxSettings` may list
//! `GET /me/mailboxSettings/timeZone` beside it, which returns the
//! property's type, and a page that documents `GET /me/photo` may list
//! `GET /me/photo/$value`, which returns the photo's bytes.

use std::collections::BTreeMap;

use docgen_page::{PathSegment, Primitive, RequestLine};

use super::paths::segments_shape;
use crate::ir::{Property, Response, TypeDef, TypeRef};

/// Request lines of one method of a page that return the same thing.
pub struct PathGroup<'p> {
    pub lines: Vec<&'p RequestLine>,
    /// What the lines read instead of the operation's own result; None
    /// for the operation's own lines.
    pub reads: Option<Reads>,
}

/// A part of the operation's result that some of its paths read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reads {
    /// The segments that name it after the operation's own path:
    /// `workingHours`, `workingHours/timeZone`, `$value`.
    pub chain: String,
    pub ty: TypeRef,
    pub collection: bool,
}

/// Splits the `GET` lines of a page:
///
/// - a line that ends in `$value` or `content` where others do not reads
///   the raw bytes of what the path before it addresses;
/// - a line that is another line plus a segment naming a property of
///   what that line returns reads the property.
///
/// Lines that read the same thing form a group. The operation's own lines
/// come first, then each group in the order the page lists it.
pub fn group_by_property<'p>(
    lines: &[&'p RequestLine],
    response: &Response,
    types: &BTreeMap<String, TypeDef>,
) -> Vec<PathGroup<'p>> {
    if !lines.iter().all(|l| l.method == "GET") {
        return vec![PathGroup {
            lines: lines.to_vec(),
            reads: None,
        }];
    }

    let media: Vec<Option<&str>> = lines.iter().map(|l| media_segment(l)).collect();
    let mixed = media.iter().any(Option::is_some) && media.iter().any(Option::is_none);
    let mut read: Vec<Option<Option<Reads>>> = vec![None; lines.len()];
    for (i, segment) in media.iter().enumerate() {
        if let (true, Some(segment)) = (mixed, segment) {
            read[i] = Some(Some(Reads {
                chain: segment.to_string(),
                ty: TypeRef::Primitive(Primitive::Stream),
                collection: false,
            }));
        }
    }
    for i in 0..lines.len() {
        resolve(i, lines, response, types, &mut read);
    }

    let mut groups = vec![PathGroup {
        lines: Vec::new(),
        reads: None,
    }];
    for (line, reads) in lines.iter().zip(read) {
        let reads = reads.flatten();
        let chain = reads.as_ref().map(|r| r.chain.as_str());
        match groups
            .iter_mut()
            .find(|g| g.reads.as_ref().map(|r| r.chain.as_str()) == chain)
        {
            Some(group) => group.lines.push(line),
            None => groups.push(PathGroup {
                lines: vec![line],
                reads,
            }),
        }
    }
    groups
}

/// `$value` or `content`, when the line ends in it.
fn media_segment(line: &RequestLine) -> Option<&str> {
    match line.path.segments.last()? {
        PathSegment::Literal { value } if value == "$value" || value == "content" => Some(value),
        _ => None,
    }
}

/// What line `i` reads, memoized in `read`: a property, or None for the
/// operation's own result.
fn resolve(
    i: usize,
    lines: &[&RequestLine],
    response: &Response,
    types: &BTreeMap<String, TypeDef>,
    read: &mut [Option<Option<Reads>>],
) -> Option<Reads> {
    if let Some(known) = &read[i] {
        return known.clone();
    }
    let found = parent(i, lines).and_then(|(parent, name)| {
        let of_parent = resolve(parent, lines, response, types, read);
        let (ty, collection) = match &of_parent {
            Some(r) => (&r.ty, r.collection),
            None => (response.ty.as_ref()?, response.collection),
        };
        let TypeRef::Named(ty) = ty else { return None };
        if collection {
            return None;
        }
        let property = property(types, ty, name)?;
        let chain = match of_parent {
            Some(r) => format!("{}/{}", r.chain, property.name),
            None => property.name.clone(),
        };
        Some(Reads {
            chain,
            ty: property.ty.clone(),
            collection: property.collection,
        })
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
