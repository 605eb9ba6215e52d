//! Resource, complex type and enum declarations from resource pages.

use docgen_page::{Diagnostic, Link, Page, Table, TableKind, TypeExpr};

use super::resolve::Resolver;
use crate::ir::{EnumMember, Property, Source, TypeDef, TypeKind};

/// A property as declared, before its type is resolved.
pub struct DeclaredProperty {
    pub name: String,
    pub ty: TypeExpr,
    pub description: String,
    pub context: Option<String>,
    pub required: bool,
    pub source: Source,
    /// The links of a type cell that offers several types (`[appHostedMediaConfig](..)
    /// or [serviceHostedMediaConfig](..)`); empty for a cell with one type.
    pub alternatives: Vec<Link>,
}

/// A type as one page declares it. Several pages may declare parts of the
/// same type; they are merged after all pages are read.
pub struct Declaration {
    pub def: TypeDef,
    pub properties: Vec<DeclaredProperty>,
    pub navigation: Vec<DeclaredProperty>,
    /// Base type as written (`entity`, `microsoft.graph.directoryObject`),
    /// resolved after every type is known.
    pub base: Option<String>,
}

/// The namespace of names written without one.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Collects the declarations of one page and records where they are in
/// the resolver.
pub fn declare(page: &Page, resolver: &mut Resolver, out: &mut Vec<Declaration>) {
    let file = page.file.to_ascii_lowercase();
    let namespace = page.namespace.as_deref().unwrap_or(DEFAULT_NAMESPACE);
    let area = page.front_matter.area().map(str::to_string);

    // Enums: a member table under `### name values`, or the only member
    // table of an enum page. On a resource page, a member table under
    // another heading lists the values of one of its string properties
    // (`## State enumeration`), not an enum named after the page.
    let resource_page = page.tables.iter().any(|t| t.kind == TableKind::Properties)
        || page
            .code_blocks
            .iter()
            .filter_map(|b| b.annotation.as_ref())
            .any(|a| a.block_type() == Some("resource"));
    for table in page.tables.iter().filter(|t| is_member_table(page, t)) {
        let section = table.section.map(|s| &page.sections[s]);
        let (name, anchor) = match section.map(|s| s.title.trim()) {
            Some(title) if title.to_ascii_lowercase().ends_with(" values") => {
                let name = title[..title.len() - " values".len()]
                    .trim()
                    .trim_matches('`');
                (name.to_string(), Some(anchor_of(title)))
            }
            _ if resource_page => continue,
            _ => match page_type_name(page) {
                Some(name) => (name, None),
                None => continue,
            },
        };
        if name.is_empty() || name.contains(' ') {
            continue;
        }
        let qualified = qualify(&name, namespace);
        resolver.declare(&file, anchor.as_deref(), &qualified);
        let mut def = new_def(&qualified, TypeKind::Enum, page, table.line, area.clone());
        def.members = members(table);
        out.push(Declaration {
            def,
            properties: Vec::new(),
            navigation: Vec::new(),
            base: None,
        });
    }

    // Resources and complex types: the `resource` annotation names the
    // type; without one, a properties table on a resource page does.
    let annotation = page
        .code_blocks
        .iter()
        .filter_map(|b| b.annotation.as_ref())
        .find(|a| a.block_type() == Some("resource"));
    let has_properties = page.tables.iter().any(|t| t.kind == TableKind::Properties);
    let is_resource_page = page.front_matter.doc_type.as_deref() == Some("resourcePageType")
        || file.contains("resources/");
    if annotation.is_none() && !(has_properties && is_resource_page) {
        return;
    }
    let annotated_name = annotation
        .and_then(|a| a.str("@odata.type"))
        .map(|n| n.trim().trim_start_matches('#').to_string())
        .filter(|n| !n.is_empty());
    let Some(name) = annotated_name.or_else(|| page_type_name(page)) else {
        return;
    };
    let qualified = qualify(&name, namespace);
    resolver.declare(&file, None, &qualified);

    let key = annotation
        .and_then(|a| a.str("keyProperty"))
        .map(str::to_string);
    let kind = if key.is_some() {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    };
    let line = annotation.map(|a| a.line).unwrap_or(1);
    let mut def = new_def(&qualified, kind, page, line, area);
    def.key = key;
    def.open = annotation.and_then(|a| a.bool("openType")).unwrap_or(false) || declared_open(page);
    def.is_abstract = annotation.and_then(|a| a.bool("abstract")).unwrap_or(false)
        || page
            .description
            .to_ascii_lowercase()
            .contains("abstract type");

    let base = annotation
        .and_then(|a| a.str("baseType"))
        .map(str::to_string)
        .or_else(|| inherits_from(page));

    let mut properties = Vec::new();
    let mut navigation = Vec::new();
    for table in &page.tables {
        let into = match table.kind {
            TableKind::Properties => &mut properties,
            TableKind::Relationships => &mut navigation,
            _ => continue,
        };
        into.extend(declared_properties(table, &page.file));
    }

    out.push(Declaration {
        def,
        properties,
        navigation,
        base,
    });
}

