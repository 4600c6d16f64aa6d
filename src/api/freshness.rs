//! Whether the data on screen came from the network or from the copy the offline worker saved
//! (worker/sw.js stamps its copies with [`SAVED_AT_HEADER`]), and loading everything again when the
//! connection returns (README, "Offline reading").

use leptos::prelude::*;
use std::cell::Cell;

/// The time the worker fetched the copy it answers with, RFC 3339; absent on a fresh answer.
pub const SAVED_AT_HEADER: &str = "X-NP-Saved-At";

thread_local! {
    /// When the copy behind the latest data answer was fetched; `None`: it came from the network.
    static SAVED_AT: ArcRwSignal<Option<i64>> = ArcRwSignal::new(None);
    /// Bumped to load every [`crate::components::load::Load`] again.
    static EPOCH: ArcRwSignal<u32> = ArcRwSignal::new(0);
    /// Something on screen is a saved copy or failed for want of a connection since the last refresh.
    static STALE: Cell<bool> = const { Cell::new(false) };
}

/// A copy the worker saved this recently is as fresh as the network's answer: it is the one the
/// worker has just announced (`np-updated`), answered from the cache because the network is still
/// slow. Counting it as old would show the notice again, and refresh again, for ever.
pub const FRESH_ENOUGH_SECS: i64 = 60;

/// A data answer to `url` arrived: `saved_at`, the time its copy was saved, or `None` when it is
/// fresh (then the worker is asked to keep it: it may not have seen it, on a first visit). The
/// latest answer decides what the notice says.
pub fn record_answer(url: &str, saved_at: Option<i64>) {
    let saved_at = saved_at.filter(|at| now_secs().is_none_or(|now| now - at > FRESH_ENOUGH_SECS));
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

fn now_secs() -> Option<i64> {
    #[cfg(target_arch = "wasm32")]
    return Some((js_sys::Date::now() / 1000.0) as i64);
    #[cfg(not(target_arch = "wasm32"))]
    None
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
