//! Offline reading in the browser: the worker, its caches and `localStorage`.

use crate::model::saved::{decode_read, encode_read, push_read, ReadEntry};
use js_sys::Reflect;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

thread_local! {
    /// Page and data URLs the worker has not been asked to keep yet.
    static TO_KEEP: RefCell<(Vec<String>, Vec<String>)> = const { RefCell::new((Vec::new(), Vec::new())) };
    /// A request to the worker is scheduled (or waits for the worker to control the page).
    static KEEPING: Cell<bool> = const { Cell::new(false) };
    /// The page the document was loaded from, when the worker controlled it (it answered it).
    static SEEN_BY_WORKER: RefCell<Option<String>> = const { RefCell::new(None) };
}

type Listener = (web_sys::EventTarget, Closure<dyn Fn(JsValue)>);

thread_local! {
    /// The listener for the worker's "fresh copy saved" message (one app per page).
    static UPDATED: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

const READ_KEY: &str = "np-read";

fn local() -> Option<web_sys::Storage> {
    crate::platform::local_storage()
}

/// Whether the offline worker controls this page (it answers with saved copies).
pub fn available() -> bool {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return false };
    // Read through Reflect: the typed ServiceWorkerContainer bindings would be shipped for one field.
    js_sys::Reflect::get(&nav, &"serviceWorker".into())
        .and_then(|sw| js_sys::Reflect::get(&sw, &"controller".into()))
        .is_ok_and(|c| !c.is_null() && !c.is_undefined())
}

/// The page on screen (its address without the fragment) is to be kept for offline reading, unless
/// the worker already saw it: the page the document was loaded from while it controlled it.
fn keep_this_page() {
    if let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) {
        let page = href.split_once('#').map_or(href.as_str(), |(page, _)| page).to_string();
        if SEEN_BY_WORKER.with(|seen| seen.borrow().as_ref() != Some(&page)) {
            keep(Some(page), None);
        }
    }
}

/// A data answer fresh from the network is to be kept for offline reading; not when it came
/// through the worker (which kept it itself).
pub fn keep_data(url: &str) {
    if !available() {
        keep(None, Some(url.to_string()));
    }
}

fn keep(page: Option<String>, data: Option<String>) {
    TO_KEEP.with(|k| {
        let (pages, data_urls) = &mut *k.borrow_mut();
        if let Some(p) = page.filter(|p| !pages.contains(p)) {
            pages.push(p);
        }
        if let Some(d) = data.filter(|d| !data_urls.contains(d)) {
            data_urls.push(d);
        }
    });
    if !KEEPING.with(|k| k.replace(true)) {
        // After the task that showed the page: one message for everything it loaded.
        leptos::prelude::set_timeout(send_to_keep, std::time::Duration::ZERO);
    }
}

/// Sends the URLs to keep to the worker that controls the page; waits for one that does (a first
/// visit: the worker registers after load and idle, then claims the page).
fn send_to_keep() {
    let Some(container) = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"serviceWorker".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null())
    else {
        // No worker in this browser: nothing will keep them.
        TO_KEEP.with(|k| *k.borrow_mut() = Default::default());
        return;
    };
    let controller = Reflect::get(&container, &"controller".into()).ok().filter(|c| !c.is_undefined() && !c.is_null());
    let Some(controller) = controller else {
        // Once: the closure is freed after its call.
        let once = Closure::once_into_js(send_to_keep);
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"once".into(), &true.into());
        if let Some(add) = Reflect::get(&container, &"addEventListener".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let _ = add.call3(&container, &"controllerchange".into(), &once, &options);
        }
        return;
    };
    KEEPING.with(|k| k.set(false));
    let (pages, data) = TO_KEEP.with(|k| std::mem::take(&mut *k.borrow_mut()));
    let list = |urls: Vec<String>| urls.into_iter().map(JsValue::from).collect::<js_sys::Array>();
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"type".into(), &"np-keep".into());
    let _ = Reflect::set(&message, &"pages".into(), &list(pages));
    let _ = Reflect::set(&message, &"data".into(), &list(data));
    if let Some(post) =
        Reflect::get(&controller, &"postMessage".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = post.call1(&controller, &message);
    }
}

/// Whether the page of `href` is saved on this device (the worker's copy of it), so that the
/// "saved articles" list offers only what opens offline.
pub async fn is_saved(href: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Some(url) = window.location().href().ok().and_then(|here| web_sys::Url::new_with_base(href, &here).ok()) else {
        return false;
    };
    url.set_hash("");
    let Some(caches) = Reflect::get(&window, &"caches".into()).ok().filter(|c| !c.is_undefined()) else {
        return false;
    };
    let Some(find) = Reflect::get(&caches, &"match".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    // The same page with or without its trailing '/' (a server may redirect either way).
    let href = url.href();
    let other = href.strip_suffix('/').map(str::to_string).unwrap_or_else(|| format!("{href}/"));
    for candidate in [href, other] {
        let Ok(found) = find.call1(&caches, &candidate.into()) else { return false };
        let Ok(found) = found.dyn_into::<js_sys::Promise>() else { return false };
        if matches!(wasm_bindgen_futures::JsFuture::from(found).await, Ok(r) if !r.is_undefined() && !r.is_null()) {
            return true;
        }
    }
    false
}

/// Puts the article shown first in the list of opened articles.
pub fn remember_read(slug: &str, title: &str) {
    keep_this_page();
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

/// Calls `on_online` when the connection returns, and `on_fresh_copy` with the copy's stamp when
/// the worker has saved a fresh copy of data (`api::refresh` loads what is on screen again), for
/// as long as the calling view lives. The page the app starts on is kept for offline reading.
pub fn watch_connection(on_online: fn(), on_fresh_copy: fn(Option<i64>)) {
    if available() {
        let page = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        let page = page.split_once('#').map_or(page.as_str(), |(page, _)| page).to_string();
        SEEN_BY_WORKER.with(|seen| *seen.borrow_mut() = Some(page));
    }
    keep_this_page();
    {
        use leptos::prelude::*;
        let online = window_event_listener(leptos::ev::online, move |_| on_online());
        let container = web_sys::window()
            .and_then(|w| Reflect::get(&w.navigator(), &"serviceWorker".into()).ok())
            .filter(|c| !c.is_undefined() && !c.is_null())
            .map(|c| c.unchecked_into::<web_sys::EventTarget>());
        let updated = container.map(|target| {
            let listener = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                let Ok(data) = Reflect::get(&event, &"data".into()) else { return };
                let field = |key: &str| Reflect::get(&data, &key.into()).ok().and_then(|v| v.as_string());
                if field("type").as_deref() == Some("np-updated") {
                    let saved_at = field("savedAt").and_then(|at| crate::model::date::parse(&at, 0));
                    on_fresh_copy(saved_at);
                }
            });
            let _ = target.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            // Messages wait in the client's queue until it is started (or `onmessage` is set).
            if let Some(start) =
                Reflect::get(&target, &"startMessages".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            {
                let _ = start.call0(&target);
            }
            (target, listener)
        });
        UPDATED.with(|u| *u.borrow_mut() = updated);
        on_cleanup(move || {
            online.remove();
            if let Some((target, listener)) = UPDATED.with(|u| u.borrow_mut().take()) {
                let _ = target.remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            }
        });
    }
}