/// The rows of a name-type-description table.
pub fn declared_properties(table: &Table, file: &str) -> Vec<DeclaredProperty> {
    let ty_col = table
        .column(&["type", "data type", "value type"])
        .unwrap_or(1);
    let desc_col = table
        .column(&["description", "notes"])
        .unwrap_or(ty_col + 1);
    let required_col = table.column(&["required", "optional"]);
    table
        .body()
        .filter_map(|row| {
            let name = row.cell(0).text.trim().trim_matches('`').to_string();
            if name.is_empty() || name.contains(' ') {
                return None;
            }
            let description = row.cell(desc_col).text.to_string();
            let required = match required_col {
                Some(c) => {
                    let t = row.cell(c).text.to_ascii_lowercase();
                    t.starts_with("yes") || t == "required" || t == "true"
                }
                None => {
                    let d = description.to_ascii_lowercase();
                    d.starts_with("required") || d.contains(". required.")
                }
            };
            let cell = row.cell(ty_col);
            let alternatives = if cell.links.len() > 1 && cell.text.contains(" or ") {
                cell.links.clone()
            } else {
                Vec::new()
            };
            Some(DeclaredProperty {
                name,
                ty: TypeExpr::parse(cell).ty,
                alternatives,
                description,
                context: row.context.as_deref().map(str::to_string),
                required,
                source: Source::new(file, row.line),
            })
        })
        .collect()
}

