//! Honest counting: one visit per browser session, one view per article per session, never
//! more because of re-renders, back/forward, double effects or two mount points on one page.
//! Markers live in `sessionStorage` (the last figures in `localStorage`); without storage (private mode, blocked) a page load counts
//! once rather than failing.

use crate::model::Stats;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

/// Also the marker of the counter-only widget script (`src/widgets/counter.js`, through the build).
pub const VISIT_KEY: &str = "np-visit-counted";
const VIEWS_KEY: &str = "np-views-counted";
/// Also read and written by the counter-only widget script.
pub const STATS_KEY: &str = "np-last-stats";

thread_local! {
    static VISIT_CLAIMED: Cell<bool> = const { Cell::new(false) };
    static VIEWS_CLAIMED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// True exactly once per session (or per page load without storage). The marker is set before
/// the request goes out, so a reload while it is in flight cannot count twice.
pub fn claim_visit() -> bool {
    if VISIT_CLAIMED.with(|c| c.replace(true)) {
        return false;
    }
    match session() {
        Some(s) => match s.get_item(VISIT_KEY) {
            Ok(Some(_)) => false,
            _ => {
                let _ = s.set_item(VISIT_KEY, "1");
                true
            }
        },
        None => true,
    }
}

/// True the first time `key` is opened in this session.
pub fn claim_view(key: &str) -> bool {
    if !VIEWS_CLAIMED.with(|v| v.borrow_mut().insert(key.to_string())) {
        return false;
    }
    let Some(s) = session() else { return true };
    let seen = s.get_item(VIEWS_KEY).ok().flatten().unwrap_or_default();
    if seen.split('\n').any(|k| k == key) {
        return false;
    }
    let updated = if seen.is_empty() { key.to_string() } else { format!("{seen}\n{key}") };
    let _ = s.set_item(VIEWS_KEY, &updated);
    true
}

fn local() -> Option<web_sys::Storage> {
    crate::platform::local_storage()
}

/// The last figures this browser saw and when (seconds), shown, marked as such, when the counter
/// cannot be reached. In `localStorage`: offline after a browser restart they are still there.
pub fn last_known() -> Option<(Stats, i64)> {
    crate::model::saved::decode_stats(&local()?.get_item(STATS_KEY).ok().flatten()?)
}

pub fn remember(stats: &Stats) {
    if let Some(s) = local() {
        let _ = s.set_item(STATS_KEY, &crate::model::saved::encode_stats(stats, crate::platform::now()));
    }
}

/// A new random key for one counting request and its retry: `crypto.randomUUID()` where the
/// browser has it (secure contexts), else 128 bits from `Math.random` (enough to tell visits
/// apart; nothing about it is secret).
pub fn idempotency_key() -> String {
    use wasm_bindgen::JsCast;
    let crypto = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"crypto".into()).ok());
    if let Some(uuid) = crypto
        .as_ref()
        .and_then(|c| js_sys::Reflect::get(c, &"randomUUID".into()).ok().map(|f| (c, f)))
        .and_then(|(c, f)| f.dyn_into::<js_sys::Function>().ok()?.call0(c).ok()?.as_string())
    {
        return uuid;
    }
    (0..4).map(|_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_296.0) as u32)).collect()
}
