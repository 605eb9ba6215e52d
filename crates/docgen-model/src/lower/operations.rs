//! Operations from API pages: one per HTTP method a page documents.

use std::collections::BTreeMap;

use docgen_page::{
    Diagnostic, Page, Paragraph, PathSegment, PathTemplate, RequestLine, Table, TableKind, TypeExpr,
};

use super::examples::examples;
use super::paths::{fits, incomplete, Collections};
use super::property_paths::{group_by_property, PathGroup};
use super::resolve::Resolver;
use super::responses::{names_the_body, response_of, status_code};
use super::types::{declared_properties, resolve_properties};
use crate::ir::{
    Example, Header, Operation, OperationKind, QueryOption, RequestBody, Response, Source, TypeDef,
    TypeRef,
};
use crate::names::field_name;
use crate::permissions::read_permissions;

/// The OData system query options, as the docs mention them in prose.
const SYSTEM_QUERY_OPTIONS: &[&str] = &[
    "$count",
    "$expand",
    "$filter",
    "$format",
    "$orderby",
    "$search",
    "$select",
    "$skip",
    "$skipToken",
    "$top",
];

/// Reads the operations of one API page.
pub fn lower_page(
    page: &Page,
    (resolver, collections, types): (&Resolver, &Collections, &BTreeMap<String, TypeDef>),
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    if page.request_lines.is_empty() {
        if page.file.contains("api/")
            && page.tables.iter().any(|t| t.kind == TableKind::Permissions)
        {
            diagnostics.push(Diagnostic::warning(
                "M010",
                &page.file,
                page.sections.first().map(|s| s.line).unwrap_or(1),
                "API page has no `METHOD /path` line under `HTTP request`; no operation read",
            ));
        }
        return Vec::new();
    }

    let request_lines: Vec<&RequestLine> = page
        .request_lines
        .iter()
        .filter(|line| {
            let Some(reason) = incomplete(&line.path) else {
                return true;
            };
            // As written: the reader puts a slash before a relative path.
            let raw = &line.path.raw;
            let path = raw.strip_prefix("/.").map_or(raw.as_str(), |_| &raw[1..]);
            diagnostics.push(Diagnostic::warning(
                "M011",
                page.source_file(&line.file),
                line.line,
                format!(
                    "`{} {path}` {reason}; no operation read from it",
                    line.method
                ),
            ));
            false
        })
        .collect();

    // One operation per method; the first path of each method is the
    // primary one and the others are alternatives (`/me` for `/users/{id}`).
    let mut methods: Vec<&str> = Vec::new();
    for line in &request_lines {
        if !methods.contains(&line.method.as_str()) {
            methods.push(&line.method);
        }
    }

    let shared = Shared::read(page, resolver, diagnostics);
    let mut operations = Vec::new();
    for method in &methods {
        let lines: Vec<&RequestLine> = request_lines
            .iter()
            .copied()
            .filter(|l| l.method == *method)
            .collect();
        // Lines that read a property of what the others return are
        // operations of their own, and take the examples whose URL fits
        // them; the other examples stay with the first group.
        let groups = group_by_property(&lines, &shared.response, types);
        let mut examples_of: Vec<Vec<Example>> = vec![Vec::new(); groups.len()];
        for example in examples(page, method) {
            let written = example
                .request
                .as_ref()
                .map(|r| PathTemplate::parse(&r.url));
            let group = written
                .and_then(|written| {
                    groups.iter().position(|g| {
                        g.reads.is_some() && g.lines.iter().any(|l| fits(&written, &l.path))
                    })
                })
                .unwrap_or(0);
            examples_of[group].push(example);
        }
        for (group, examples) in groups.iter().zip(examples_of) {
            operations.push(operation(
                page,
                group,
                examples,
                &shared,
                methods.len() > 1,
                (resolver, collections, types),
                diagnostics,
            ));
        }
    }
    operations
}

/// What all operations of a page share.
struct Shared {
    permissions: Vec<crate::ir::Permission>,
    /// The prose of a `Permissions for specific scenarios` section.
    permission_notes: String,
    headers: Vec<Header>,
    query: Vec<QueryOption>,
    response: Response,
    /// The type the page is about, from the first link in its description.
    subject: Option<TypeRef>,
    /// The type the `Request body` section links to.
    body_type: Option<(TypeRef, bool)>,
    /// Whether the `Request body` section says no body is taken.
    no_body: bool,
}

