//! The API model: every type, enum and operation of a docs folder, resolved
//! across pages, with Rust names chosen once.
//!
//! [`Api::build`] lowers page models into the model in four steps: collect
//! the types that pages declare, merge the ones declared on several pages,
//! resolve the type references of properties and operations, and lint the
//! examples against the result. Nothing here fails: what cannot be resolved
//! becomes a diagnostic and falls back to untyped JSON.

mod api;
mod codes;
mod export;
mod ir;
mod lower;
mod names;
mod permissions;
mod validate;

pub use api::Api;
pub use codes::CODES;
pub use docgen_page::{Diagnostic, Primitive, Severity};
pub use ir::{
    BodyParameter, EnumMember, Example, ExampleRequest, ExampleResponse, Finding, Header,
    Operation, OperationKind, Permission, PermissionScheme, Property, QueryOption, RequestBody,
    Response, Source, StandIn, TypeDef, TypeKind, TypeRef,
};
pub use names::{field_name, method_name, type_name, unique_name};
pub use validate::{example_report, ExampleReport, SideReport};
