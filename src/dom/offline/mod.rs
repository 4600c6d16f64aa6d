//! The app's side of offline reading (README, "Offline reading"); the worker itself is worker/sw.js,
//! registered by embed.js. The articles the reader opened (for "read saved articles" when one is
//! not saved), what the worker is asked to keep (a first visit's page and data, fetched before it
//! controlled the page), and the reload of the data when the connection returns or the worker has
//! saved a fresh copy of what is on screen.
//!
//! The prerender has no worker, no storage and no connection to follow: every function of
//! `native.rs` answers "nothing saved" and does nothing.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::{available, is_saved, keep_data, read_list, remember_read, watch_connection};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{available, is_saved, keep_data, read_list, remember_read, watch_connection};
