//! Rust emitters: API model to formatted source files of a client crate.
