//! HTTP requests and nothing else: one request in, the body and what the answer said about it
//! out ([`Fetched`]), or an [`ApiError`]. Each side is written whole in its own file: the
//! browser's `fetch` with a time limit on silence and cancellation (`browser.rs`), the prerender's
//! blocking requests and in-process answers (`native.rs`). Decoding (`api::decode`), absolute URLs
//! (`api::absolutize`) and what the offline notice makes of a saved copy (`api::freshness`) are the
//! adapters' business. The URL is passed as given: `next_url` values may be signed or opaque.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::{fetch_with_key, Abort};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{fetch_with_key, Abort};

use crate::api::ApiError;
use std::cell::Cell;

/// A data request fails when no byte of it arrived for this long (README, "Limits"): before the
/// answer's headers, or between two chunks of its body. A large feed on a slow connection takes
/// as long as it needs while bytes keep coming.
pub const DEFAULT_TIMEOUT_MS: i32 = 15_000;
/// The largest body the app reads, after decompression: 64 MB (README, "Limits"). The 10,000-item
/// benchmark feed is about 15 MB; a feed that decompresses to 1 GB would otherwise stay in the
/// wasm memory, which never shrinks, for as long as the page is open.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// The `Accept` header of every data and counter request, on both sides (also the counter-only
/// widget script's, through the build).
pub const ACCEPT: &str = "application/feed+json, application/json;q=0.9, */*;q=0.1";
/// The time the offline worker fetched the copy it answers with, RFC 3339; absent on a fresh
/// answer (worker/sw.js stamps its copies with it).
pub const SAVED_AT_HEADER: &str = "X-NP-Saved-At";

thread_local! {
    static DATA_TIMEOUT_MS: Cell<i32> = const { Cell::new(DEFAULT_TIMEOUT_MS) };
}

/// The silence limit of data requests on this page (`data-timeout` on a mount element).
pub fn data_timeout_ms() -> i32 {
    DATA_TIMEOUT_MS.with(Cell::get)
}

pub fn set_data_timeout_ms(ms: i32) {
    DATA_TIMEOUT_MS.with(|t| t.set(ms));
}

/// A successful answer: the body, the pagination header WordPress sends, the final URL (after
/// redirects), against which relative URLs in the body resolve, and whether it is a saved copy.
pub struct Fetched {
    pub body: Vec<u8>,
    pub total_pages: Option<String>,
    pub url: String,
    /// A data answer ([`Method::Get`]) from the offline worker's saved copy: when that copy was
    /// fetched ([`SAVED_AT_HEADER`], seconds); `None` for an answer fresh from the network.
    pub saved_at: Option<i64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Data (lists, articles): the offline worker may answer with its saved copy.
    Get,
    /// Live figures (the counter): `cache: "no-store"`, so neither the HTTP cache nor the offline
    /// worker answers with a copy; the app shows its own last known figures, marked as such.
    GetLive,
    /// Counting: never cached, never queued.
    Post,
}

/// One request that fails with [`ApiError::Timeout`] after `timeout_ms` without a byte.
pub async fn fetch(method: Method, url: &str, cancel: Option<&Abort>, timeout_ms: i32) -> Result<Fetched, ApiError> {
    fetch_with_key(method, url, cancel, timeout_ms, None).await
}
