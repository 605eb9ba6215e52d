//! The permissions registry: every operation with its method, path and
//! documented permissions, as constants.

use docgen_model::{Api, Operation, PermissionScheme};
use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::files::rust_file;
use crate::GeneratedFile;

/// The name of an operation's constant in the registry: `CREATE_USER`.
pub fn const_name(op: &Operation) -> syn::Ident {
    format_ident!("{}", op.rust_name.to_shouty_snake_case())
}

/// `src/registry.rs`.
///
/// ```text
/// pub const CREATE_USER: OperationInfo = OperationInfo {
///     name: "CreateUser", method: "POST", path: "/users",
///     permissions: &[Permission { scheme: Scheme::DelegatedWork, .. }],
///     source: "api/intune-shared-user-create.md:25",
/// };
/// pub static OPERATIONS: &[&OperationInfo] = &[&CREATE_USER];
/// ```
pub fn emit(api: &Api) -> GeneratedFile {
    let consts = api.operations.iter().map(operation_const);
    let names = api.operations.iter().map(const_name);
    rust_file(
        "src/registry.rs",
        quote! {
            //! Every operation of the crate with its method, path and the
            //! permissions its page documents. Pass a selection to
            //! [`graph_runtime::permissions::least_privileged_scopes`] to learn
            //! which scopes an application needs.
            use graph_runtime::permissions::{OperationInfo, Permission, Scheme};

            #(#consts)*

            /// All operations, sorted by path and method.
            pub static OPERATIONS: &[&OperationInfo] = &[#(&#names),*];

            /// The operation with this request builder name, such as `CreateUser`.
            pub fn find(name: &str) -> Option<&'static OperationInfo> {
                OPERATIONS.iter().copied().find(|op| op.name == name)
            }
        },
    )
}

fn operation_const(op: &Operation) -> TokenStream {
    let ident = const_name(op);
    let name = &op.rust_name;
    let method = &op.method;
    let path = &op.path;
    let source = op.source.to_string();
    let doc = format!(" `{method} {path}`: {}", op.summary);
    let permissions = op.permissions.iter().map(|p| {
        let scheme = match p.scheme {
            PermissionScheme::DelegatedWork => quote!(Scheme::DelegatedWork),
            PermissionScheme::DelegatedPersonal => quote!(Scheme::DelegatedPersonal),
            PermissionScheme::Application => quote!(Scheme::Application),
        };
        let context = match &p.context {
            Some(c) => quote!(Some(#c)),
            None => quote!(None),
        };
        let scopes = &p.scopes;
        let least = p.least_privileged;
        quote! {
            Permission { scheme: #scheme, context: #context, scopes: &[#(#scopes),*], least_privileged: #least }
        }
    });
    quote! {
        #[doc = #doc]
        pub const #ident: OperationInfo = OperationInfo {
            name: #name,
            method: #method,
            path: #path,
            permissions: &[#(#permissions),*],
            source: #source,
        };
    }
}
