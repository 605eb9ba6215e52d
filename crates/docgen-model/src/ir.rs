use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use docgen_page::{PathTemplate, Primitive};

/// Where an item was read: a page and a line, shown as `file:line`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    pub file: String,
    pub line: u32,
}

impl Source {
    pub fn new(file: &str, line: u32) -> Source {
        Source {
            file: file.to_string(),
            line,
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What a property, parameter or response holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Primitive(Primitive),
    /// A type of the model, by qualified name (`microsoft.graph.user`).
    Named(String),
    /// A reference that could not be resolved, or a value the docs leave
    /// untyped: any JSON value.
    Json,
}

impl TypeRef {
    /// The qualified name, or the `Edm.*` name of a primitive.
    pub fn qualified_name(&self) -> &str {
        match self {
            TypeRef::Primitive(p) => p.edm_name(),
            TypeRef::Named(name) => name,
            TypeRef::Json => Primitive::Untyped.edm_name(),
        }
    }
}

impl Serialize for TypeRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.qualified_name())
    }
}

/// Whether a type has a key, is a plain structure, or is an enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    /// An entity type: has a key and lives at a URL.
    Entity,
    /// A complex type: a structured value inside an entity.
    Complex,
    Enum,
}

/// A resource, complex type or enum of the API.
#[derive(Clone, Debug, Serialize)]
pub struct TypeDef {
    /// Qualified OData name, `microsoft.graph.user`.
    pub name: String,
    /// The Rust type name, unique in the crate.
    pub rust_name: String,
    pub kind: TypeKind,
    /// Qualified name of the base type.
    pub base: Option<String>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    /// Open types accept properties that are not declared.
    pub open: bool,
    /// The key property of an entity type.
    pub key: Option<String>,
    pub description: String,
    /// Area of the API the type belongs to (`ms.prod` or `ms.subservice`).
    pub area: Option<String>,
    pub properties: Vec<Property>,
    /// Relationships: properties that lead to other entities.
    pub navigation: Vec<Property>,
    pub members: Vec<EnumMember>,
    /// Qualified names of the types that derive from this one.
    pub derived: Vec<String>,
    /// Every page and line that declares part of the type.
    pub sources: Vec<Source>,
}

/// A property, relationship or action parameter.
#[derive(Clone, Debug, Serialize)]
pub struct Property {
    /// The JSON name.
    pub name: String,
    pub rust_name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub collection: bool,
    pub description: String,
    /// The group the docs list the property under, such as `On-boarding`.
    pub context: Option<String>,
    /// The docs call it required (request bodies and parameters).
    pub required: bool,
    pub source: Source,
}

/// A member of an enum type.
#[derive(Clone, Debug, Serialize)]
pub struct EnumMember {
    /// The JSON value.
    pub name: String,
    pub rust_name: String,
    pub value: Option<i64>,
    pub description: String,
}

/// The three ways a caller can hold permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionScheme {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

/// The scopes one scheme accepts for an operation, in one context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Permission {
    pub scheme: PermissionScheme,
    /// The context the row applies to (`Device management`), for pages whose
    /// permissions vary by context.
    pub context: Option<String>,
    /// Scopes in least-privileged-first order; empty when the scheme is not
    /// supported.
    pub scopes: Vec<String>,
    /// How many of `scopes`, from the start, the docs call least privileged.
    /// Older pages list all scopes in one ordered column: there the first
    /// scope is the least privileged one.
    pub least_privileged: usize,
}

/// A documented request header.
#[derive(Clone, Debug, Serialize)]
pub struct Header {
    pub name: String,
    pub rust_name: String,
    pub description: String,
    pub required: bool,
}

/// A documented query option: an OData system option such as `$filter`,
/// or a custom parameter.
#[derive(Clone, Debug, Serialize)]
pub struct QueryOption {
    pub name: String,
    pub rust_name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub description: String,
}

/// What an operation takes as its body.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RequestBody {
    /// A resource of the model (`POST /users` takes a user).
    Type {
        #[serde(rename = "type")]
        ty: TypeRef,
        collection: bool,
    },
    /// An action's parameters, emitted as a request type of their own.
    Parameters {
        rust_name: String,
        parameters: Vec<BodyParameter>,
    },
    /// A binary or text upload (`PUT /photo/$value`).
    Stream,
}

/// One parameter of an action body.
pub type BodyParameter = Property;

