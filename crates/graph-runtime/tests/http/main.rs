//! Behaviour of the client against real HTTP servers on 127.0.0.1.

mod faults;
mod paging;
mod request;
mod retry;
mod support;
