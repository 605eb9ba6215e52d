use std::collections::{BTreeMap, BTreeSet};

use docgen_page::{Diagnostic, Page};
use serde::Serialize;

use crate::export::Export;
use crate::ir::{Operation, RequestBody, TypeDef, TypeKind, TypeRef};
use crate::lower::operations::lower_page;
use crate::lower::paths::{type_bodies_from_paths, Collections};
use crate::lower::resolve::Resolver;
use crate::lower::types::{declare, resolve_properties, Declaration};
use crate::names::{field_name, type_name, unique_name};
use crate::validate::lint_examples;

/// The whole API: types by qualified name, operations by path and method,
/// and what was found wrong on the way.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Api {
    /// Sorted by qualified name.
    pub types: Vec<TypeDef>,
    /// Sorted by path, then method.
    pub operations: Vec<Operation>,
    /// Sorted by file, line and code.
    pub diagnostics: Vec<Diagnostic>,
}

impl Api {
    /// Lowers the pages of a docs folder into one model. Pages may come in
    /// any order; the result depends only on their content and file names.
    pub fn build(pages: &[Page]) -> Api {
        let mut pages: Vec<&Page> = pages.iter().collect();
        pages.sort_by(|a, b| a.file.cmp(&b.file));
        let mut diagnostics = Vec::new();

        let mut resolver = Resolver::default();
        let mut declarations = Vec::new();
        for page in &pages {
            declare(page, &mut resolver, &mut declarations);
        }
        let alternatives = alternatives(&declarations, &resolver);
        let mut types = merge(declarations, &resolver, &mut diagnostics);
        link_bases(&mut types, &resolver, &mut diagnostics);
        fold_alternatives(&mut types, alternatives);

        let collections = Collections::read(&pages, &types);
        let mut operations: Vec<Operation> = pages
            .iter()
            .flat_map(|page| lower_page(page, (&resolver, &collections, &types), &mut diagnostics))
            .collect();
        operations
            .sort_by(|a, b| (&a.path, &a.method, &a.source).cmp(&(&b.path, &b.method, &b.source)));
        type_bodies_from_paths(&mut operations, &types);
        dedup_operations(&mut operations, &types, &mut diagnostics);

        name_types(&mut types);
        name_operations(&mut operations);
        inherit_areas(&mut operations, &types);

        let mut api = Api {
            types: types.into_values().collect(),
            operations,
            diagnostics,
        };
        let findings = lint_examples(&mut api);
        api.diagnostics.extend(findings);
        api.diagnostics.sort();
        api.diagnostics.dedup();
        api
    }

    /// Builds the model of pages given as text, `(file, markdown)`, without
    /// expanding their includes: for tests and small tools. A docs folder
    /// on disk is read by `docgen-codegen`.
    pub fn from_markdown<S: AsRef<str>>(files: &[(&str, S)]) -> Api {
        let pages: Vec<Page> = files
            .iter()
            .map(|(file, source)| docgen_page::parse_page(file, source.as_ref()).0)
            .collect();
        Api::build(&pages)
    }

    /// The type with this qualified name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// The type a reference names, if it names one.
    pub fn resolve(&self, ty: &TypeRef) -> Option<&TypeDef> {
        match ty {
            TypeRef::Named(name) => self.type_def(name),
            _ => None,
        }
    }

    /// The properties of `def` and of its base types, base first.
    pub fn all_properties<'a>(&'a self, def: &'a TypeDef) -> Vec<&'a crate::ir::Property> {
        let mut chain = vec![def];
        let mut seen = BTreeSet::from([def.name.as_str()]);
        while let Some(base) = chain.last().and_then(|d| d.base.as_deref()) {
            match self.type_def(base) {
                Some(b) if seen.insert(b.name.as_str()) => chain.push(b),
                _ => break,
            }
        }
        chain
            .iter()
            .rev()
            .flat_map(|d| d.properties.iter().chain(&d.navigation))
            .collect()
    }

    /// The model as JSON, in the export format `docs/ir-schema.md`
    /// documents. Serializing `Api` itself gives every field, Rust names
    /// and examples included, in a shape that may change.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(Export::new(self)).expect("the export serializes")
    }
}