/// The documented success response.
#[derive(Clone, Debug, Serialize)]
pub struct Response {
    pub status: u16,
    /// None when the docs say or show that the body is empty; untyped JSON
    /// when a body comes back but nothing names its type.
    #[serde(rename = "type")]
    pub ty: Option<TypeRef>,
    pub collection: bool,
    /// The body may not come back: only on request, and by default the
    /// answer is empty ("returns `204 No Content`; with `Prefer:
    /// return=representation`, `200 OK` and the updated object"), or the
    /// docs show the operation answering `202 Accepted` or `204 No
    /// Content` without one.
    pub optional: bool,
    /// Where the response was read: the first line of the page's
    /// `Response` section.
    pub source: Source,
}

/// How an operation is reached from its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// Read, create, update or delete a resource at the path.
    Crud,
    /// A bound action: `POST .../sendMail`.
    Action,
    /// A bound function: `GET .../delta()` or `.../f(p={p})`.
    Function,
}

/// One documented request example and the response that follows it.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    pub name: Option<String>,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

/// The request side of an example.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleRequest {
    pub method: String,
    pub url: String,
    pub body: Option<Value>,
    pub source: Source,
    /// What the docs lint found wrong in the body.
    pub findings: Vec<Finding>,
    /// Values the body leaves out, each with what checks read in its place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stand_ins: Vec<StandIn>,
    /// The docs lint's finding when the URL is none of the paths the page
    /// documents.
    pub url_finding: Option<Finding>,
}

impl ExampleRequest {
    /// The body with every elided value replaced by its stand-in: what a
    /// check of the example sends and compares.
    pub fn checked_body(&self) -> Option<Cow<'_, Value>> {
        checked_body(self.body.as_ref()?, &self.stand_ins)
    }
}

/// The response side of an example.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleResponse {
    pub status: Option<u16>,
    pub body: Option<Value>,
    /// The example shows no body at all; false when it shows one, even
    /// one that is not JSON.
    pub empty: bool,
    /// The headers the example shows, as written.
    pub headers: Vec<(String, String)>,
    /// The example says it shows only part of the response.
    pub truncated: bool,
    /// The `@odata.type` the example's annotation declares.
    pub odata_type: Option<String>,
    pub is_collection: Option<bool>,
    pub source: Source,
    /// What the docs lint found wrong in the body.
    pub findings: Vec<Finding>,
    /// Values the body leaves out, each with what checks read in its place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stand_ins: Vec<StandIn>,
}

impl ExampleResponse {
    /// The body with every elided value replaced by its stand-in: what a
    /// check of the example reads.
    pub fn checked_body(&self) -> Option<Cow<'_, Value>> {
        checked_body(self.body.as_ref()?, &self.stand_ins)
    }

    /// The value of the header `name`, whatever its case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A value an example's body leaves out (a placeholder such as
/// `"datetime-value"`, or a value cut short), and the value of its declared
/// type that checks of the example read in its place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandIn {
    /// Where in the body, as a JSON pointer: `/value/0/createdDateTime`.
    pub pointer: String,
    pub value: Value,
}

/// `body` with `stand_ins` put in, borrowed when there are none.
fn checked_body<'a>(body: &'a Value, stand_ins: &[StandIn]) -> Option<Cow<'a, Value>> {
    if stand_ins.is_empty() {
        return Some(Cow::Borrowed(body));
    }
    let mut checked = body.clone();
    for stand_in in stand_ins {
        if let Some(slot) = checked.pointer_mut(&stand_in.pointer) {
            *slot = stand_in.value.clone();
        }
    }
    Some(Cow::Owned(checked))
}

/// One place where an example's body contradicts the docs' own tables, as
/// the docs lint found it: a value the declared type cannot hold, a
/// member it does not declare.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// One of the lint's `V0xx` codes.
    pub code: &'static str,
    /// Where in the body: `value[0].assignedLicenses[0].skuId`, empty for
    /// the body itself.
    pub path: String,
    /// What is wrong, naming the path.
    pub message: String,
    /// The page and line of the body.
    pub source: Source,
}

/// A documented operation: one method on one path.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// A name unique among the operations, used for the request builder.
    pub rust_name: String,
    pub method: String,
    /// The path template, such as `/users/{id}`.
    pub path: String,
    #[serde(skip)]
    pub template: PathTemplate,
    /// Other paths the page lists for the same operation (`/me`).
    pub alternative_paths: Vec<String>,
    pub kind: OperationKind,
    /// The page's title, such as `Create user`.
    pub summary: String,
    pub description: String,
    pub area: Option<String>,
    pub permissions: Vec<Permission>,
    /// Prose about the permissions of particular scenarios, for people.
    pub permission_notes: String,
    pub headers: Vec<Header>,
    pub query: Vec<QueryOption>,
    pub request_body: Option<RequestBody>,
    pub response: Response,
    pub examples: Vec<Example>,
    pub source: Source,
}
