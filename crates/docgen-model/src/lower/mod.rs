//! Page models to the API model.

pub mod operations;
pub mod paths;
pub mod resolve;
pub mod responses;
pub mod types;