/// The types a property's cell offers when it offers several, by type and
/// property name.
type Alternatives = BTreeMap<(String, String), Vec<String>>;

/// Resolves the alternatives of every property whose cell names several
/// types.
fn alternatives(declarations: &[Declaration], resolver: &Resolver) -> Alternatives {
    let mut found = Alternatives::new();
    for d in declarations {
        for p in d.properties.iter().chain(&d.navigation) {
            let names: Vec<String> = p
                .alternatives
                .iter()
                .filter_map(|l| resolver.by_link_or_text(&p.source.file, &l.target, &l.text))
                .map(str::to_string)
                .collect();
            if names.len() > 1 {
                found.insert((d.def.name.clone(), p.name.clone()), names);
            }
        }
    }
    found
}

/// A property that may hold one of several types holds their nearest
/// common base type (`mediaConfig` of a call is an `appHostedMediaConfig`
/// or a `serviceHostedMediaConfig`: a `mediaConfig`). Without a common base
/// the first type stays.
fn fold_alternatives(types: &mut BTreeMap<String, TypeDef>, alternatives: Alternatives) {
    for ((ty, property), names) in alternatives {
        let refs: Vec<TypeRef> = names.into_iter().map(TypeRef::Named).collect();
        let Some(base) = common_base(types, refs.iter().map(Some)) else {
            continue;
        };
        let def = types
            .get_mut(&ty)
            .expect("alternatives come from declared types");
        for p in def.properties.iter_mut().chain(def.navigation.iter_mut()) {
            if p.name == property {
                p.ty = TypeRef::Named(base.clone());
            }
        }
    }
}

