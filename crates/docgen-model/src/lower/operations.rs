//! Operations from API pages: one per HTTP method a page documents.

use docgen_page::{
    Body, Diagnostic, Page, Paragraph, PathSegment, RequestLine, StartLine, Table, TableKind,
    TypeExpr,
};

use super::paths::Collections;
use super::resolve::Resolver;
use super::responses::{response_of, status_code};
use super::types::{declared_properties, resolve_properties};
use crate::ir::{
    Example, ExampleRequest, ExampleResponse, Header, Operation, OperationKind, QueryOption,
    RequestBody, Response, Source, TypeRef,
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
    resolver: &Resolver,
    collections: &Collections,
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

    // One operation per method; the first path of each method is the
    // primary one and the others are alternatives (`/me` for `/users/{id}`).
    let mut methods: Vec<&str> = Vec::new();
    for line in &page.request_lines {
        if !methods.contains(&line.method.as_str()) {
            methods.push(&line.method);
        }
    }

    let shared = Shared::read(page, resolver, diagnostics);
    methods
        .iter()
        .map(|method| {
            let lines: Vec<&RequestLine> = page
                .request_lines
                .iter()
                .filter(|l| l.method == *method)
                .collect();
            operation(
                page,
                &lines,
                &shared,
                methods.len() > 1,
                (resolver, collections),
                diagnostics,
            )
        })
        .collect()
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
            .flat_map(|t| &t.rows)
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
        let subject = first_linked_type(page, &preamble, resolver).map(|(t, _)| t);

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
        let linked = first_linked_type(page, &response_paragraphs, resolver);
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
        let body_type = first_linked_type(page, &body_paragraphs, resolver);

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

/// The first link in `paragraphs` to a page that declares a type, and
/// whether the words around it make it a collection.
fn first_linked_type(
    page: &Page,
    paragraphs: &[&Paragraph],
    resolver: &Resolver,
) -> Option<(TypeRef, bool)> {
    paragraphs.iter().find_map(|p| {
        p.links.iter().find_map(|l| {
            let name = resolver.by_link_or_text(&page.file, &l.target, &l.text)?;
            let at = p.text.find(l.text.as_str()).unwrap_or(0);
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
        for row in &table.rows {
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
    lines: &[&RequestLine],
    shared: &Shared,
    several_methods: bool,
    (resolver, collections): (&Resolver, &Collections),
    diagnostics: &mut Vec<Diagnostic>,
) -> Operation {
    let primary = lines[0];
    let method = primary.method.clone();
    let body_table = page
        .tables
        .iter()
        .find(|t| t.kind == TableKind::RequestBody);
    let kind = operation_kind(page, primary, body_table, collections);

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
            (OperationKind::Action, None) => None,
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
    let response = if method == "DELETE" && untyped {
        Response {
            status: 204,
            ty: None,
            collection: false,
            optional: false,
            source: shared.response.source.clone(),
        }
    } else {
        shared.response.clone()
    };

    let summary = page
        .title
        .as_deref()
        .or(page.front_matter.title.as_deref())
        .unwrap_or_default()
        .to_string();
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
        examples: examples(page, &primary.method),
        source: Source::new(&page.file, primary.line),
    }
}

/// An action is a POST to a named segment that is not a collection; a
/// function is a call segment or a GET the page calls a function.
///
/// The page's title often says so (`user: sendMail`, `sendMail action`);
/// when it does not, a POST to a segment that no path keys and no type
/// has as a relationship, with a `Parameter` table for its body, is an
/// action too (`POST /me/checkMemberGroups`).
fn operation_kind(
    page: &Page,
    line: &RequestLine,
    body_table: Option<&Table>,
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
            let parameter_table = body_table.is_some_and(|t| {
                t.header
                    .first()
                    .is_some_and(|h| h.trim().to_ascii_lowercase().starts_with("parameter"))
            });
            let not_a_collection = !segment.starts_with('$') && !collections.contains(&segment);
            if line.method == "POST" && (action_words || not_a_collection && parameter_table) {
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

/// The page's examples whose request uses `method` (or that have none).
fn examples(page: &Page, method: &str) -> Vec<Example> {
    page.examples
        .iter()
        .filter(
            |e| match e.request.as_ref().and_then(|r| r.message.start.as_ref()) {
                Some(StartLine::Request { method: m, .. }) => m == method,
                _ => true,
            },
        )
        .map(|e| {
            let request = e.request.as_ref().and_then(|r| {
                let Some(StartLine::Request { method, url, .. }) = &r.message.start else {
                    return None;
                };
                Some(ExampleRequest {
                    method: method.clone(),
                    url: url.clone(),
                    body: r.message.body.value(),
                    source: Source::new(&page.file, r.message.line),
                    findings: Vec::new(),
                    url_finding: None,
                })
            });
            let response = e.response.as_ref().map(|r| {
                let annotation = page.code_blocks[r.block].annotation.as_ref();
                ExampleResponse {
                    status: match &r.message.start {
                        Some(StartLine::Response { status, .. }) => Some(*status),
                        _ => None,
                    },
                    body: r.message.body.value(),
                    truncated: annotation
                        .and_then(|a| a.bool("truncated"))
                        .unwrap_or(false)
                        || matches!(r.message.body, Body::PartialJson { .. }),
                    odata_type: annotation
                        .and_then(|a| a.str("@odata.type"))
                        .map(str::to_string),
                    is_collection: annotation.and_then(|a| a.bool("isCollection")),
                    source: Source::new(&page.file, r.message.body_line),
                    findings: Vec::new(),
                }
            });
            Example {
                name: e.name.as_deref().map(str::to_string),
                request,
                response,
            }
        })
        .collect()
}
