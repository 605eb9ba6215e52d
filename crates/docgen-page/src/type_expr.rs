use std::fmt;

use arcstr::Substr;
use serde::Serialize;

use crate::page::{ascii_lowercase_in, starts_with_ignore_case, trim, Cell};

/// The EDM primitive types, which the docs spell in many ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
    /// Untyped JSON: `Json`, `Object`, `Edm.Untyped`.
    Untyped,
}

impl Primitive {
    /// The `Edm.*` name of the primitive.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "Edm.String",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Single => "Edm.Single",
            Primitive::Double => "Edm.Double",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Date => "Edm.Date",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Duration => "Edm.Duration",
            Primitive::Guid => "Edm.Guid",
            Primitive::Binary => "Edm.Binary",
            Primitive::Stream => "Edm.Stream",
            Primitive::Untyped => "Edm.Untyped",
        }
    }

    /// Reads a primitive in any of the spellings the docs use: `String`,
    /// `string`, `Edm.Int32`, `int`, `GUID`, `DateTime`...
    pub fn from_name(name: &str) -> Option<Primitive> {
        let name = trim(trim(name).trim_matches('`'));
        let name = name
            .strip_prefix("Edm.")
            .or_else(|| name.strip_prefix("edm."))
            .unwrap_or(name);
        // The longest spelling is 14 bytes.
        let mut buffer = [0u8; 16];
        let primitive = match ascii_lowercase_in(name, &mut buffer)? {
            "string" | "str" | "text" | "url" | "uri" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "int16" | "short" => Primitive::Int16,
            "int32" | "int" | "integer" | "number" => Primitive::Int32,
            "int64" | "long" | "bigint" => Primitive::Int64,
            "single" | "float" => Primitive::Single,
            "double" => Primitive::Double,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" | "time" => Primitive::TimeOfDay,
            "duration" | "timespan" => Primitive::Duration,
            "guid" | "uuid" => Primitive::Guid,
            "binary" | "byte[]" | "base64" | "base64binary" => Primitive::Binary,
            "stream" => Primitive::Stream,
            "json" | "object" | "untyped" | "any" => Primitive::Untyped,
            _ => return None,
        };
        Some(primitive)
    }
}

/// A type as written in a table's type cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TypeExpr {
    Primitive {
        primitive: Primitive,
    },
    /// A resource, complex type or enum, by name, with the page it links to.
    Named {
        name: Substr,
        target: Option<Substr>,
    },
    Collection {
        item: Box<TypeExpr>,
    },
    /// Nothing in the cell reads as a type.
    Unknown {
        text: Substr,
    },
}

/// A type expression and whether text was left over after reading it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParsedType {
    pub ty: TypeExpr,
    /// The cell held more than a type (`string, maximum size 20`): the
    /// type is the nearest reading and the caller should say so.
    pub free_text: bool,
    /// The cell says there is no value: `None`, `No Content`, as in the
    /// return type of a method that returns nothing. `ty` is then
    /// [`TypeExpr::Unknown`] with the cell's text.
    pub no_value: bool,
}

impl TypeExpr {
    /// Reads a type cell: `String`, `` `Int32` ``, `Edm.Guid`,
    /// `String collection`, `Collection(String)`, `[user](user.md)`,
    /// `[user](user.md) collection`, `[riskLevel](enums.md#risklevel-values)`,
    /// a bare type name, or free text around any of these.
    pub fn parse(cell: &Cell) -> ParsedType {
        // Words are compared in any case, as the docs write them.
        let text = trim(&cell.text);
        // The word, not a part of a name such as `siteCollection`. Words
        // are runs of ASCII letters and digits, so the bytes can be split
        // without decoding characters.
        let collection = text
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .any(|w| {
                w.eq_ignore_ascii_case(b"collection") || w.eq_ignore_ascii_case(b"collections")
            })
            || text.starts_with('[') && text.ends_with("[]")
            || text.ends_with("[]") && !starts_with_ignore_case(text, "byte");

        let says_none = ["none", "no content", "nothing", "void"];
        let sentence = text.trim_end_matches('.');
        if says_none.iter().any(|w| w.eq_ignore_ascii_case(sentence)) {
            return ParsedType {
                ty: TypeExpr::Unknown {
                    text: part_of(&cell.text, text),
                },
                free_text: false,
                no_value: true,
            };
        }

        // A linked type wins over the words around it.
        if let Some(link) = cell.links.iter().find(|l| is_type_link(&l.target)) {
            let link_text = trim(&link.text).trim_matches('`');
            let name = without_namespace(trim(strip_collection(link_text)));
            let name = part_of(&link.text, name);
            let named = match Primitive::from_name(&name) {
                Some(p) => TypeExpr::Primitive { primitive: p },
                None => TypeExpr::Named {
                    name,
                    target: Some(link.target.clone()).filter(|t| !t.is_empty()),
                },
            };
            let rest = without(text, &link.text);
            let free_text = !is_filler(&rest);
            return ParsedType {
                ty: wrap(named, collection),
                free_text,
                no_value: false,
            };
        }

        // `(Optional) String`: a leading remark in parentheses.
        let unremarked = match text.strip_prefix('(').and_then(|t| t.split_once(')')) {
            Some((_, rest)) if !rest.trim().is_empty() => rest.trim(),
            _ => text,
        };
        let inner = strip_collection(unremarked);
        let word_end = inner.find([',', '(', ' ', ';']).unwrap_or(inner.len());
        let mut word = inner[..word_end].trim_matches('`');
        while let Some(element) = word.strip_suffix("[]") {
            word = element;
        }
        let rest = trim(&inner[word_end..]);
        let free_text = unremarked != text || !rest.is_empty();

        // Words after a bare name must be a remark (`string (url)`,
        // `string, maximum size 20`) or filler (`error object`); otherwise
        // the cell is a sentence (`Location header`, `Not yet documented`).
        let remark = rest.is_empty() || rest.starts_with(['(', ',', ';', '.']) || is_filler(rest);
        if remark {
            if let Some(p) = Primitive::from_name(word) {
                return ParsedType {
                    ty: wrap(TypeExpr::Primitive { primitive: p }, collection),
                    free_text,
                    no_value: false,
                };
            }
            if is_identifier(word) {
                let name = part_of(&cell.text, without_namespace(word));
                return ParsedType {
                    ty: wrap(TypeExpr::Named { name, target: None }, collection),
                    free_text,
                    no_value: false,
                };
            }
        }
        ParsedType {
            ty: TypeExpr::Unknown {
                text: part_of(&cell.text, text),
            },
            free_text: false,
            no_value: false,
        }
    }