/// Resolves declared properties into model properties.
pub fn resolve_properties(
    declared: &[DeclaredProperty],
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Property> {
    declared
        .iter()
        .map(|p| {
            let (ty, collection) =
                resolver.resolve(&p.ty, &p.source.file, p.source.line, diagnostics);
            Property {
                name: p.name.clone(),
                rust_name: String::new(),
                ty,
                collection,
                description: p.description.clone(),
                context: p.context.clone(),
                required: p.required,
                source: p.source.clone(),
            }
        })
        .collect()
}

fn new_def(name: &str, kind: TypeKind, page: &Page, line: u32, area: Option<String>) -> TypeDef {
    TypeDef {
        name: name.to_string(),
        rust_name: String::new(),
        kind,
        base: None,
        is_abstract: false,
        open: false,
        key: None,
        description: page.description.clone(),
        area,
        properties: Vec::new(),
        navigation: Vec::new(),
        members: Vec::new(),
        derived: Vec::new(),
        sources: vec![Source::new(&page.file, line)],
    }
}

fn members(table: &Table) -> Vec<EnumMember> {
    let value_col = table.column(&["value"]);
    let desc_col = table.column(&["description"]);
    table
        .body()
        .filter_map(|row| {
            let name = row.cell(0).text.trim().trim_matches('`').to_string();
            if name.is_empty() || name.contains(' ') {
                return None;
            }
            Some(EnumMember {
                name,
                rust_name: String::new(),
                value: value_col.and_then(|c| row.cell(c).text.trim().parse().ok()),
                description: desc_col
                    .map(|c| row.cell(c).text.to_string())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// `user resource type` → `user`; `riskLevel enum type` → `riskLevel`.
fn page_type_name(page: &Page) -> Option<String> {
    let title = page
        .title
        .as_deref()
        .or(page.front_matter.title.as_deref())?;
    let first = title.split_whitespace().next()?.trim_matches('`');
    let lower = title.to_ascii_lowercase();
    let typed = [
        "resource type",
        "complex type",
        "enum type",
        "enumeration",
        "resource",
        "entity",
        "type",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let identifier = first
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    (typed && identifier && !first.is_empty()).then(|| first.to_string())
}

/// Whether a table lists enum members. The page parser recognizes
/// `Member | Value | Description`; a `Value | Description` or `Name |
/// Description` table is one too when it sits under a `### x values`
/// heading or on an enum page, where it cannot be anything else.
fn is_member_table(page: &Page, table: &Table) -> bool {
    match table.kind {
        TableKind::EnumMembers => true,
        TableKind::Unknown => {
            let first = table
                .header
                .first()
                .map(|h| h.trim().trim_matches('*').to_ascii_lowercase())
                .unwrap_or_default();
            let member_column = matches!(first.as_str(), "value" | "name" | "member");
            let under_values = table.section.is_some_and(|s| {
                page.sections[s]
                    .title
                    .to_ascii_lowercase()
                    .ends_with(" values")
            });
            let enum_page = page
                .title
                .as_deref()
                .is_some_and(|t| t.to_ascii_lowercase().contains("enum"));
            member_column && table.column(&["description"]).is_some() && (under_values || enum_page)
        }
        _ => false,
    }
}

/// The sentences that name a base type before its link: `Inherits from
/// [entity](entity.md)`, `Derived from [place](place.md)`.
const BASE_PHRASES: &[&str] = &[
    "inherits from",
    "derived from",
    "derives from",
    "base type:",
    "base type is",
    "is inherited from",
    "subclass of",
];

/// The base type named by a sentence such as `Inherits from
/// [entity](entity.md)`. Prose about properties does not count: there
/// "derived from" usually says where a value comes from.
fn inherits_from(page: &Page) -> Option<String> {
    let prose = page
        .paragraphs
        .iter()
        .filter(|p| !page.is_under(p.section, &["properties", "relationships", "methods"]));
    prose.into_iter().find_map(|p| {
        let lower = p.text.to_ascii_lowercase();
        let end = BASE_PHRASES
            .iter()
            .filter_map(|phrase| lower.find(phrase).map(|at| at + phrase.len()))
            .min()?;
        // The first link that starts after the phrase, a few words on at most.
        p.links
            .iter()
            .filter_map(|l| Some((lower[end..].find(&l.text.to_ascii_lowercase())?, l)))
            .filter(|(at, _)| *at < 24)
            .min_by_key(|(at, _)| *at)
            .map(|(_, l)| l.text.trim().trim_matches('`').to_string())
            .filter(|name| !name.is_empty() && !name.contains(' '))
    })
}

/// Whether the page's prose calls the type open: "This is an _open type_",
/// or a title ending in `(Open Type)`.
fn declared_open(page: &Page) -> bool {
    let title = page
        .title
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if title.contains("(open type)") {
        return true;
    }
    page.paragraphs
        .iter()
        .filter(|p| !page.is_under(p.section, &["properties", "relationships", "methods"]))
        .any(|p| {
            let t = p.text.to_ascii_lowercase();
            ["is an open type", "is an _open type_", "is an *open type*"]
                .iter()
                .any(|phrase| t.contains(phrase))
        })
}

fn qualify(name: &str, namespace: &str) -> String {
    if name.contains('.') {
        name.to_string()
    } else {
        format!("{namespace}.{name}")
    }
}

/// The anchor markdown renderers give a heading: `riskLevel values` →
/// `risklevel-values`.
fn anchor_of(title: &str) -> String {
    title
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}
