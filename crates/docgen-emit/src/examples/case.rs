//! The tokens of one example's case: its data, and the function that
//! checks it through the client's real types and navigation.

use std::collections::BTreeSet;

use docgen_model::{Api, Example, Operation, RequestBody};
use docgen_page::PathTemplate;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::url::{match_url, Matched};
use crate::areas::cfg;
use crate::ident::ident;
use crate::navigation::Route;
use crate::operations::{body_param, features, output, Output};

/// A case's entry in the area's table and its check function.
pub struct CaseTokens {
    pub entry: TokenStream,
    pub check: TokenStream,
}

/// The case of `example`, the `number`th of `op`, checked by a function
/// named `check`; None when the example shows neither a request nor a
/// response.
pub fn case(
    api: &Api,
    op: &Operation,
    routes: &[Route],
    example: &Example,
    number: usize,
    check: &str,
) -> Option<CaseTokens> {
    if example.request.is_none() && example.response.is_none() {
        return None;
    }
    let check = format_ident!("{check}");
    Some(CaseTokens {
        entry: entry(op, example, number, &check),
        check: check_fn(api, op, routes, example, &check),
    })
}

/// ```text
/// Case { example: Example { page: "api/x.md", name: "list_x", .. }, check: list_x_1 }
/// ```
fn entry(op: &Operation, example: &Example, number: usize, check: &syn::Ident) -> TokenStream {
    let page = &op.source.file;
    let name = example
        .name
        .clone()
        .unwrap_or_else(|| format!("example {number}"));
    let operation = &op.rust_name;
    let request = example.request.as_ref();
    let response = example.response.as_ref();
    let method = request.map_or(op.method.as_str(), |r| r.method.as_str());
    let url = request.map_or("", |r| r.url.as_str());
    let path = request
        .map(|r| PathTemplate::parse(&r.url).raw)
        .unwrap_or_default();
    let request_source = optional(request.map(|r| r.source.to_string()));
    // Elided values (`"datetime-value"`) are checked as their stand-ins.
    let request_body = optional_json(request.and_then(|r| r.checked_body()).as_deref());
    let response_source = optional(response.map(|r| r.source.to_string()));
    let response_status = response
        .and_then(|r| r.status)
        .unwrap_or(op.response.status);
    let response_status = Literal::u16_unsuffixed(response_status);
    let response_body = optional_json(response.and_then(|r| r.checked_body()).as_deref());
    let location = optional(
        response
            .and_then(|r| r.header("location"))
            .map(str::to_string),
    );
    let truncated = response.is_some_and(|r| r.truncated);
    let request_findings = findings(request.map_or(&[], |r| &r.findings));
    let response_findings = findings(response.map_or(&[], |r| &r.findings));
    let url_finding = match request.and_then(|r| r.url_finding.as_ref()) {
        Some(f) => {
            let finding = finding(f);
            quote!(Some(#finding))
        }
        None => quote!(None),
    };
    quote! {
        Case {
            example: Example {
                page: #page,
                name: #name,
                operation: #operation,
                method: #method,
                url: #url,
                path: #path,
                request_source: #request_source,
                request_body: #request_body,
                response_source: #response_source,
                response_status: #response_status,
                response_body: #response_body,
                location: #location,
                truncated: #truncated,
                request_findings: #request_findings,
                response_findings: #response_findings,
                url_finding: #url_finding,
            },
            check: #check,
        }
    }
}

/// The docs lint's findings of a body, for the harness to tell the failures
/// the docs cause.
///
/// ```text
/// &[Finding { code: "V004", path: "value[0].when", message: "..", source: "api/x.md:52" }]
/// ```
fn findings(found: &[docgen_model::Finding]) -> TokenStream {
    let entries = found.iter().map(finding);
    quote!(&[#(#entries),*])
}

fn finding(f: &docgen_model::Finding) -> TokenStream {
    let (code, path, message) = (f.code, &f.path, &f.message);
    let source = f.source.to_string();
    quote! {
        Finding { code: #code, path: #path, message: #message, source: #source }
    }
}

/// The check, behind the operation's features, and a stand-in that
/// reports it not built when they are off.
///
/// ```text
/// #[cfg(feature = "intune")]
/// fn wipe_action_1(cx: Context) -> Checked {
///     Box::pin(async move {
///         let (request, body) = cx.request_body::<crate::operations::WipeActionBody>();
///         let response = cx.no_response_body();
///         let client = GraphClient::new(cx.client());
///         let call = match &body {
///             Some(body) => cx.call(client.users().by_id("u1").managed_devices().by_id("d1").wipe(body)).await,
///             None => cx.no_body_to_send(),
///         };
///         Outcome::new(request, response, call)
///     })
/// }
/// #[cfg(not(feature = "intune"))]
/// fn wipe_action_1(cx: Context) -> Checked { cx.not_built("intune") }
/// ```
fn check_fn(
    api: &Api,
    op: &Operation,
    routes: &[Route],
    example: &Example,
    check: &syn::Ident,
) -> TokenStream {
    if let Some(host) = example.request.as_ref().and_then(|r| foreign_host(&r.url)) {
        return quote! {
            fn #check(cx: Context) -> Checked {
                cx.elsewhere(#host)
            }
        };
    }
    let matched = example.request.as_ref().map(|r| match_url(routes, &r.url));
    let sends = matches!(matched, Some(Ok(_)));
    let body = body_param(api, op);

    // Step 1: the request body.
    let body_name = if sends && body.is_some() {
        quote!(body)
    } else {
        quote!(_body)
    };
    let request = match (&op.request_body, &body) {
        (Some(RequestBody::Stream), _) => quote!(let (request, #body_name) = cx.stream_body();),
        (Some(_), Some(ty)) => quote!(let (request, #body_name) = cx.request_body::<#ty>();),
        _ => quote!(let request = cx.no_request_body();),
    };

    // Step 2: the response body.
    let response = match output(api, op) {
        Output::Json(ty) => quote!(cx.response_body::<#ty>()),
        Output::Unwrapped(ty) => {
            quote!(cx.response_body::<graph_runtime::object::Unwrapped<#ty>>())
        }
        Output::Page(item) => quote!(cx.response_body::<graph_runtime::Page<#item>>()),
        Output::Optional(ty) => quote!(cx.response_body::<Option<#ty>>()),
        Output::Empty => quote!(cx.no_response_body()),
        Output::Value => quote!(cx.response_body::<serde_json::Value>()),
        Output::Raw => quote!(cx.raw_response()),
    };

    // Step 3: the call through the navigation.
    let call = match &matched {
        None => quote!(let call = cx.no_request();),
        Some(Err(why)) => quote!(let call = cx.unmatched(#why);),
        Some(Ok(matched)) => {
            let chain = chain(matched, body.is_some());
            if body.is_some() {
                quote! {
                    let client = GraphClient::new(cx.client());
                    let call = match &body {
                        Some(body) => cx.call(#chain).await,
                        None => cx.no_body_to_send(),
                    };
                }
            } else {
                quote! {
                    let client = GraphClient::new(cx.client());
                    let call = cx.call(#chain).await;
                }
            }
        }
    };

    let needed = features(api, op);
    let gate = cfg(&needed);
    let off = not_cfg(&needed);
    let listed = needed
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    quote! {
        #gate
        fn #check(cx: Context) -> Checked {
            Box::pin(async move {
                #request
                let response = #response;
                #call
                Outcome::new(request, response, call)
            })
        }

        #off
        fn #check(cx: Context) -> Checked {
            cx.not_built(#listed)
        }
    }
}

/// `client.users().by_id("u1").managed_devices().list()`, with `body` as
/// the last argument of the operation's method when it takes one.
fn chain(matched: &Matched, takes_body: bool) -> TokenStream {
    let last = matched.route.steps.len() - 1;
    let calls = matched
        .route
        .steps
        .iter()
        .zip(&matched.arguments)
        .enumerate()
        .map(|(i, (step, arguments))| {
            let method = ident(&step.method);
            let body = (i == last && takes_body).then(|| quote!(body));
            let arguments = arguments.iter().map(|a| quote!(#a)).chain(body);
            quote!(.#method(#(#arguments),*))
        });
    quote!(client #(#calls)*)
}

/// The host of an absolute URL that is not the service's: the docs show
/// notifications sent to an app (`https://bot.contoso.com/api/calls`) among
/// the examples of the operation that causes them.
fn foreign_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?']).next().unwrap_or(rest);
    // Every national cloud's service host names the service.
    (!host.to_ascii_lowercase().contains("graph")).then_some(host)
}

/// `#[cfg(not(feature = "a"))]`, or `not(all(...))` for several.
fn not_cfg(features: &BTreeSet<String>) -> TokenStream {
    let fs = features.iter();
    if features.len() == 1 {
        quote!(#[cfg(not(#(feature = #fs)*))])
    } else {
        quote!(#[cfg(not(all(#(feature = #fs),*)))])
    }
}

fn optional(text: Option<String>) -> TokenStream {
    match text {
        Some(t) => quote!(Some(#t)),
        None => quote!(None),
    }
}

/// JSON as a raw string literal, compact, so that a body reads as the docs
/// show it rather than as a wall of escapes.
fn optional_json(value: Option<&serde_json::Value>) -> TokenStream {
    let Some(value) = value else {
        return quote!(None);
    };
    let text = serde_json::to_string(value).expect("a JSON value serializes");
    let hashes = "#".repeat(raw_hashes(&text));
    let literal: Literal = format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .expect("a raw string literal parses");
    quote!(Some(#literal))
}

/// How many `#` a raw string needs so that no `"#...` inside ends it.
fn raw_hashes(text: &str) -> usize {
    let mut most = 0;
    let mut run: Option<usize> = None;
    for c in text.chars() {
        run = match (c, run) {
            ('"', _) => Some(0),
            ('#', Some(n)) => {
                most = most.max(n + 1);
                Some(n + 1)
            }
            _ => None,
        };
    }
    most + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_urls_on_another_host_are_foreign() {
        assert_eq!(
            foreign_host("https://bot.contoso.com/api/calls"),
            Some("bot.contoso.com")
        );
        assert_eq!(foreign_host("https://graph.microsoft.com/v1.0/me"), None);
        assert_eq!(foreign_host("/me/events"), None);
    }

    #[test]
    fn raw_strings_outnumber_the_hashes_inside() {
        assert_eq!(raw_hashes(r#"{"a":1}"#), 1);
        assert_eq!(raw_hashes(r##"{"a":"#x"}"##), 2);
        assert_eq!(raw_hashes(r###"{"a":"##x"}"###), 3);
    }
}
