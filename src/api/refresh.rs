//! Loading again, in place, what is on screen from a saved copy or failed for want of a
//! connection: when the connection returns, or when the offline worker has saved a fresh copy of
//! data (a slow network: the saved copy was shown, the fresh answer came later). README,
//! "Offline reading". Above the sources it forgets and the record (`api::freshness`) it reads.

use crate::api::{freshness, live_stats, source};

/// Starts following the connection and the worker's messages for as long as the calling view
/// lives (the app's own: widgets add no window listener to a host page).
pub fn refresh_when_online() {
    crate::dom::offline::watch_connection(connection_returned, fresh_copy_saved);
}

/// After the connection returns, what is still a saved copy loads again after these pauses (ms).
pub const AGAIN_AFTER_RETURN_MS: [i32; 3] = [2_000, 5_000, 10_000];

/// The connection is back: what is stale loads again now, and again a little later while it
/// still is. The `online` event comes when an interface is up, often before it carries traffic
/// (and before the worker's own fetches get through), and a request sent just before it is still
/// answered from the saved copy: either left the "saved copy" notice on screen until the next
/// page (seen in the e2e offline tests: once in each of two full runs on this machine, in two
/// different tests; not reproduced when they ran alone).
fn connection_returned() {
    refresh_if_stale();
    for pause in AGAIN_AFTER_RETURN_MS {
        leptos::task::spawn_local(async move {
            crate::platform::sleep_ms(pause).await;
            refresh_if_stale();
        });
    }
}

/// The connection is back: if anything on screen is a saved copy or failed for want of one, the
/// loaded lists are forgotten and every view loads its data again, in place.
pub fn refresh_if_stale() {
    if !freshness::take_stale() {
        return;
    }
    source::forget_loaded();
    live_stats::reload_unavailable();
    freshness::reload_all();
}

/// The worker saved a copy fresh from the network, stamped `saved_at`: what is on screen from an
/// older copy (or a failure) loads again, and an answer from this copy is fresh.
pub fn fresh_copy_saved(saved_at: Option<i64>) {
    freshness::announce_fresh_copy(saved_at);
    refresh_if_stale();
}