    /// The type of the items, for a collection; the type itself otherwise.
    pub fn item(&self) -> &TypeExpr {
        match self {
            TypeExpr::Collection { item } => item.item(),
            other => other,
        }
    }

    pub fn is_collection(&self) -> bool {
        matches!(self, TypeExpr::Collection { .. })
    }
}

/// The type as the docs would write it: `Edm.String`, `user`,
/// `Collection(Edm.Int32)`; an unknown type shows its text.
impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Primitive { primitive } => f.write_str(primitive.edm_name()),
            TypeExpr::Named { name, .. } => f.write_str(name),
            TypeExpr::Collection { item } => write!(f, "Collection({item})"),
            TypeExpr::Unknown { text } => f.write_str(text),
        }
    }
}

fn wrap(ty: TypeExpr, collection: bool) -> TypeExpr {
    if collection {
        TypeExpr::Collection { item: Box::new(ty) }
    } else {
        ty
    }
}

/// `Collection(String)` → `String`; `String collection` → `String`;
/// `collection of site` → `site`.
fn strip_collection(text: &str) -> &str {
    let t = trim(text).trim_matches('`');
    if let Some(rest) = t
        .strip_prefix("Collection(")
        .or_else(|| t.strip_prefix("collection("))
    {
        return rest.split(')').next().unwrap_or(rest);
    }
    for prefix in ["collection of ", "a collection of "] {
        let head = t.get(..prefix.len()).filter(|_| t.len() > prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            return t[prefix.len()..].trim();
        }
    }
    for suffix in [" collection", " Collection", " collections"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            return rest;
        }
    }
    t
}

/// A link to a type page, or a reference link with no definition (empty
/// target), whose text is then the type's name.
fn is_type_link(target: &str) -> bool {
    if target.is_empty() {
        return true;
    }
    let path = target.split('#').next().unwrap_or("");
    (path.ends_with(".md") || target.starts_with('#'))
        && !target.starts_with("http")
        && !path.contains("/concepts/")
}

/// `part`, a slice of `text`, sharing `text`'s memory.
fn part_of(text: &Substr, part: &str) -> Substr {
    text.try_substr_from(part)
        .unwrap_or_else(|| Substr::from(part))
}

/// `haystack` without the first `needle` in it, in any case.
fn without(haystack: &str, needle: &str) -> String {
    match find(haystack, needle) {
        Some(at) => [&haystack[..at], &haystack[at + needle.len()..]].concat(),
        None => haystack.to_string(),
    }
}

/// Where `needle` first stands in `haystack`, ASCII letters in any case.
/// Type cells are short, so a plain scan beats building a searcher.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A type name without the `microsoft.graph.` namespace, written once or
/// more.
fn without_namespace(mut name: &str) -> &str {
    while let Some(rest) = name.strip_prefix("microsoft.graph.") {
        name = rest;
    }
    name
}

/// Words that may stand around a linked type without changing it, in any
/// case.
fn is_filler(rest: &str) -> bool {
    const FILLER: &[&str] = &[
        "collection",
        "of",
        "a",
        "an",
        "object",
        "objects",
        "resource",
        "resources",
        "type",
        "json",
    ];
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| FILLER.iter().any(|f| f.eq_ignore_ascii_case(w)))
}

fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Link;

    fn plain(text: &str) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    fn linked(text: &str, link_text: &str, target: &str) -> Cell {
        Cell {
            text: text.into(),
            links: vec![Link {
                text: link_text.into(),
                target: target.into(),
            }],
            ..Cell::default()
        }
    }

    fn prim(p: Primitive) -> TypeExpr {
        TypeExpr::Primitive { primitive: p }
    }

    #[test]
    fn reads_primitive_spellings() {
        for (text, p) in [
            ("String", Primitive::String),
            ("string", Primitive::String),
            ("`Int32`", Primitive::Int32),
            ("Edm.Int32", Primitive::Int32),
            ("int", Primitive::Int32),
            ("GUID", Primitive::Guid),
            ("DateTimeOffset", Primitive::DateTimeOffset),
            ("Boolean", Primitive::Boolean),
        ] {
            let parsed = TypeExpr::parse(&plain(text));
            assert_eq!(parsed.ty, prim(p), "{text}");
            assert!(!parsed.free_text, "{text}");
        }
    }

    #[test]
    fn reads_collections() {
        let string_collection = TypeExpr::Collection {
            item: Box::new(prim(Primitive::String)),
        };
        assert_eq!(
            TypeExpr::parse(&plain("String collection")).ty,
            string_collection
        );
        assert_eq!(
            TypeExpr::parse(&plain("Collection(String)")).ty,
            string_collection
        );
        assert_eq!(TypeExpr::parse(&plain("String[]")).ty, string_collection);
    }

    #[test]
    fn reads_linked_types() {
        let parsed = TypeExpr::parse(&linked("user collection", "user", "user.md"));
        assert_eq!(
            parsed.ty,
            TypeExpr::Collection {
                item: Box::new(TypeExpr::Named {
                    name: "user".into(),
                    target: Some("user.md".into())
                })
            }
        );
        assert!(!parsed.free_text);

        let parsed = TypeExpr::parse(&linked(
            "riskLevel",
            "riskLevel",
            "enums.md#risklevel-values",
        ));
        assert!(matches!(parsed.ty, TypeExpr::Named { ref name, .. } if name == "riskLevel"));
    }

    #[test]
    fn keeps_the_nearest_type_of_free_text() {
        let parsed = TypeExpr::parse(&plain("string, maximum size 20"));
        assert_eq!(parsed.ty, prim(Primitive::String));
        assert!(parsed.free_text);
    }

    #[test]
    fn bare_names_are_named_types() {
        let parsed = TypeExpr::parse(&plain("identitySet"));
        assert_eq!(
            parsed.ty,
            TypeExpr::Named {
                name: "identitySet".into(),
                target: None
            }
        );
    }

    #[test]
    fn a_name_ending_in_collection_is_not_a_collection() {
        let parsed = TypeExpr::parse(&linked(
            "siteCollection",
            "siteCollection",
            "sitecollection.md",
        ));
        assert_eq!(
            parsed.ty,
            TypeExpr::Named {
                name: "siteCollection".into(),
                target: Some("sitecollection.md".into())
            }
        );
    }

    #[test]
    fn reads_collection_of_prefixes() {
        let site = TypeExpr::Collection {
            item: Box::new(TypeExpr::Named {
                name: "site".into(),
                target: None,
            }),
        };
        assert_eq!(TypeExpr::parse(&plain("collection of site")).ty, site);
        let parsed = TypeExpr::parse(&linked(
            "Collection of groupSettingTemplate",
            "Collection of groupSettingTemplate",
            "groupsettingtemplate.md",
        ));
        assert!(matches!(
            parsed.ty.item(),
            TypeExpr::Named { name, .. } if name == "groupSettingTemplate"
        ));
        assert!(parsed.ty.is_collection());
    }

    #[test]
    fn multibyte_text_where_a_prefix_would_end_is_read() {
        // The 14th byte falls inside the fifth `€`.
        let parsed = TypeExpr::parse(&plain("€€€€€String"));
        assert!(matches!(parsed.ty, TypeExpr::Unknown { .. }));
    }

    #[test]
    fn none_is_no_value() {
        for text in ["None", "None.", "No Content"] {
            let parsed = TypeExpr::parse(&plain(text));
            assert!(parsed.no_value, "{text}");
            assert!(matches!(parsed.ty, TypeExpr::Unknown { .. }), "{text}");
        }
    }

    #[test]
    fn remarks_after_a_type_are_free_text() {
        for (text, p) in [
            ("string (url)", Primitive::String),
            ("(Optional) String", Primitive::String),
            ("JSON object", Primitive::Untyped),
        ] {
            let parsed = TypeExpr::parse(&plain(text));
            assert_eq!(parsed.ty, prim(p), "{text}");
        }
        let parsed = TypeExpr::parse(&plain("error object"));
        assert!(matches!(parsed.ty, TypeExpr::Named { ref name, .. } if name == "error"));
    }

    #[test]
    fn sentences_without_a_link_are_unknown() {
        for text in ["Location header", "Not yet documented", "download Url", ""] {
            let parsed = TypeExpr::parse(&plain(text));
            assert!(
                matches!(parsed.ty, TypeExpr::Unknown { .. }),
                "{text}: {:?}",
                parsed.ty
            );
        }
    }

    #[test]
    fn sentences_are_unknown() {
        let parsed = TypeExpr::parse(&plain("—"));
        assert!(matches!(parsed.ty, TypeExpr::Unknown { .. }));
    }
}
