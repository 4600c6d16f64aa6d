//! `data-routing="history"` (the default): the route is the address bar path under the base path.
//!
//! Two window listeners, removed with the app: `click` takes over in-app links
//! (`history.pushState`, no page load) and `popstate` follows back/forward. A click is left to the
//! browser as leptos_router left it (modifier keys or another button, `target` of any value —
//! the skip link's `target="_self"` is there for this —, `download`, `rel="external"`, another
//! origin, a path outside the base) and, in addition, when the link is not inside the app (the
//! host page's own links) or only changes the fragment (the browser scrolls and moves focus).

use super::location::Location;
use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The address bar, kept in step with link clicks inside `root` and with back/forward.
pub fn start(base: String, root: NodeRef<Div>) -> ArcRwSignal<Location> {
    let url = ArcRwSignal::new(current());
    let click = window_event_listener(ev::click, {
        let url = url.clone();
        move |ev| {
            if let Some(href) = in_app_link(&ev, &base, root) {
                ev.prevent_default();
                go(&url, &href);
            }
        }
    });
    let popstate = window_event_listener(ev::popstate, {
        let url = url.clone();
        move |_| set(&url, current())
    });
    on_cleanup(move || {
        click.remove();
        popstate.remove();
    });
    url
}

/// Goes to `href` (a path such as "/tin-huyen/tim-kiem?q=x", or an absolute same-origin URL):
/// a new history entry unless it is the address already shown, then to the top of the page or to
/// the element the fragment names.
pub fn go(url: &ArcRwSignal<Location>, href: &str) {
    let Some(window) = web_sys::window() else { return };
    let Some(next) = Location::resolve(href) else {
        let _ = window.location().set_href(href);
        return;
    };
    if next != current() {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&next.href()));
        }
    }
    let target = next.hash.get(1..).filter(|id| !id.is_empty()).and_then(|id| {
        let id = super::table::decode_component(id);
        window.document()?.get_element_by_id(&id)
    });
    set(url, next);
    match target {
        Some(el) => el.scroll_into_view(),
        None => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

fn set(url: &ArcRwSignal<Location>, next: Location) {
    if url.with_untracked(|now| *now != next) {
        url.set(next);
    }
}

fn current() -> Location {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return Location::default() };
    Location {
        path: loc.pathname().unwrap_or_default(),
        search: loc.search().unwrap_or_default().strip_prefix('?').unwrap_or_default().to_string(),
        hash: loc.hash().unwrap_or_default(),
    }
}

/// The href of the in-app link this click follows, if the router should take it.
fn in_app_link(ev: &MouseEvent, base: &str, root: NodeRef<Div>) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key() {
        return None;
    }
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let a: HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    if !root.get_untracked()?.contains(Some(&a)) {
        return None;
    }
    let rel = a.get_attribute("rel").unwrap_or_default();
    if !a.target().is_empty() || a.has_attribute("download") || rel.split([' ', '\t']).any(|r| r == "external") {
        return None;
    }
    let href = a.href();
    let next = Location::resolve(&href)?;
    let under_base = super::table::strip_base(&next.path, base).is_some();
    let now = current();
    let fragment_only = !next.hash.is_empty() && next.path == now.path && next.search == now.search;
    (under_base && !fragment_only).then_some(href)
}