impl Shared {
    fn read(page: &Page, resolver: &Resolver, diagnostics: &mut Vec<Diagnostic>) -> Shared {
        let permissions = page
            .tables
            .iter()
            .find(|t| t.kind == TableKind::Permissions)
            .map(read_permissions)
            .unwrap_or_default();
        // Prose about scopes for particular cases: kept for people, not
        // read as scopes.
        let permission_notes = page
            .paragraphs
            .iter()
            .filter(|p| page.is_under(p.section, &["permissions for specific scenarios"]))
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");

        let headers = page
            .tables
            .iter()
            .filter(|t| t.kind == TableKind::Headers)
            .flat_map(Table::body)
            .filter_map(|row| {
                let name = row.cell(0).text.trim().trim_matches('`').to_string();
                if name.is_empty() || name.contains(' ') {
                    return None;
                }
                let description = row.cell(1).text.to_string();
                let required = description.to_ascii_lowercase().contains("required")
                    && !description.to_ascii_lowercase().contains("not required");
                Some(Header {
                    rust_name: field_name(&name),
                    name,
                    description,
                    required,
                })
            })
            .collect();

        let query = query_options(page, resolver, diagnostics);

        let preamble: Vec<&Paragraph> = page
            .paragraphs
            .iter()
            .filter(|p| p.section.is_none_or(|s| page.sections[s].level == 1))
            .collect();
        let subject = first_linked_type(page, &preamble, resolver, |_, _| true).map(|(t, _)| t);

        let response_paragraphs: Vec<&Paragraph> = page
            .paragraphs
            .iter()
            .filter(|p| {
                page.is_under(p.section, &["response"]) && !page.is_under(p.section, &["example"])
            })
            .collect();
        let status = response_paragraphs
            .iter()
            .find_map(|p| status_code(&p.text))
            .unwrap_or(200);
        let linked = first_linked_type(page, &response_paragraphs, resolver, names_the_body);
        let response = response_of(page, &response_paragraphs, status, linked, resolver);

        let body_paragraphs: Vec<&Paragraph> = page
            .paragraphs
            .iter()
            .filter(|p| page.is_under(p.section, &["request body"]))
            .collect();
        let no_body = body_paragraphs.iter().any(|p| {
            let t = p.text.to_ascii_lowercase();
            t.contains("do not supply")
                || t.contains("don't supply")
                || t.contains("no request body")
        });
        let body_type = first_linked_type(page, &body_paragraphs, resolver, |_, _| true);

        Shared {
            permissions,
            permission_notes,
            headers,
            query,
            response,
            subject,
            body_type,
            no_body,
        }
    }
}

/// The first link in `paragraphs` to a page that declares a type, where
/// `keep(text, at)` accepts the link at byte `at` of the paragraph's text,
/// and whether the words around it make it a collection.
fn first_linked_type(
    page: &Page,
    paragraphs: &[&Paragraph],
    resolver: &Resolver,
    keep: impl Fn(&str, usize) -> bool,
) -> Option<(TypeRef, bool)> {
    paragraphs.iter().find_map(|p| {
        p.links.iter().find_map(|l| {
            let name = resolver.by_link_or_text(&page.file, &l.target, &l.text)?;
            let at = p.text.find(l.text.as_str()).unwrap_or(0);
            if !keep(&p.text, at) {
                return None;
            }
            let collection = collection_words(&p.text[..at], &p.text[at..]);
            Some((TypeRef::Named(name.to_string()), collection))
        })
    })
}

/// Whether the words around a type link make it a collection:
/// "a collection of [user](..) objects", "[user](..) collection".
fn collection_words(before: &str, after: &str) -> bool {
    let before = before.to_ascii_lowercase();
    let after = after.to_ascii_lowercase();
    let skip = before.chars().count().saturating_sub(20);
    let near_before: String = before.chars().skip(skip).collect();
    let near_after: String = after.chars().take(40).collect();
    near_before.contains("collection of")
        || near_before.contains("list of")
        || near_after.contains(" collection")
        || near_after.contains(" objects")
}

