//! Loading data into views. [`Load`]: a value a future produces, for views to read, to load again
//! and for other futures to await; [`RequestScope`]: the requests of one view, aborted with it.
//! [`Load`] is the part of leptos's `LocalResource` the app uses, without the async-derived
//! machinery behind it (an async RwLock, event listeners, suspense bookkeeping, one copy of each
//! per value type), which the wasm paid for in bytes (BENCHMARKS.md, notes).
//!
//! The browser's [`Load`] loads in the background and again on change (`browser.rs`); the
//! prerender's has its value when the view renders, its requests being blocking (`native.rs`).

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::{running, Load, Loaded};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{running, Load, Loaded};

use crate::api::http::Abort;
use leptos::prelude::*;

/// The requests of one view: each new request aborts the one it replaces, and all are aborted
/// when the view is cleaned up — the reader navigated away, so nothing still in flight matters.
#[derive(Clone, Copy)]
pub struct RequestScope(StoredValue<Option<Abort>, LocalStorage>);

impl RequestScope {
    /// Must be called while the view is being built (it registers the cleanup with its owner).
    pub fn new() -> Self {
        let slot = StoredValue::new_local(None::<Abort>);
        on_cleanup(move || {
            slot.try_with_value(|a| a.as_ref().map(Abort::abort));
        });
        RequestScope(slot)
    }

    /// The handle for the next request of this view.
    pub fn next(&self) -> Abort {
        let abort = Abort::new();
        let previous = self.0.try_update_value(|slot| slot.replace(abort.clone())).flatten();
        if let Some(p) = previous {
            p.abort();
        }
        abort
    }
}

impl Default for RequestScope {
    fn default() -> Self {
        Self::new()
    }
}
