//! The JSON export of the model (`codegen --emit-ir`): a stable, documented
//! subset for tools outside the generator. `docs/ir-schema.md` describes
//! every field; Rust names, descriptions and examples stay out of it.

use serde::Serialize;

use crate::api::Api;
use crate::ir::{
    EnumMember, Operation, Permission, PermissionScheme, Property, RequestBody, Response, Source,
    TypeDef, TypeKind, TypeRef,
};
use docgen_page::{Diagnostic, Severity};

/// The whole export: types by name, operations by path then method,
/// diagnostics by file, line and code.
#[derive(Serialize)]
pub struct Export<'a> {
    types: Vec<ExportType<'a>>,
    operations: Vec<ExportOperation<'a>>,
    diagnostics: Vec<ExportDiagnostic<'a>>,
}

#[derive(Serialize)]
struct ExportType<'a> {
    name: &'a str,
    kind: TypeKind,
    base: Option<&'a str>,
    #[serde(rename = "abstract")]
    is_abstract: bool,
    open: bool,
    properties: Vec<ExportProperty<'a>>,
    navigation: Vec<ExportProperty<'a>>,
    members: Vec<ExportMember<'a>>,
    sources: Vec<&'a Source>,
}

#[derive(Serialize)]
struct ExportProperty<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: &'a TypeRef,
    collection: bool,
}

#[derive(Serialize)]
struct ExportMember<'a> {
    name: &'a str,
    value: Option<i64>,
}

#[derive(Serialize)]
struct ExportOperation<'a> {
    method: &'a str,
    path: &'a str,
    permissions: Vec<ExportPermission<'a>>,
    request_body: Option<ExportBody<'a>>,
    response: ExportResponse<'a>,
}

#[derive(Serialize)]
struct ExportPermission<'a> {
    scheme: PermissionScheme,
    context: Option<&'a str>,
    scopes: &'a [String],
    least_privileged: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
enum ExportBody<'a> {
    Type {
        #[serde(rename = "type")]
        ty: &'a TypeRef,
        collection: bool,
    },
    Parameters {
        parameters: Vec<ExportProperty<'a>>,
    },
    Stream,
}

#[derive(Serialize)]
struct ExportResponse<'a> {
    status: u16,
    #[serde(rename = "type")]
    ty: Option<&'a TypeRef>,
    collection: bool,
    optional: bool,
    source: &'a Source,
}

#[derive(Serialize)]
struct ExportDiagnostic<'a> {
    code: &'a str,
    severity: Severity,
    file: &'a str,
    line: u32,
    message: &'a str,
}

impl<'a> Export<'a> {
    /// The export of `api`, sorted so that the same pages give the same
    /// bytes.
    pub fn new(api: &'a Api) -> Export<'a> {
        let mut types: Vec<_> = api.types.iter().map(export_type).collect();
        types.sort_by(|a, b| a.name.cmp(b.name));
        let mut operations: Vec<_> = api.operations.iter().map(export_operation).collect();
        operations.sort_by(|a, b| (a.path, a.method).cmp(&(b.path, b.method)));
        let mut diagnostics: Vec<_> = api.diagnostics.iter().map(export_diagnostic).collect();
        diagnostics.sort_by(|a, b| {
            (a.file, a.line, a.code, a.message).cmp(&(b.file, b.line, b.code, b.message))
        });
        Export {
            types,
            operations,
            diagnostics,
        }
    }
}

fn export_type(def: &TypeDef) -> ExportType<'_> {
    let mut sources: Vec<&Source> = def.sources.iter().collect();
    sources.sort();
    sources.dedup();
    ExportType {
        name: &def.name,
        kind: def.kind,
        base: def.base.as_deref(),
        is_abstract: def.is_abstract,
        open: def.open,
        properties: def.properties.iter().map(export_property).collect(),
        navigation: def.navigation.iter().map(export_property).collect(),
        members: def.members.iter().map(export_member).collect(),
        sources,
    }
}

fn export_property(p: &Property) -> ExportProperty<'_> {
    ExportProperty {
        name: &p.name,
        ty: &p.ty,
        collection: p.collection,
    }
}

fn export_member(m: &EnumMember) -> ExportMember<'_> {
    ExportMember {
        name: &m.name,
        value: m.value,
    }
}

fn export_operation(op: &Operation) -> ExportOperation<'_> {
    ExportOperation {
        method: &op.method,
        path: &op.path,
        permissions: op.permissions.iter().map(export_permission).collect(),
        request_body: op.request_body.as_ref().map(export_body),
        response: export_response(&op.response),
    }
}

fn export_permission(p: &Permission) -> ExportPermission<'_> {
    ExportPermission {
        scheme: p.scheme,
        context: p.context.as_deref(),
        scopes: &p.scopes,
        least_privileged: p.least_privileged,
    }
}

fn export_body(body: &RequestBody) -> ExportBody<'_> {
    match body {
        RequestBody::Type { ty, collection } => ExportBody::Type {
            ty,
            collection: *collection,
        },
        RequestBody::Parameters { parameters, .. } => ExportBody::Parameters {
            parameters: parameters.iter().map(export_property).collect(),
        },
        RequestBody::Stream => ExportBody::Stream,
    }
}

fn export_response(r: &Response) -> ExportResponse<'_> {
    ExportResponse {
        status: r.status,
        ty: r.ty.as_ref(),
        collection: r.collection,
        optional: r.optional,
        source: &r.source,
    }
}

fn export_diagnostic(d: &Diagnostic) -> ExportDiagnostic<'_> {
    ExportDiagnostic {
        code: d.code,
        severity: d.severity,
        file: &d.file,
        line: d.line,
        message: &d.message,
    }
}