fn query_options(
    page: &Page,
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<QueryOption> {
    let mut options: Vec<QueryOption> = Vec::new();
    let mut add = |name: &str, ty: TypeRef, description: String| {
        if !options.iter().any(|o| o.name.eq_ignore_ascii_case(name)) {
            options.push(QueryOption {
                name: name.to_string(),
                rust_name: field_name(name),
                ty,
                description,
            });
        }
    };

    for table in page
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::QueryParameters)
    {
        let ty_col = table.column(&["type"]);
        let desc_col = table
            .column(&["description"])
            .unwrap_or(table.header.len().saturating_sub(1));
        for row in table.body() {
            let name = row.cell(0).text.trim().trim_matches('`');
            if name.is_empty() || name.contains(' ') {
                continue;
            }
            let ty = match ty_col {
                Some(c) => {
                    resolver
                        .resolve(
                            &TypeExpr::parse(row.cell(c)).ty,
                            &page.file,
                            row.line,
                            diagnostics,
                        )
                        .0
                }
                None => TypeRef::Primitive(docgen_page::Primitive::String),
            };
            add(name, ty, row.cell(desc_col).text.to_string());
        }
    }

    // System options are usually named in prose: "This method supports the
    // `$select` and `$filter` OData query parameters".
    for p in page
        .paragraphs
        .iter()
        .filter(|p| page.is_under(p.section, &["optional query", "query parameter"]))
    {
        for option in SYSTEM_QUERY_OPTIONS {
            if contains_word(&p.text, option) {
                add(
                    option,
                    TypeRef::Primitive(docgen_page::Primitive::String),
                    String::new(),
                );
            }
        }
    }
    options.sort_by(|a, b| a.name.cmp(&b.name));
    options
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let after = text[i + word.len()..].chars().next();
        !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn operation(
    page: &Page,
    group: &PathGroup,
    examples: Vec<Example>,
    shared: &Shared,
    several_methods: bool,
    (resolver, collections, types): (&Resolver, &Collections, &BTreeMap<String, TypeDef>),
    diagnostics: &mut Vec<Diagnostic>,
) -> Operation {
    let lines = &group.lines;
    let primary = lines[0];
    let method = primary.method.clone();
    let body_table = page
        .tables
        .iter()
        .find(|t| t.kind == TableKind::RequestBody);
    let parameters_listed = body_table.is_some_and(|t| lists_parameters(page, t, shared, types))
        && shared.body_type.is_none();
    let kind = operation_kind(page, primary, parameters_listed, collections);

    let request_body = match method.as_str() {
        "GET" | "DELETE" | "HEAD" => None,
        _ if shared.no_body => None,
        _ => match (kind, body_table) {
            (OperationKind::Action, Some(table)) => {
                let declared = declared_properties(table, &page.file);
                let mut parameters = resolve_properties(&declared, resolver, diagnostics);
                for p in &mut parameters {
                    p.rust_name = field_name(&p.name);
                }
                Some(RequestBody::Parameters {
                    rust_name: String::new(),
                    parameters,
                })
            }
            // "supply a JSON representation of a [workbookSessionInfo](..)
            // object": the action takes that type.
            (OperationKind::Action, None) => shared
                .body_type
                .clone()
                .map(|(ty, collection)| RequestBody::Type { ty, collection }),
            // FIXME: `POST .../$ref` takes `{ "@odata.id": url }`, which no
            // type of the model describes, so it stays untyped JSON; a
            // reference body kind would let the client take a URL instead.
            _ if primary.path.raw.ends_with("$value") || primary.path.raw.ends_with("/content") => {
                Some(RequestBody::Stream)
            }
            _ => {
                let response = shared
                    .response
                    .ty
                    .clone()
                    .filter(|t| matches!(t, TypeRef::Named(_)));
                let (ty, collection) = shared
                    .body_type
                    .clone()
                    .or_else(|| response.map(|t| (t, false)))
                    .or_else(|| shared.subject.clone().map(|t| (t, false)))
                    .unwrap_or((TypeRef::Json, false));
                Some(RequestBody::Type { ty, collection })
            }
        },
    };

    let untyped = shared
        .response
        .ty
        .as_ref()
        .is_none_or(|t| *t == TypeRef::Json);
    let response = match &group.reads {
        // A part of what the page's own paths return.
        Some(reads) => Response {
            ty: Some(reads.ty.clone()),
            collection: reads.collection,
            optional: false,
            ..shared.response.clone()
        },
        None if method == "DELETE" && untyped => Response {
            status: 204,
            ty: None,
            collection: false,
            optional: false,
            source: shared.response.source.clone(),
        },
        None => shared.response.clone(),
    };
    let response = sometimes_empty(response, &examples);

    let title = page
        .title
        .as_deref()
        .or(page.front_matter.title.as_deref())
        .unwrap_or_default()
        .to_string();
    let summary = match &group.reads {
        Some(reads) => format!("{title}: {}", reads.chain),
        None => title,
    };
    let rust_name = if several_methods {
        format!("{summary} {method}")
    } else {
        summary.clone()
    };

    Operation {
        rust_name,
        method,
        path: primary.path.raw.clone(),
        template: primary.path.clone(),
        alternative_paths: lines[1..].iter().map(|l| l.path.raw.clone()).collect(),
        kind,
        summary,
        description: page.description.clone(),
        area: page.front_matter.area().map(str::to_string),
        permissions: shared.permissions.clone(),
        permission_notes: shared.permission_notes.clone(),
        headers: shared.headers.clone(),
        query: shared.query.clone(),
        request_body,
        response,
        examples,
        source: Source::new(&page.file, primary.line),
    }
}

/// A response of a named type that the docs show coming back as `202
/// Accepted` or `204 No Content` without a body may come back without one.
fn sometimes_empty(response: Response, examples: &[Example]) -> Response {
    let named = matches!(response.ty, Some(TypeRef::Named(_)));
    let answers_empty = examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .any(|r| r.empty && matches!(r.status, Some(202 | 204)));
    Response {
        optional: response.optional || named && !response.collection && answers_empty,
        ..response
    }
}

/// An action is a POST to a named segment that is not a collection; a
/// function is a call segment or a GET the page calls a function.
///
/// Whether a `Request body` table lists an action's parameters rather than
/// properties of the resource the page is about: its first column says
/// `Parameter`, or it says `Property` but names a member that the page's
/// subject does not declare (`partsToClone` of `POST /teams/{id}/clone`).
fn lists_parameters(
    page: &Page,
    table: &Table,
    shared: &Shared,
    types: &BTreeMap<String, TypeDef>,
) -> bool {
    let first = table
        .header
        .first()
        .map(|h| h.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if first.starts_with("parameter") {
        return true;
    }
    let Some(TypeRef::Named(subject)) = &shared.subject else {
        return false;
    };
    let declared = |name: &str| {
        let mut def = types.get(subject);
        for _ in 0..64 {
            let Some(d) = def else { return false };
            if d.properties
                .iter()
                .chain(&d.navigation)
                .any(|p| p.name == name)
            {
                return true;
            }
            def = d.base.as_ref().and_then(|b| types.get(b));
        }
        false
    };
    first.starts_with("property")
        && declared_properties(table, &page.file)
            .iter()
            .any(|p| !declared(&p.name))
}

/// The page's title often says so (`user: sendMail`, `sendMail action`);
/// when it does not, a POST to a segment that no path keys and no type
/// has as a relationship is an action too when a table lists its
/// parameters and no link names a type for the body (`POST
/// /me/checkMemberGroups`, `POST /teams/{id}/clone`).
fn operation_kind(
    page: &Page,
    line: &RequestLine,
    parameters_listed: bool,
    collections: &Collections,
) -> OperationKind {
    let title = page
        .title
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match line.path.segments.last() {
        Some(PathSegment::Call { .. }) => OperationKind::Function,
        Some(PathSegment::Literal { value }) => {
            let segment = value.to_ascii_lowercase();
            let named_in_title = title.ends_with(&format!(": {segment}"))
                || title.starts_with(&format!("{segment} action"))
                || title.starts_with(&format!("{segment} function"));
            let action_words = title.contains(" action") || named_in_title;
            let not_a_collection = !segment.starts_with('$') && !collections.contains(&segment);
            if line.method == "POST" && (action_words || not_a_collection && parameters_listed) {
                OperationKind::Action
            } else if line.method == "GET" && title.contains(" function") {
                OperationKind::Function
            } else {
                OperationKind::Crud
            }
        }
        _ => OperationKind::Crud,
    }
}
