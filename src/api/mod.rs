//! Data sources. [`source::Source`] is the one interface views ask; each adapter (`json_feed`,
//! `portal_api`, `wordpress`) turns what its source serves into the model, through `http` (which
//! only fetches), `decode` and `absolutize`; every failure is an [`ApiError`] value that reaches the
//! one error view. `freshness` records whether an answer was a saved copy, `refresh` loads again
//! when the connection returns, `live_stats` and `counting` are the visit counter's.

pub mod absolutize;
pub mod api_lists;
pub mod counting;
pub mod decode;
pub mod error;
pub mod freshness;
pub mod http;
pub mod json_feed;
pub mod live_stats;
pub mod portal_api;
pub mod refresh;
pub mod source;
pub mod wordpress;

pub use error::ApiError;
