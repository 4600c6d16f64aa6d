//! Start-up: every element with `data-news-portal` gets the view its value asks for. The mount
//! element is the only host element the app writes to: its children, `lang` (`data-lang`) and the
//! `data-news-portal-mounted` marker.

use crate::api::ApiError;
use crate::app::{App, CounterOnly};
use crate::components::error_view::ErrorView;
use crate::config::{Config, Mode};
use crate::dom::asset_base::asset_base;
use crate::widgets::{article::ArticleWidget, latest::LatestWidget};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

const MOUNTED: &str = "data-news-portal-mounted";
/// The stylesheet `embed.js` put inside the first mount point; it stays.
const EMBED_CSS: &str = "data-news-portal-css";

/// Mounts every mount point on the page, then every one the page adds later (a host page that
/// loads its sidebar or a tab after the portal's script ran).
pub fn start() {
    mount_all();
    watch_for_new_mount_points();
}

fn watch_for_new_mount_points() {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    // One selector query per batch of DOM changes (the app's own renders included); only a mount
    // point not yet mounted starts anything.
    let on_change = Closure::<dyn Fn()>::new(mount_all);
    let Ok(observer) = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()) else { return };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if observer.observe_with_options(&root, &options).is_ok() {
        // The page keeps the observer (it observes the page's root); the callback lives as long.
        on_change.forget();
    }
}

const UNMOUNTED: &str = "[data-news-portal]:not([data-news-portal-mounted])";

pub fn mount_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(nodes) = doc.query_selector_all(UNMOUNTED) else { return };
    if nodes.length() == 0 {
        return;
    }
    let base = asset_base();
    for i in 0..nodes.length() {
        let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { continue };
        let _ = el.set_attribute(MOUNTED, "");
        let config = Config::from_element(&el, &base);
        if let Some(config) = config.as_ref().ok().filter(|c| c.mode == Mode::App && crate::takeover::is_current(&el)) {
            let _ = el.set_attribute("lang", &config.lang);
            crate::takeover::take_over(el, is_embed_css, config.clone());
            continue;
        }
        // A prerendered page of another address (the server's fallback) is not taken over.
        let _ = el.remove_attribute(crate::takeover::PRERENDERED);
        clear_placeholder(&el);
        match config {
            Ok(config) => {
                // The language of what the app writes, on its own element only: the host's <html>
                // keeps its own.
                let _ = el.set_attribute("lang", &config.lang);
                match config.mode {
                    Mode::App => mount_to(el, move || view! { <App config=config/> }).forget(),
                    Mode::Counter => mount_to(el, move || view! { <CounterOnly config=config/> }).forget(),
                    Mode::Latest => mount_to(el, move || view! { <LatestWidget config=config/> }).forget(),
                    Mode::Article => mount_to(el, move || view! { <ArticleWidget config=config/> }).forget(),
                }
            }
            Err(why) => {
                web_sys::console::error_1(&format!("[news-portal] {why}").into());
                if matches!(el.get_attribute("data-news-portal").as_deref().map(str::trim), Some("app" | "")) {
                    mount_to(el, move || view! { <ErrorView error=ApiError::Config(why)/> }).forget()
                } else {
                    // A widget reports in place, without the page heading (and title) of ErrorView.
                    mount_to(el, move || view! {
                        <div class="np-app np-app--widget">
                            <p class="np-error__box np-error__message" role="alert">{ApiError::Config(why).message()}</p>
                        </div>
                    })
                    .forget()
                }
            }
        }
    }
}

/// Removes the static placeholder ("Đang tải…", <noscript>, or a prerendered page of another
/// address) but not the app's stylesheet.
fn clear_placeholder(el: &Element) {
    let children = el.child_nodes();
    for i in (0..children.length()).rev() {
        let Some(child) = children.item(i) else { continue };
        if !is_embed_css(&child) {
            let _ = el.remove_child(&child);
        }
    }
}

fn is_embed_css(node: &web_sys::Node) -> bool {
    node.dyn_ref::<Element>().is_some_and(|c| c.has_attribute(EMBED_CSS))
}
