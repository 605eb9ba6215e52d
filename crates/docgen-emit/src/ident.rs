//! Identifiers from the names the model chose.

use proc_macro2::{Ident, Span};

/// An identifier, raw when the model escaped a keyword (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
