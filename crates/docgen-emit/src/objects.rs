//! Structs of optional fields with compact serde impls, for models and for
//! action bodies.
//!
//! The impls go through `graph_runtime::object`: one line per field, where
//! serde's derives would expand to a visitor with a branch per field for
//! maps and for sequences. Over thousands of types that is the difference
//! between a crate that checks in seconds and one that takes minutes.

use proc_macro2::TokenStream;
use quote::quote;

/// One field of a generated struct.
pub struct Field {
    pub ident: syn::Ident,
    /// The JSON name.
    pub json: String,
    /// The Rust type of the value, without the `Option`.
    pub ty: TokenStream,
    pub docs: TokenStream,
    /// `#[cfg(..)]`, when the field exists only with some features.
    pub gate: TokenStream,
}

/// What kind of struct to write.
pub struct Shape<'a> {
    pub ident: &'a syn::Ident,
    pub docs: TokenStream,
    /// The struct has an `odata_type` field for `@odata.type`.
    pub odata_type: bool,
    /// Undeclared properties are kept in `additional_properties`.
    pub open: bool,
    /// Every field's type is `Eq`.
    pub eq: bool,
}

/// ```text
/// #[derive(Clone, Debug, Default, PartialEq)]
/// pub struct User { pub odata_type: Option<String>, pub display_name: Option<String> }
/// impl Serialize for User { .. write_field(&mut map, "displayName", &self.display_name)?; .. }
/// impl<'de> Deserialize<'de> for User { .. display_name: object.take::<_, D::Error>("displayName")?, .. }
/// ```
pub fn object_struct(shape: &Shape, fields: &[Field]) -> TokenStream {
    let ident = shape.ident;
    let docs = &shape.docs;
    let mut all: Vec<(TokenStream, syn::Ident, String, TokenStream, TokenStream)> = Vec::new();
    if shape.odata_type {
        all.push((
            quote! {
                /// The OData type of the value, such as `#microsoft.graph.user`;
                /// needed when a derived type is sent where its base is expected.
            },
            syn::Ident::new("odata_type", proc_macro2::Span::call_site()),
            "@odata.type".to_string(),
            quote!(String),
            quote!(),
        ));
    }
    for f in fields {
        all.push((
            f.docs.clone(),
            f.ident.clone(),
            f.json.clone(),
            f.ty.clone(),
            f.gate.clone(),
        ));
    }
    let decls = all.iter().map(|(docs, ident, _, ty, gate)| {
        quote! {
            #docs
            #gate
            pub #ident: Option<#ty>,
        }
    });
    let writes = all.iter().map(|(_, ident, json, _, gate)| {
        quote!(#gate graph_runtime::object::write_field(&mut map, #json, &self.#ident)?;)
    });
    let reads = all
        .iter()
        .map(|(_, ident, json, _, gate)| quote!(#gate #ident: object.take::<_, D::Error>(#json)?,));

    // An open type keeps every undeclared member, annotations among them;
    // any other keeps the instance annotations (`manager@odata.bind`,
    // `@odata.etag`), which no table declares and a request may need.
    let (open_decl, open_write, open_read) = if !shape.open {
        (
            quote! {
                /// Instance annotations, such as `manager@odata.bind` to bind a
                /// relationship in a request, or `@odata.etag`.
                pub annotations: serde_json::Map<String, serde_json::Value>,
            },
            quote! {
                for (key, value) in &self.annotations {
                    map.serialize_entry(key, value)?;
                }
            },
            quote!(annotations: object.annotations(),),
        )
    } else {
        (
            quote! {
                /// Properties the docs do not declare; this is an open type.
                pub additional_properties: serde_json::Map<String, serde_json::Value>,
            },
            quote! {
                for (key, value) in &self.additional_properties {
                    map.serialize_entry(key, value)?;
                }
            },
            quote!(additional_properties: object.into_rest(),),
        )
    };
    let derives = if shape.eq && !shape.open {
        quote!(#[derive(Clone, Debug, Default, PartialEq, Eq)])
    } else {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    };

    quote! {
        #docs
        #derives
        pub struct #ident {
            #(#decls)*
            #open_decl
        }

        impl Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                #(#writes)*
                #open_write
                map.end()
            }
        }

        impl<'de> Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[allow(unused_mut)]
                let mut object = graph_runtime::object::read_object(deserializer)?;
                Ok(#ident {
                    #(#reads)*
                    #open_read
                })
            }
        }
    }
}
