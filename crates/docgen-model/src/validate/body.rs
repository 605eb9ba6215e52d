//! Which type a request or response body is read as, and how a response
//! wraps its result in `{"value": ...}`.

use serde_json::Value;

use super::value::Checker;
use super::{Check, COLLECTION_SHAPE, UNKNOWN_RESPONSE_TYPE, WRAPPED_OBJECT};
use crate::api::Api;
use crate::ir::{ExampleResponse, Operation, RequestBody, TypeDef, TypeKind, TypeRef};
use docgen_page::Primitive;

/// The findings of a request body, or None when the operation's body has
/// no type to check against.
pub fn check_request(api: &Api, op: &Operation, body: &Value) -> Option<Vec<Check>> {
    let mut checker = Checker::new(api);
    match op.request_body.as_ref()? {
        RequestBody::Type {
            ty: TypeRef::Json, ..
        }
        | RequestBody::Stream => return None,
        RequestBody::Parameters { parameters, .. } if parameters.is_empty() => return None,
        RequestBody::Parameters { parameters, .. } => checker.parameters("", body, parameters),
        // FIXME: an action the lowering reads as a plain `POST` gets its
        // response type as the body type (`Edm.String` for
        // `getMemberGroups`); request bodies are always objects, so such a
        // body type says nothing about the example and is not checked.
        RequestBody::Type { ty, .. } if !is_structured(api, ty) => return None,
        RequestBody::Type { ty, collection } => match (collection, body.get("value")) {
            (true, Some(items)) => checker.check("value", items, ty, true),
            _ => checker.check("", body, ty, *collection),
        },
    }
    Some(checker.findings)
}

/// The findings of a response body, or None when neither the operation
/// nor the example says what type it is.
pub fn check_response(
    api: &Api,
    op: &Operation,
    response: &ExampleResponse,
    body: &Value,
) -> Option<Vec<Check>> {
    let mut checker = Checker::new(api);

    // The example's annotation names the type of this one example, often
    // more precisely than the page (a `room` where the page says `place`);
    // the page's type is the fallback.
    let annotated = response.odata_type.as_deref().map(annotated_type);
    let known = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => api.type_def(name).is_some(),
        _ => true,
    };
    let (ty, collection) = match (annotated, &op.response.ty) {
        (Some((ty, collection)), _) if known(&ty) => (ty, collection),
        (None, None) => return None,
        (annotated, page) => {
            let unknown = annotated.map(|(ty, _)| ty).or_else(|| page.clone());
            if let Some(unknown) = unknown.filter(|ty| !known(ty)) {
                checker.findings.push(Check::new(
                    UNKNOWN_RESPONSE_TYPE,
                    "",
                    format!(
                        "response type `{}` is not a type of the model",
                        unknown.qualified_name()
                    ),
                ));
            }
            // An untyped page response leaves only the annotation's finding.
            match page {
                Some(ty) if known(ty) && *ty != TypeRef::Json => {
                    (ty.clone(), op.response.collection)
                }
                _ => return Some(checker.findings),
            }
        }
    };
    if ty == TypeRef::Json {
        return None;
    }
    let collection = collection || response.is_collection == Some(true);

    let def = api.resolve(&ty);
    let structured = is_structured(api, &ty);
    let wrapped = wrapped_value(api, body, def, collection);
    if let (false, Some(def), Some(Value::Object(_))) = (collection, def, wrapped) {
        if value_cannot_be_an_object(api, def) {
            let message = format!(
                "`value` wraps the whole `{}` object, but the type has a `value` property of its \
                 own, which holds no object: a client reads the body as the object and `value` \
                 as that property",
                def.name
            );
            checker
                .findings
                .push(Check::new(WRAPPED_OBJECT, "value", message));
        }
    }
    match (collection, wrapped) {
        (true, Some(items)) if items.is_array() => checker.check("value", items, &ty, true),
        (true, Some(item)) => {
            checker.findings.push(Check::new(
                COLLECTION_SHAPE,
                "value",
                "`value` of a collection response holds one item, not an array",
            ));
            checker.check("value", item, &ty, false);
        }
        (true, None) if body.is_array() => {
            checker.findings.push(Check::new(
                COLLECTION_SHAPE,
                "",
                "`the body` of a collection response is a bare array, not `{\"value\": [...]}`",
            ));
            checker.check("", body, &ty, true);
        }
        (true, None) => {
            checker.findings.push(Check::new(
                COLLECTION_SHAPE,
                "",
                "`the body` of a collection response has no `value` array",
            ));
            checker.check("", body, &ty, false);
        }
        // Pages that call a collection "a [user](..) object" still show
        // `{"value": [...]}`: the body's shape is trusted over the prose.
        (false, Some(items)) if items.is_array() && structured => {
            checker.check("value", items, &ty, true)
        }
        (false, Some(item)) => checker.check("value", item, &ty, false),
        (false, None) => checker.check("", body, &ty, false),
    }
    Some(checker.findings)
}

/// Whether `ty` is an entity or complex type, whose values are objects.
fn is_structured(api: &Api, ty: &TypeRef) -> bool {
    api.resolve(ty)
        .is_some_and(|def| def.kind != TypeKind::Enum)
}

/// A type as an example's annotation writes it: `microsoft.graph.user`,
/// `Collection(microsoft.graph.permission)`, `Edm.String`; and whether it
/// is a collection.
fn annotated_type(written: &str) -> (TypeRef, bool) {
    let written = written.trim().trim_start_matches('#');
    let item = written
        .get(.."collection(".len())
        .filter(|head| head.eq_ignore_ascii_case("collection("))
        .and_then(|_| written["collection(".len()..].strip_suffix(')'));
    let (name, collection) = match item {
        Some(item) => (item.trim(), true),
        None => (written, false),
    };
    let ty = match Primitive::from_name(name) {
        Some(p) => TypeRef::Primitive(p),
        None => TypeRef::Named(name.to_string()),
    };
    (ty, collection)
}

/// The `value` member of a body that wraps the result: every collection,
/// every primitive or enum result, and, as many pages write it, a single
/// object (`{"value": {...}}`). A type that declares a `value` property of
/// its own is the body itself unless `value` is the body's only member and
/// its shape says it wraps.
fn wrapped_value<'v>(
    api: &Api,
    body: &'v Value,
    def: Option<&TypeDef>,
    collection: bool,
) -> Option<&'v Value> {
    let members = body.as_object()?;
    let value = members.get("value")?;
    if !def.is_some_and(|def| declares_value(api, def)) {
        return Some(value);
    }
    let only_value = members.keys().all(|k| k == "value" || k.contains('@'));
    (only_value && (collection || value.is_object())).then_some(value)
}

/// Whether a structured type has a property named `value`.
fn declares_value(api: &Api, def: &TypeDef) -> bool {
    def.kind != TypeKind::Enum && api.all_properties(def).iter().any(|p| p.name == "value")
}

/// Whether a structured type has a `value` property that cannot hold an
/// object, so that `{"value": {...}}` cannot be the object itself.
fn value_cannot_be_an_object(api: &Api, def: &TypeDef) -> bool {
    if def.kind == TypeKind::Enum {
        return false;
    }
    let properties = api.all_properties(def);
    let Some(value) = properties.iter().find(|p| p.name == "value") else {
        return false;
    };
    let object = match &value.ty {
        TypeRef::Json | TypeRef::Primitive(Primitive::Untyped) => true,
        ty => is_structured(api, ty),
    };
    value.collection || !object
}
