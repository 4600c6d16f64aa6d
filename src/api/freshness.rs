//! Whether the data on screen came from the network or from the copy the offline worker saved
//! (its answers carry [`crate::api::http::SAVED_AT_HEADER`]), and whether anything on screen is to
//! load again when the connection returns (README, "Offline reading"). The adapters make their
//! data requests through [`get`], which records what each one saw; `api::refresh` acts on it.

use crate::api::http::{self, Abort, Fetched, Method};
use crate::api::ApiError;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

thread_local! {
    /// When the copy behind the latest data answer was fetched; `None`: it came from the network.
    static SAVED_AT: ArcRwSignal<Option<i64>> = ArcRwSignal::new(None);
    /// Bumped to load every [`crate::load::Load`] again.
    static EPOCH: ArcRwSignal<u32> = ArcRwSignal::new(0);
    /// Something on screen is a saved copy or failed for want of a connection since the last refresh.
    static STALE: Cell<bool> = const { Cell::new(false) };
    /// The stamps of the copies the worker announced as fresh during this page's life.
    static ANNOUNCED: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) };
}

/// A data request ([`Method::Get`], the data timeout) with what it saw recorded: a fresh answer,
/// a saved copy, or no answer at all.
pub async fn get(url: &str, cancel: Option<&Abort>) -> Result<Fetched, ApiError> {
    let result = http::fetch(Method::Get, url, cancel, http::data_timeout_ms()).await;
    match &result {
        Ok(fetched) => record_answer(url, fetched.saved_at),
        Err(e) if e.is_no_answer() => record_no_answer(),
        Err(_) => {}
    }
    result
}

/// A data answer to `url` arrived: `saved_at`, the time its copy was saved, or `None` when it is
/// fresh (then the worker is asked to keep it: it may not have seen it, on a first visit). A copy
/// the worker announced as just fetched from the network ([`announce_fresh_copy`]) counts as fresh:
/// on a slow network the worker still answers from it after its timeout, and counting it as old
/// would show the notice again, and refresh again, for ever. The latest answer decides what the
/// notice says.
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

/// The worker saved a copy fresh from the network, stamped `saved_at`: an answer from this copy
/// is fresh.
pub fn announce_fresh_copy(saved_at: Option<i64>) {
    if let Some(at) = saved_at {
        ANNOUNCED.with(|a| {
            let mut a = a.borrow_mut();
            if !a.contains(&at) {
                a.push(at);
            }
        });
    }
}

/// A data request got no answer (offline, unreachable, timed out).
pub fn record_no_answer() {
    STALE.with(|s| s.set(true));
}

/// Whether anything on screen is a saved copy or failed for want of a connection since the last
/// call; the mark is cleared.
pub fn take_stale() -> bool {
    STALE.with(|s| s.replace(false))
}

/// When the data on screen was saved, if it is a saved copy (tracked).
pub fn saved_at() -> Option<i64> {
    SAVED_AT.with(|s| s.get())
}

/// Makes the calling effect run again on [`reload_all`].
pub fn track_refresh() {
    EPOCH.with(|e| e.track());
}

/// Every [`crate::load::Load`] on the page loads again, in place.
pub fn reload_all() {
    EPOCH.with(|e| e.update(|n| *n = n.wrapping_add(1)));
}
