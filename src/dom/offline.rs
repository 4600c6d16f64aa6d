//! The app's side of offline reading (README, "Offline reading"); the worker itself is worker/sw.js,
//! registered by embed.js. The articles the reader opened (for "read saved articles" when one is
//! not saved) and the reload of the data when the connection returns.

use crate::model::saved::{decode_read, encode_read, push_read, ReadEntry};

const READ_KEY: &str = "np-read";

fn local() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()?.local_storage().ok().flatten();
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Whether the offline worker controls this page (it answers with saved copies).
pub fn available() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return false };
        // Read through Reflect: the typed ServiceWorkerContainer bindings would be shipped for one field.
        js_sys::Reflect::get(&nav, &"serviceWorker".into())
            .and_then(|sw| js_sys::Reflect::get(&sw, &"controller".into()))
            .is_ok_and(|c| !c.is_null() && !c.is_undefined())
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Puts the article shown first in the list of opened articles.
pub fn remember_read(slug: &str, title: &str) {
    let Some(storage) = local() else { return };
    let mut list = decode_read(&storage.get_item(READ_KEY).ok().flatten().unwrap_or_default());
    push_read(&mut list, ReadEntry { slug: slug.to_string(), title: title.to_string() });
    // Quota or privacy errors only mean the list is not kept.
    let _ = storage.set_item(READ_KEY, &encode_read(&list));
}

/// The articles the reader opened, newest first.
pub fn read_list() -> Vec<ReadEntry> {
    local().and_then(|s| s.get_item(READ_KEY).ok().flatten()).map(|raw| decode_read(&raw)).unwrap_or_default()
}

/// When the connection returns, the views showing saved copies or a failure load their data again
/// (no reload of the page). For as long as the calling view lives.
pub fn refresh_when_online() {
    #[cfg(target_arch = "wasm32")]
    {
        use leptos::prelude::*;
        let online = window_event_listener(leptos::ev::online, |_| {
            crate::api::freshness::refresh_if_stale();
        });
        on_cleanup(move || online.remove());
    }
}
