//! Behaviour of the client against real HTTP servers on 127.0.0.1.

mod auth;
mod batch;
mod bounds;
mod faults;
mod paging;
mod redirect;
mod request;
mod retry;
mod secrets;
mod support;