/// Merges the declarations of one type made on several pages: the first
/// page's metadata wins, properties are united, and a property declared
/// twice with different types is reported.
fn merge(
    declarations: Vec<Declaration>,
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, TypeDef> {
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    let mut bases: BTreeMap<String, String> = BTreeMap::new();
    for declaration in declarations {
        let mut def = declaration.def;
        def.properties = resolve_properties(&declaration.properties, resolver, diagnostics);
        def.navigation = resolve_properties(&declaration.navigation, resolver, diagnostics);
        if let Some(base) = declaration.base {
            bases.entry(def.name.clone()).or_insert(base);
        }

        let Some(existing) = types.get_mut(&def.name) else {
            types.insert(def.name.clone(), def);
            continue;
        };
        if existing.kind != def.kind && def.kind == TypeKind::Entity {
            existing.kind = TypeKind::Entity;
            existing.key = existing.key.take().or(def.key);
        }
        existing.open |= def.open;
        existing.is_abstract |= def.is_abstract;
        existing.sources.extend(def.sources);
        if existing.description.is_empty() {
            existing.description = def.description;
        }
        for (mine, theirs) in [
            (&mut existing.properties, def.properties),
            (&mut existing.navigation, def.navigation),
        ] {
            for p in theirs {
                match mine.iter().find(|m| m.name == p.name) {
                    Some(m) if (&m.ty, m.collection) != (&p.ty, p.collection) => {
                        diagnostics.push(Diagnostic::warning(
                            "M003",
                            &p.source.file,
                            p.source.line,
                            format!(
                                "property `{}` of `{}` is declared as `{}` here but as `{}` at {}",
                                p.name,
                                existing.name,
                                p.ty.qualified_name(),
                                m.ty.qualified_name(),
                                m.source
                            ),
                        ))
                    }
                    Some(_) => {}
                    None => mine.push(p),
                }
            }
        }
        for m in def.members {
            if !existing.members.iter().any(|e| e.name == m.name) {
                existing.members.push(m);
            }
        }
    }
    for (name, base) in bases {
        if let Some(def) = types.get_mut(&name) {
            def.base = Some(base);
        }
    }
    inherit_entity_key(&mut types);
    types
}

/// The qualified name of the type that holds the `id` of most entities.
const ENTITY: &str = "microsoft.graph.entity";

/// An entity whose key property is declared nowhere on its pages, and that
/// names no base type, takes its key from `entity`: the docs leave out the
/// inherited `id` and the `Inherits from` line on such pages.
fn inherit_entity_key(types: &mut BTreeMap<String, TypeDef>) {
    if !types.contains_key(ENTITY) {
        return;
    }
    for def in types.values_mut() {
        let Some(key) = &def.key else { continue };
        let declares_key = def.properties.iter().any(|p| &p.name == key);
        if def.kind == TypeKind::Entity && def.base.is_none() && !declares_key && def.name != ENTITY
        {
            def.base = Some(ENTITY.to_string());
        }
    }
}

/// Resolves base type names and records on each base the types deriving
/// from it.
fn link_bases(
    types: &mut BTreeMap<String, TypeDef>,
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut derived: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for def in types.values_mut() {
        let Some(written) = def.base.take() else {
            continue;
        };
        match resolver.by_name(&written) {
            Some(base) if base != def.name => {
                derived
                    .entry(base.to_string())
                    .or_default()
                    .push(def.name.clone());
                def.base = Some(base.to_string());
            }
            Some(_) => {}
            None => {
                let source = &def.sources[0];
                diagnostics.push(Diagnostic::warning(
                    "M004",
                    &source.file,
                    source.line,
                    format!(
                        "base type `{written}` of `{}` is not declared by any page",
                        def.name
                    ),
                ));
            }
        }
    }
    for (base, mut children) in derived {
        if let Some(def) = types.get_mut(&base) {
            children.sort();
            def.derived = children;
        }
    }
}

/// Two pages documenting the same method on the same path describe one
/// operation; the first page (by file name) is kept.
///
/// Intune documents `POST /deviceManagement/deviceConfigurations` once per
/// derived configuration type. When the pages' request or response types
/// differ, the kept operation takes their nearest common base type, so
/// that the client accepts and returns every derived type (each carries
/// its `@odata.type`).
fn dedup_operations(
    operations: &mut Vec<Operation>,
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut groups: BTreeMap<(String, String), Vec<Operation>> = BTreeMap::new();
    let mut order = Vec::new();
    for op in operations.drain(..) {
        let key = (op.method.clone(), op.path.to_ascii_lowercase());
        let group = groups.entry(key.clone()).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(op);
    }

    for key in order {
        let mut group = groups.remove(&key).expect("every key has a group");
        let duplicates = group.split_off(1);
        let mut kept = group.pop().expect("a group has a first operation");
        let request_base = common_base(
            types,
            std::iter::once(&kept)
                .chain(&duplicates)
                .map(|op| match &op.request_body {
                    Some(RequestBody::Type { ty, .. }) => Some(ty),
                    _ => None,
                }),
        );
        let response_base = common_base(
            types,
            std::iter::once(&kept)
                .chain(&duplicates)
                .map(|op| op.response.ty.as_ref()),
        );

        for op in &duplicates {
            let folded = folded_types(op, request_base.as_deref(), response_base.as_deref());
            diagnostics.push(Diagnostic::note(
                "M005",
                &op.source.file,
                op.source.line,
                format!(
                    "`{} {}` is also documented at {}; this page is skipped{folded}",
                    op.method, op.path, kept.source
                ),
            ));
        }

        if let (Some(base), Some(RequestBody::Type { ty, .. })) =
            (request_base, &mut kept.request_body)
        {
            *ty = TypeRef::Named(base);
        }
        if let Some(base) = response_base {
            kept.response.ty = Some(TypeRef::Named(base));
        }
        operations.push(kept);
    }
}

/// What the M005 note says about a skipped page whose types were folded
/// into a base type: "; its request and response type `androidLobApp` are
/// folded into the common base type `mobileApp`".
fn folded_types(op: &Operation, request_base: Option<&str>, response_base: Option<&str>) -> String {
    let request = match (&op.request_body, request_base) {
        (Some(RequestBody::Type { ty, .. }), Some(base)) if ty.qualified_name() != base => {
            Some((ty.qualified_name(), base))
        }
        _ => None,
    };
    let response = match (&op.response.ty, response_base) {
        (Some(ty), Some(base)) if ty.qualified_name() != base => Some((ty.qualified_name(), base)),
        _ => None,
    };
    match (request, response) {
        (Some(a), Some(b)) if a == b => format!(
            "; its request and response type `{}` are folded into the common base type `{}`",
            a.0, a.1
        ),
        (request, response) => [("request", request), ("response", response)]
            .into_iter()
            .filter_map(|(side, folded)| {
                let (ty, base) = folded?;
                Some(format!(
                    "; its {side} type `{ty}` is folded into the common base type `{base}`"
                ))
            })
            .collect(),
    }
}

/// The nearest type that all of `refs` are or derive from, when they are
/// named types of the model and not all the same; None when they agree,
/// when one is not a named type, or when they share no base.
fn common_base<'a>(
    types: &BTreeMap<String, TypeDef>,
    refs: impl Iterator<Item = Option<&'a TypeRef>>,
) -> Option<String> {
    let mut names = BTreeSet::new();
    for r in refs {
        match r {
            Some(TypeRef::Named(name)) => names.insert(name.as_str()),
            _ => return None,
        };
    }
    if names.len() < 2 {
        return None;
    }
    let chain = |name: &str| {
        let mut chain = vec![name.to_string()];
        while let Some(base) = types.get(chain.last()?).and_then(|d| d.base.clone()) {
            if chain.contains(&base) {
                break;
            }
            chain.push(base);
        }
        Some(chain)
    };
    let mut names = names.into_iter();
    let first = chain(names.next()?)?;
    let others: Vec<Vec<String>> = names.map(chain).collect::<Option<_>>()?;
    first
        .into_iter()
        .find(|candidate| others.iter().all(|c| c.contains(candidate)))
}

