//! The success response of an operation: its status, and the type of its
//! body from the prose, the examples' annotations, or the examples
//! themselves.

use docgen_page::{Body, Page, Paragraph, Primitive};

use super::resolve::Resolver;
use crate::ir::{Response, Source, TypeRef};

/// The success response: status from the prose; type from the prose's
/// link, the response example's annotation, or a primitive the prose names.
///
/// `ty` is None only when the docs say or show that no body comes back;
/// a body whose type nothing names is untyped JSON.
pub fn response_of(
    page: &Page,
    paragraphs: &[&Paragraph],
    status: u16,
    linked: Option<(TypeRef, bool)>,
    resolver: &Resolver,
) -> Response {
    let source = response_source(page, paragraphs);
    let empty = Response {
        status,
        ty: None,
        collection: false,
        optional: false,
        source: source.clone(),
    };
    // "returns a `302 Found` response that redirects to a preauthenticated
    // download URL": what comes back is what the redirect leads to, the
    // bytes of a download.
    let names_success = paragraphs.iter().any(|p| status_code(&p.text).is_some());
    let redirect = paragraphs.iter().find_map(|p| redirect_code(&p.text));
    if let (false, Some(redirect)) = (names_success, redirect) {
        return Response {
            status: redirect,
            ty: Some(TypeRef::Primitive(Primitive::Stream)),
            ..empty
        };
    }

    let says_empty = paragraphs.iter().any(|p| says_no_body(&p.text));
    let another_status = paragraphs
        .iter()
        .flat_map(|p| status_codes(&p.text))
        .any(|s| s != status);
    // "returns `204 No Content`. If the request specifies `Prefer:
    // return=representation`, it returns `200 OK` and the updated
    // [plannerTask](..) object": the linked type, when asked for; a body
    // of no named type ("a `207` status code and the response body will
    // contain an array of entries") is untyped JSON, or none.
    if status == 204 && another_status {
        let (ty, collection) = linked.unwrap_or((TypeRef::Json, false));
        return Response {
            status,
            ty: Some(ty),
            collection,
            optional: true,
            source,
        };
    }
    if status == 204 || says_empty && linked.is_none() {
        return empty;
    }

    let annotated = page.examples.iter().find_map(|e| {
        let block = &page.code_blocks[e.response.as_ref()?.block];
        let a = block.annotation.as_ref()?;
        let (name, wrapped) = collection_item(a.str("@odata.type")?);
        let collection = wrapped || a.bool("isCollection").unwrap_or(false);
        let ty = match docgen_page::Primitive::from_name(name) {
            Some(p) => TypeRef::Primitive(p),
            None => TypeRef::Named(resolver.by_name(name)?.to_string()),
        };
        Some((ty, collection))
    });
    let found = match (linked, annotated) {
        // The annotation often knows the collection the prose leaves out:
        // "[driveItem] resources" above `Collection(microsoft.graph.driveItem)`.
        (Some((ty, collection)), Some((annotated, also))) => {
            Some((ty.clone(), collection || also && annotated == ty))
        }
        (linked, annotated) => linked
            .or(annotated)
            .or_else(|| paragraphs.iter().find_map(|p| primitive_in_prose(&p.text))),
    };
    match found {
        Some((ty, collection)) => Response {
            status,
            ty: Some(ty),
            collection,
            optional: false,
            source,
        },
        None if shows_no_body(page) || status == 202 => empty,
        None => Response {
            status,
            ty: Some(TypeRef::Json),
            collection: false,
            optional: false,
            source,
        },
    }
}

/// Whether a type linked at byte `at` of a response paragraph names what
/// the body holds. A sentence that puts the type in a header or points to
/// it ("a link to the [teamsAsyncOperation](..)", "a `Location` header
/// with the location of the [operation](..)") and says nothing of a body
/// names something the client fetches later, not the body.
pub fn names_the_body(text: &str, at: usize) -> bool {
    let sentence = sentence_at(text, at).to_ascii_lowercase();
    let elsewhere = ["header", "link to", "location of"]
        .iter()
        .any(|words| sentence.contains(words));
    !elsewhere || sentence.contains("body")
}

/// The sentence of `text` around byte `at`.
fn sentence_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    &text[start..end]
}

/// The first line of the `Response` section, or of its first paragraph.
fn response_source(page: &Page, paragraphs: &[&Paragraph]) -> Source {
    let section = page
        .sections
        .iter()
        .find(|s| s.title.trim().eq_ignore_ascii_case("response"));
    let line = section
        .map(|s| s.line)
        .or_else(|| paragraphs.first().map(|p| p.line))
        .unwrap_or(1);
    Source::new(&page.file, line)
}

/// `Collection(microsoft.graph.user)` → (`microsoft.graph.user`, true).
fn collection_item(name: &str) -> (&str, bool) {
    let name = name.trim();
    match name
        .strip_prefix("Collection(")
        .and_then(|n| n.strip_suffix(')'))
    {
        Some(item) => (item.trim(), true),
        None => (name, false),
    }
}

/// Whether a response sentence says that nothing comes back.
fn says_no_body(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "does not return anything",
        "doesn't return anything",
        "no response body",
        "no content in the response body",
        "returns no content",
        "empty response body",
        "204 no content",
    ]
    .iter()
    .any(|phrase| t.contains(phrase))
}

/// Whether the page's response examples, all of them, show no body.
fn shows_no_body(page: &Page) -> bool {
    let mut responses = page
        .examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .peekable();
    responses.peek().is_some() && responses.all(|r| matches!(r.message.body, Body::None))
}

/// A primitive the prose names as what comes back: "a `200 OK` response
/// code and a String collection in the response body", "a Stream", "a
/// Boolean". Only the EDM spellings count, capitalized, after `a` or `an`,
/// so that ordinary words such as "a date" are not read as types.
fn primitive_in_prose(text: &str) -> Option<(TypeRef, bool)> {
    const NAMES: &[&str] = &[
        "String",
        "Boolean",
        "Int32",
        "Int64",
        "Double",
        "Stream",
        "Guid",
        "DateTimeOffset",
        "Binary",
    ];
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '`' || c == '*' || c == ',' || c == '.'))
        .collect();
    words.windows(2).enumerate().find_map(|(i, pair)| {
        let [article, word] = pair else { return None };
        let word = word.strip_prefix("Edm.").unwrap_or(word);
        if !matches!(*article, "a" | "an") || !NAMES.contains(&word) {
            return None;
        }
        let primitive = docgen_page::Primitive::from_name(word)?;
        let collection = words.get(i + 2) == Some(&"collection");
        Some((TypeRef::Primitive(primitive), collection))
    })
}

/// The first success status code in a sentence.
pub fn status_code(text: &str) -> Option<u16> {
    status_codes(text).next()
}

/// The first redirect status code in a sentence: `302`.
fn redirect_code(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|s| matches!(s, 301 | 302 | 303 | 307 | 308))
}

/// The success status codes in a sentence: `200`, `204`.
fn status_codes(text: &str) -> impl Iterator<Item = u16> + '_ {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .filter(|s| (200..300).contains(s))
}
