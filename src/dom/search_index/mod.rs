//! The search index of the loaded feed, built while the tab is idle after the first page shows,
//! a short slice at a time: on a 50,000-item feed the whole build is about a second of work,
//! which on the first keystroke froze the page. A search before the build is complete finishes it
//! in slices too (the results page shows its loading state meanwhile), so no slice holds input
//! for long. One index is kept: the feed on screen's (a refetched feed is a new `Arc`).
//!
//! The prerender has no reader to keep responsive: its index is built at once (`native.rs`).

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::{build_when_idle, ready, when_ready};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{build_when_idle, ready, when_ready};
