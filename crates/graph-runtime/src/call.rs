//! Boxed calls for generated request builders.
//!
//! A generated client has one builder per documented operation, thousands
//! of them. If each held an `async fn`, the compiler would check thousands
//! of state machines; instead each builder hands its request to one of
//! these methods, which are generic and compiled once per response type.
//! A request that could not be built (its body did not serialize) arrives
//! as an `Err` and comes back as the call's error.

use futures::future::BoxFuture;
use serde::de::DeserializeOwned;

use crate::object::Unwrapped;
use crate::{Client, Error, Page, RawResponse, Request};

impl Client {
    /// Sends and decodes a JSON response body.
    pub fn call<T>(&self, request: Result<Request, Error>) -> BoxFuture<'_, Result<T, Error>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        Box::pin(async move { self.send(request?).await })
    }

    /// Sends and decodes a single value that OData wraps as
    /// `{"value": ...}`: what functions and properties of a primitive or
    /// enum type return.
    pub fn call_unwrapped<T>(
        &self,
        request: Result<Request, Error>,
    ) -> BoxFuture<'_, Result<T, Error>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        Box::pin(async move {
            let wrapped: Unwrapped<T> = self.send(request?).await?;
            Ok(wrapped.0)
        })
    }

    /// Sends and expects a success status with no body of interest.
    pub fn call_empty(&self, request: Result<Request, Error>) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move { self.send_empty(request?).await })
    }

    /// Sends and decodes a JSON body when the service sends one: `None` for
    /// an empty body, as operations that return their result only on
    /// request (`Prefer: return=representation`) answer by default.
    pub fn call_optional<T>(
        &self,
        request: Result<Request, Error>,
    ) -> BoxFuture<'_, Result<Option<T>, Error>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        Box::pin(async move {
            let response = self.send_raw(request?).await?;
            if response.body.iter().all(u8::is_ascii_whitespace) {
                return Ok(None);
            }
            response.json().map(Some)
        })
    }

    /// Sends and returns the raw response, for bodies that are not JSON.
    pub fn call_raw(
        &self,
        request: Result<Request, Error>,
    ) -> BoxFuture<'_, Result<RawResponse, Error>> {
        Box::pin(async move { self.send_raw(request?).await })
    }

    /// Sends and decodes one page of a collection.
    pub fn call_page<T>(
        &self,
        request: Result<Request, Error>,
    ) -> BoxFuture<'_, Result<Page<T>, Error>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        Box::pin(async move { self.page(request?).await })
    }

    /// Sends and returns the body as untyped JSON: `Null` when the service
    /// sends no body, for operations whose docs do not type the response.
    pub fn call_value(
        &self,
        request: Result<Request, Error>,
    ) -> BoxFuture<'_, Result<serde_json::Value, Error>> {
        Box::pin(async move {
            let response = self.send_raw(request?).await?;
            if response.body.iter().all(u8::is_ascii_whitespace) {
                return Ok(serde_json::Value::Null);
            }
            response.json()
        })
    }
}
