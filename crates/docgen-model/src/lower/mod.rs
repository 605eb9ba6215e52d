//! Page models to the API model.

pub mod examples;
pub mod operations;
pub mod paths;
pub mod property_paths;
pub mod resolve;
pub mod responses;
pub mod types;
