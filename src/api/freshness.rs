//! Whether the data on screen came from the network or from the copy the offline worker saved
//! (worker/sw.js stamps its copies with [`SAVED_AT_HEADER`]), and loading everything again when the
//! connection returns (README, "Offline reading").

use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// The time the worker fetched the copy it answers with, RFC 3339; absent on a fresh answer.
pub const SAVED_AT_HEADER: &str = "X-NP-Saved-At";

thread_local! {
    /// When the copy behind the latest data answer was fetched; `None`: it came from the network.
    static SAVED_AT: ArcRwSignal<Option<i64>> = ArcRwSignal::new(None);
    /// Bumped to load every [`crate::components::load::Load`] again.
    static EPOCH: ArcRwSignal<u32> = ArcRwSignal::new(0);
    /// Something on screen is a saved copy or failed for want of a connection since the last refresh.
    static STALE: Cell<bool> = const { Cell::new(false) };
    /// The stamps of the copies the worker announced as fresh during this page's life.
    static ANNOUNCED: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) };
}

/// A data answer to `url` arrived: `saved_at`, the time its copy was saved, or `None` when it is
/// fresh (then the worker is asked to keep it: it may not have seen it, on a first visit). A copy
/// the worker announced as just fetched from the network ([`fresh_copy_saved`]) counts as fresh: on
/// a slow network the worker still answers from it after its timeout, and counting it as old would
/// show the notice again, and refresh again, for ever. The latest answer decides what the notice says.
pub fn record_answer(url: &str, saved_at: Option<i64>) {
    let saved_at = saved_at.filter(|at| !ANNOUNCED.with(|a| a.borrow().contains(at)));
    if saved_at.is_none() {
        crate::dom::offline::keep_data(url);
    }
    if saved_at.is_some() {
        STALE.with(|s| s.set(true));
    }
    SAVED_AT.with(|s| {
        if s.get_untracked() != saved_at {
            s.set(saved_at);
        }
    });
}

/// The worker saved a copy fresh from the network, stamped `saved_at`: what is on screen from an
/// older copy (or a failure) loads again, and an answer from this copy is fresh.
pub fn fresh_copy_saved(saved_at: Option<i64>) {
    if let Some(at) = saved_at {
        ANNOUNCED.with(|a| {
            let mut a = a.borrow_mut();
            if !a.contains(&at) {
                a.push(at);
            }
        });
    }
    refresh_if_stale();
}

/// A data request got no answer (offline, unreachable, timed out).
pub fn record_no_answer() {
    STALE.with(|s| s.set(true));
}

/// When the data on screen was saved, if it is a saved copy (tracked).
pub fn saved_at() -> Option<i64> {
    SAVED_AT.with(|s| s.get())
}

/// Makes the calling effect run again on [`refresh`].
pub fn track_refresh() {
    EPOCH.with(|e| e.track());
}

/// The connection is back: if anything on screen is a saved copy or failed for want of one, the
/// loaded lists are forgotten and every view loads its data again, in place.
pub fn refresh_if_stale() {
    if !STALE.with(|s| s.replace(false)) {
        return;
    }
    crate::api::source::forget_loaded();
    #[cfg(target_arch = "wasm32")]
    crate::api::live_stats::reload_unavailable();
    EPOCH.with(|e| e.update(|n| *n = n.wrapping_add(1)));
}
