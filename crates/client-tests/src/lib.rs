//! Tests of the client crate generated from `docs-input/`: what compiles
//! and what does not (trybuild), and what goes over the wire to a local
//! server (wiremock). The tests live in `tests/`; this library is empty.
