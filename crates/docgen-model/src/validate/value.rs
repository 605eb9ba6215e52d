//! One JSON value checked against a type of the model, recursively.

use serde_json::{Map, Value};

use super::{elided, format};
use super::{
    Check, BAD_DATE_TIME, BAD_ENUM_VALUE, BAD_FORMAT, ELIDED_VALUE, ENUM_CASE, NOT_DERIVED,
};
use super::{UNKNOWN_ODATA_TYPE, UNQUALIFIED_ODATA_TYPE};
use super::{UNKNOWN_PROPERTY, WRONG_JSON_TYPE};
use crate::api::Api;
use crate::ir::{Property, TypeDef, TypeKind, TypeRef};
use docgen_page::Primitive;

/// Walks a body, collecting findings with the path of each value.
pub struct Checker<'a> {
    api: &'a Api,
    /// What was found so far, in the order of the body.
    pub findings: Vec<Check>,
}

impl<'a> Checker<'a> {
    /// A checker of bodies against the types of `api`.
    pub fn new(api: &'a Api) -> Checker<'a> {
        Checker {
            api,
            findings: Vec::new(),
        }
    }

    /// Checks `value` at `path` against `ty`, or against a collection of
    /// `ty` when `collection` is set.
    pub fn check(&mut self, path: &str, value: &Value, ty: &TypeRef, collection: bool) {
        if value.is_null() {
            return;
        }
        if collection {
            let Value::Array(items) = value else {
                self.wrong_type(path, "an array", value);
                return;
            };
            for (i, item) in items.iter().enumerate() {
                self.check(&format!("{path}[{i}]"), item, ty, false);
            }
            return;
        }
        match ty {
            TypeRef::Json => {}
            TypeRef::Primitive(p) => self.primitive(path, value, *p),
            TypeRef::Named(name) => match self.api.type_def(name) {
                Some(def) if def.kind == TypeKind::Enum => self.enum_value(path, value, def),
                Some(def) => self.object(path, value, def),
                // The lowering resolves names only to declared types; a
                // dangling one has been reported there already.
                None => {}
            },
        }
    }

    /// Checks an object against a set of properties (an action's
    /// parameters), none of them open to extra members.
    pub fn parameters(&mut self, path: &str, value: &Value, parameters: &[Property]) {
        let Value::Object(members) = value else {
            self.wrong_type(path, "an object", value);
            return;
        };
        let properties: Vec<&Property> = parameters.iter().collect();
        self.members(path, members, &properties, Undeclared::NotAParameter);
    }

    /// The object's own `@odata.type` picks a derived type; otherwise the
    /// declared one is used.
    pub fn object(&mut self, path: &str, value: &Value, declared: &TypeDef) {
        let Value::Object(members) = value else {
            self.wrong_type(path, &format!("a `{}` object", declared.name), value);
            return;
        };
        let def = match members.get("@odata.type").and_then(Value::as_str) {
            Some(written) => match self.find_type(written) {
                Some(actual) => {
                    let name = written.trim().trim_start_matches('#');
                    if name != actual.name {
                        self.finding(
                            UNQUALIFIED_ODATA_TYPE,
                            path,
                            format!(
                                "`{}` has `@odata.type` `{written}`, which is not the qualified name `#{}`",
                                shown(path),
                                actual.name
                            ),
                        );
                    }
                    if !self.derives_from(actual, declared) {
                        self.finding(
                            NOT_DERIVED,
                            path,
                            format!(
                                "`{}` has `@odata.type` `{written}`, which is not `{}` nor derived from it",
                                shown(path),
                                declared.name
                            ),
                        );
                    }
                    actual
                }
                None => {
                    // Without the type, its properties cannot be told from
                    // mistakes: only the annotation is reported.
                    self.finding(
                        UNKNOWN_ODATA_TYPE,
                        path,
                        format!(
                            "`{}` has `@odata.type` `{written}`, which is not a type of the model",
                            shown(path)
                        ),
                    );
                    return;
                }
            },
            None => declared,
        };
        let properties = self.api.all_properties(def);
        let open = self.is_open(def);
        let undeclared = if open {
            Undeclared::Allowed
        } else {
            Undeclared::NotAProperty(def)
        };
        self.members(path, members, &properties, undeclared);
    }

    /// Checks each member against the property of that name.
    fn members(
        &mut self,
        path: &str,
        members: &Map<String, Value>,
        properties: &[&Property],
        undeclared: Undeclared,
    ) {
        for (name, value) in members {
            let at = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            // Instance annotations: `@odata.type`, `@odata.nextLink`,
            // `manager@odata.bind`, `@microsoft.graph.conflictBehavior`.
            if name.contains('@') {
                continue;
            }
            match properties.iter().find(|p| p.name == *name) {
                Some(p) => self.check(&at, value, &p.ty, p.collection),
                None => match undeclared {
                    Undeclared::Allowed => {}
                    // An entity's key is a property even where the docs
                    // leave it out of the table (an `id` inherited from
                    // an undocumented base).
                    Undeclared::NotAProperty(def) if self.is_key(def, name) => {}
                    Undeclared::NotAProperty(def) => self.finding(
                        UNKNOWN_PROPERTY,
                        &at,
                        format!("`{at}` is not a property of `{}`", def.name),
                    ),
                    Undeclared::NotAParameter => self.finding(
                        UNKNOWN_PROPERTY,
                        &at,
                        format!("`{at}` is not a documented parameter"),
                    ),
                },
            }
        }
    }

    fn primitive(&mut self, path: &str, value: &Value, primitive: Primitive) {
        use Primitive as P;
        let expected = match primitive {
            P::Untyped | P::Stream => return,
            P::Boolean if value.is_boolean() => return,
            P::Boolean => "a boolean",
            P::Byte | P::SByte | P::Int16 | P::Int32 if value.is_number() => return,
            P::Byte | P::SByte | P::Int16 | P::Int32 => "a number",
            P::Int64 | P::Decimal => match value {
                Value::Number(_) => return,
                Value::String(s) if format::is_numeric_string(s) => return,
                _ => "a number or a numeric string",
            },
            P::Single | P::Double => match value {
                Value::Number(_) => return,
                Value::String(s) if format::is_special_float(s) => return,
                Value::String(s) if format::is_numeric_string(s) => return,
                _ => "a number",
            },
            P::String if value.is_string() => return,
            P::String => "a string",
            P::Binary | P::DateTimeOffset | P::Date | P::TimeOfDay | P::Duration | P::Guid => {
                match value.as_str() {
                    Some(s) => return self.formatted(path, s, primitive),
                    None => "a string",
                }
            }
        };
        match value.as_str() {
            Some(s) if elided::is_elided(s) => self.elided(path, s, primitive),
            _ => self.wrong_type(path, expected, value),
        }
    }

    fn formatted(&mut self, path: &str, s: &str, primitive: Primitive) {
        let ok = match primitive {
            Primitive::DateTimeOffset => format::is_date_time_offset(s),
            Primitive::Date => format::is_date(s),
            Primitive::TimeOfDay => format::is_time_of_day(s),
            Primitive::Duration => format::is_duration(s),
            Primitive::Guid => format::is_guid(s),
            Primitive::Binary => format::is_base64(s),
            _ => true,
        };
        if ok {
            return;
        }
        if elided::is_elided(s) {
            return self.elided(path, s, primitive);
        }
        let code = if primitive == Primitive::DateTimeOffset {
            BAD_DATE_TIME
        } else {
            BAD_FORMAT
        };
        self.finding(
            code,
            path,
            format!("`{path}` is `{s}`, not an `{}`", primitive.edm_name()),
        );
    }

    /// A placeholder or a value cut short where a `primitive` is declared,
    /// with the value that checks read in its place.
    fn elided(&mut self, path: &str, s: &str, primitive: Primitive) {
        let stand_in = elided::stand_in(primitive);
        let replaced = match &stand_in {
            Some(value) => format!("; checks read `{value}` in its place"),
            None => String::new(),
        };
        self.findings.push(Check {
            code: ELIDED_VALUE,
            path: path.to_string(),
            message: format!(
                "`{}` is `{s}`, which stands for an `{}` rather than being one{replaced}",
                shown(path),
                primitive.edm_name()
            ),
            stand_in,
        });
    }

    /// A single member, or a comma-separated list of them as flag enums
    /// write it.
    fn enum_value(&mut self, path: &str, value: &Value, def: &TypeDef) {
        let Value::String(s) = value else {
            self.wrong_type(path, &format!("a `{}` member name", def.name), value);
            return;
        };
        // An enum whose member table was not read cannot tell members
        // from mistakes.
        if def.members.is_empty() {
            return;
        }
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        let unknown: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|part| !def.members.iter().any(|m| m.name == *part))
            .collect();
        let case_only = unknown.iter().all(|part| {
            def.members
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(part))
        });
        if !unknown.is_empty() && case_only {
            self.finding(
                ENUM_CASE,
                path,
                format!(
                    "`{path}` is `{s}`, which matches a member of `{}` only when case is ignored",
                    def.name
                ),
            );
        } else if !unknown.is_empty() {
            self.finding(
                BAD_ENUM_VALUE,
                path,
                format!(
                    "`{path}` is `{s}`, but `{}` is not a member of `{}`",
                    unknown.join(", "),
                    def.name
                ),
            );
        }
    }

    /// The type an `@odata.type` names: `#microsoft.graph.user`, or a name
    /// without its namespace.
    fn find_type(&self, written: &str) -> Option<&'a TypeDef> {
        let name = written.trim().trim_start_matches('#');
        self.api
            .type_def(name)
            .or_else(|| self.api.type_def(&format!("microsoft.graph.{name}")))
            .or_else(|| {
                self.api
                    .types
                    .iter()
                    .find(|t| t.name.eq_ignore_ascii_case(name))
            })
    }

    /// Whether `def` is `base` or derives from it.
    fn derives_from(&self, def: &TypeDef, base: &TypeDef) -> bool {
        self.base_chain(def).any(|d| d.name == base.name)
    }

    /// Whether `name` is the key of `def` or of one of its bases.
    fn is_key(&self, def: &TypeDef, name: &str) -> bool {
        self.base_chain(def).any(|d| d.key.as_deref() == Some(name))
    }

    /// A type is open when it or any of its bases is.
    fn is_open(&self, def: &TypeDef) -> bool {
        self.base_chain(def).any(|d| d.open)
    }

    /// `def`, its base, its base's base... stopping at a cycle.
    fn base_chain(&self, def: &'a TypeDef) -> impl Iterator<Item = &'a TypeDef> + '_ {
        let api = self.api;
        std::iter::successors(Some(def), move |d| {
            d.base.as_deref().and_then(|b| api.type_def(b))
        })
        .take(64)
    }

    fn wrong_type(&mut self, path: &str, expected: &str, value: &Value) {
        self.finding(
            WRONG_JSON_TYPE,
            path,
            format!(
                "`{}` is {}, expected {expected}",
                shown(path),
                json_kind(value)
            ),
        );
    }

    fn finding(&mut self, code: &'static str, path: &str, message: String) {
        self.findings.push(Check::new(code, path, message));
    }
}

/// What a member that nothing declares is.
#[derive(Clone, Copy)]
enum Undeclared<'t> {
    /// A member of an open type: fine.
    Allowed,
    /// Not a property of this type.
    NotAProperty(&'t TypeDef),
    /// Not one of an action's parameters.
    NotAParameter,
}

/// A path for messages: the body itself has none.
fn shown(path: &str) -> &str {
    if path.is_empty() {
        "the body"
    } else {
        path
    }
}

/// The JSON kind of a value, with an article, for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
