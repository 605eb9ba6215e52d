//! Page models to the API model.

pub mod operations;
pub mod resolve;
pub mod types;