/// An operation on a page without an area belongs to the area of the type
/// it returns or takes.
fn inherit_areas(operations: &mut [Operation], types: &BTreeMap<String, TypeDef>) {
    for op in operations.iter_mut().filter(|op| op.area.is_none()) {
        let body = match &op.request_body {
            Some(RequestBody::Type { ty, .. }) => Some(ty),
            _ => None,
        };
        op.area = [op.response.ty.as_ref(), body]
            .into_iter()
            .flatten()
            .find_map(|ty| match ty {
                TypeRef::Named(name) => types.get(name).and_then(|t| t.area.clone()),
                _ => None,
            });
    }
}

/// Rust names for types, properties and members, unique where they must be.
fn name_types(types: &mut BTreeMap<String, TypeDef>) {
    // Type names are unique across namespaces: a second `microsoft.graph.
    // callRecords.session` beside `microsoft.graph.session` gets a number.
    let mut taken = BTreeSet::new();
    let mut order: Vec<&String> = types.keys().collect();
    order.sort_by_key(|n| (n.matches('.').count(), n.to_string()));
    let names: BTreeMap<String, String> = order
        .into_iter()
        .map(|n| {
            let simple = n.rsplit('.').next().unwrap_or(n);
            (n.clone(), unique_name(type_name(simple), &mut taken))
        })
        .collect();

    for def in types.values_mut() {
        def.rust_name = names[&def.name].clone();
        let mut fields = BTreeSet::from([
            "odata_type".to_string(),
            "additional_properties".to_string(),
            "annotations".to_string(),
        ]);
        for p in def.properties.iter_mut().chain(def.navigation.iter_mut()) {
            p.rust_name = unique_name(field_name(&p.name), &mut fields);
        }
        let mut variants = BTreeSet::from(["Other".to_string()]);
        for m in &mut def.members {
            m.rust_name = unique_name(type_name(&m.name), &mut variants);
        }
    }
}

/// Request builder names from the operations' titles, unique across the API.
fn name_operations(operations: &mut [Operation]) {
    let mut taken = BTreeSet::new();
    for op in operations.iter_mut() {
        let name = type_name(&op.rust_name);
        op.rust_name = unique_name(name, &mut taken);
    }
    for op in operations.iter_mut() {
        if let Some(RequestBody::Parameters { rust_name, .. }) = &mut op.request_body {
            *rust_name = unique_name(format!("{}Body", op.rust_name), &mut taken);
        }
    }
}
