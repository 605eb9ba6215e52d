//! The generator pipeline: read a docs folder, build the model, write the client crate atomically.
