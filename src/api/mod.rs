//! Data sources. Each adapter turns what its source serves into the model; every failure is an
//! [`ApiError`] value that reaches the one error view.

pub mod absolutize;
pub mod counting;
pub mod decode;
pub mod error;
pub mod freshness;
pub mod http;
pub mod json_feed;
pub mod live_stats;
pub mod portal;
pub mod refresh;
pub mod source;
pub mod wordpress;

pub use error::ApiError;
