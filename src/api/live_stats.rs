//! The visit counter against the portal API: count this visit (once per session) or read the
//! figures, with at most one retry, never blocking anything else on the page.

use crate::api::{counting, portal_api, ApiError};
use crate::model::Figures;
use leptos::prelude::{ArcRwSignal, Set};
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static SHARED: RefCell<HashMap<String, ArcRwSignal<Figures>>> = RefCell::new(HashMap::new());
}

/// The page-wide figures of `api`: the first caller starts loading them (off the rendering path,
/// so the counter never holds up the page); later mount points share the same signal.
pub fn shared(api: &str) -> ArcRwSignal<Figures> {
    SHARED.with(|shared| {
        if let Some(existing) = shared.borrow().get(api) {
            return existing.clone();
        }
        let signal = ArcRwSignal::new(Figures::Loading);
        shared.borrow_mut().insert(api.to_string(), signal.clone());
        start(api.to_string(), signal.clone());
        signal
    })
}

/// In the browser: counts this visit (or reads the figures) in a task of its own.
#[cfg(target_arch = "wasm32")]
fn start(api: String, target: ArcRwSignal<Figures>) {
    leptos::task::spawn_local(async move { target.set(load(&api).await) });
}

/// In the prerender: the figures as they are, read now; only a reader's browser counts a visit.
#[cfg(not(target_arch = "wasm32"))]
fn start(api: String, target: ArcRwSignal<Figures>) {
    target.set(match futures::executor::block_on(portal_api::stats(&api)) {
        Ok(stats) => Figures::Live(stats),
        Err(e) => {
            crate::platform::warn(&format!("bộ đếm: {}", e.detail()));
            Figures::Unknown
        }
    });
}

/// In the browser: counts a view of `key` (once per session) in a task of its own, and gives
/// `on_count` the new count if the server gave one.
#[cfg(target_arch = "wasm32")]
pub fn count_view_later(api: String, key: String, on_count: impl FnOnce(u64) + 'static) {
    leptos::task::spawn_local(async move {
        if let Some(n) = count_view(&api, &key).await {
            on_count(n);
        }
    });
}

/// In the prerender: nothing is counted.
#[cfg(not(target_arch = "wasm32"))]
pub fn count_view_later(_api: String, _key: String, _on_count: impl FnOnce(u64) + 'static) {}

/// The pause before the one retry of a counter request.
pub const RETRY_DELAY_MS: i32 = 1_000;

pub async fn load(api: &str) -> Figures {
    let counted = counting::claim_visit();
    let key = counting::idempotency_key();
    let first = if counted { portal_api::count_visit(api, &key).await } else { portal_api::stats(api).await };
    let result = match first {
        Err(e) if retryable(&e) => {
            crate::platform::sleep_ms(RETRY_DELAY_MS).await;
            if counted {
                portal_api::count_visit(api, &key).await
            } else {
                portal_api::stats(api).await
            }
        }
        other => other,
    };
    // 409: the first request with this key is still being counted (it outlived its 4 s here);
    // it will count, so the figures are those of the next read.
    let result = match result {
        Err(ApiError::Http(409)) => portal_api::stats(api).await,
        other => other,
    };
    match result {
        Ok(stats) => {
            counting::remember(&stats);
            Figures::Live(stats)
        }
        Err(e) => {
            crate::platform::warn(&format!("bộ đếm: {}", e.detail()));
            // The counter could not be reached: the last figures this browser saw, if any.
            counting::last_known().map_or(Figures::Unknown, |(stats, at)| Figures::Saved { stats, at })
        }
    }
}

/// Loads again the figures of every counter that could not be reached (the connection came back).
/// The visit was claimed by the first attempt: this only reads the figures, it counts nothing.
pub fn reload_unavailable() {
    let stale: Vec<(String, ArcRwSignal<Figures>)> = SHARED.with(|shared| {
        shared
            .borrow()
            .iter()
            .filter(|(_, s)| {
                matches!(leptos::prelude::GetUntracked::get_untracked(*s), Figures::Saved { .. } | Figures::Unknown)
            })
            .map(|(api, s)| (api.clone(), s.clone()))
            .collect()
    });
    for (api, target) in stale {
        leptos::task::spawn_local(async move { target.set(load(&api).await) });
    }
}

/// Counts a view of `key` if this session has not yet; the new count, if the server gave one.
pub async fn count_view(api: &str, key: &str) -> Option<u64> {
    if !counting::claim_view(key) {
        return None;
    }
    let idempotency_key = counting::idempotency_key();
    let first = portal_api::count_view(api, key, &idempotency_key).await;
    let result = match first {
        Err(e) if retryable(&e) => {
            crate::platform::sleep_ms(RETRY_DELAY_MS).await;
            portal_api::count_view(api, key, &idempotency_key).await
        }
        other => other,
    };
    match result {
        Ok(n) => Some(n),
        // Still being counted by the first request: the count shown stays until the next read.
        Err(ApiError::Http(409)) => None,
        Err(e) => {
            crate::platform::warn(&format!("lượt xem: {}", e.detail()));
            None
        }
    }
}

/// Only failures that may pass are retried, and only once: no retry storms.
fn retryable(e: &ApiError) -> bool {
    matches!(e, ApiError::Network(_) | ApiError::Unreachable(_) | ApiError::Timeout | ApiError::Http(500..=599))
}
