//! Start-up: every element with `data-news-portal` gets the view its value asks for. The mount
//! element is the only host element the app writes to: its children, `lang` (`data-lang`) and the
//! `data-news-portal-mounted` marker.

use crate::api::ApiError;
use crate::app::{App, CounterOnly};
use crate::components::error_view::ErrorView;
use crate::components::ids::IdScope;
use crate::config::{Config, Mode};
use crate::dom::asset_base::asset_base;
use crate::widgets::{article::ArticleWidget, latest::LatestWidget};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::Mountable;
use std::any::Any;
use std::cell::{Cell, RefCell};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

const MOUNTED: &str = "data-news-portal-mounted";
/// The stylesheet `embed.js` put inside the first mount point; it stays.
const EMBED_CSS: &str = "data-news-portal-css";

/// Mounts every mount point on the page, then every one the page adds later (a host page that
/// loads its sidebar or a tab after the portal's script ran).
pub fn start() {
    let prerendered = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("[{}]", crate::takeover::PRERENDERED)).ok().flatten())
        .is_some();
    if !prerendered {
        mount_all();
        watch_for_new_mount_points();
        return;
    }
    // A prerendered page is already there for the reader: the app starts in a task of its own,
    // not in the one that instantiated the wasm, so neither makes the other a long task
    // (BENCHMARKS.md, "Takeover long tasks").
    leptos::prelude::set_timeout(
        || {
            mount_all();
            watch_for_new_mount_points();
        },
        std::time::Duration::ZERO,
    );
}

fn watch_for_new_mount_points() {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    // One pass per batch of DOM changes (the app's own renders included): mount points that left
    // the document are disposed, and only a mount point not yet mounted starts anything.
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

/// A mounted mount point and what keeps its views alive: dropping `views` unmounts them, and
/// cleaning up `owner` runs their cleanups (window listeners, timers, the abort of pending
/// requests) and disposes their signals and effects, with the DOM nodes those hold.
struct Live {
    el: HtmlElement,
    app: bool,
    owner: Owner,
    views: Box<dyn Any>,
}

thread_local! {
    static LIVE: RefCell<Vec<Live>> = const { RefCell::new(Vec::new()) };
    static WIDGETS_MOUNTED: Cell<u32> = const { Cell::new(0) };
}

/// Mounts under an owner of the mount point's own and keeps it. Leptos' `UnmountHandle` only
/// unmounts when dropped; its owner is disposed when the last clone of it goes, and a task or a
/// context still holding one kept the whole replaced app alive (+242 DOM nodes a replacement).
/// [`dispose_removed`] cleans this owner up, whoever else holds it.
fn keep<M: Mountable + 'static>(el: &HtmlElement, app: bool, mount: impl FnOnce() -> Option<UnmountHandle<M>>) {
    let owner = Owner::new();
    if let Some(views) = owner.with(mount) {
        LIVE.with(|live| live.borrow_mut().push(Live { el: el.clone(), app, owner, views: Box::new(views) }));
    }
}

/// Disposes the apps whose mount element left the document (a host page that replaced the HTML
/// around it). An element put back later is mounted afresh.
fn dispose_removed() {
    let gone: Vec<Live> = LIVE.with(|live| {
        let mut live = live.borrow_mut();
        if live.iter().all(|m| m.el.is_connected()) {
            return Vec::new();
        }
        let (kept, gone) = std::mem::take(&mut *live).into_iter().partition(|m| m.el.is_connected());
        *live = kept;
        gone
    });
    for Live { el, owner, views, .. } in gone {
        let _ = el.remove_attribute(MOUNTED);
        drop(views);
        owner.cleanup();
    }
}

/// The mount element of the app already on the page, described for the configuration error.
fn app_already_mounted() -> Option<String> {
    LIVE.with(|live| live.borrow().iter().find(|m| m.app).map(|m| describe(&m.el)))
}

/// `<div id="x">`, else the tag with its classes, else its position among the mount points.
fn describe(el: &Element) -> String {
    let tag = el.tag_name().to_lowercase();
    if !el.id().is_empty() {
        return format!("<{tag} id=\"{}\">", el.id());
    }
    let class = el.class_name();
    if !class.trim().is_empty() {
        return format!("<{tag} class=\"{}\">", class.trim());
    }
    format!("<{tag} data-news-portal=\"app\">, phần tử đầu tiên")
}

const UNMOUNTED: &str = "[data-news-portal]:not([data-news-portal-mounted])";

pub fn mount_all() {
    dispose_removed();
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
        // One app per page: it owns the title, the URL and the ids the host's skip link names.
        if let (Ok(Config { mode: Mode::App, .. }), Some(first)) = (&config, app_already_mounted()) {
            let why = format!(
                "trang đã có ứng dụng tin tức ở {first}; mỗi trang chỉ có một data-news-portal=\"app\" \
                 (dùng counter, latest hoặc article cho các vị trí khác)"
            );
            report_in_place(el, why);
            continue;
        }
        if let Some(config) = config.as_ref().ok().filter(|c| c.mode == Mode::App && crate::takeover::is_current(&el)) {
            let _ = el.set_attribute("lang", &config.lang);
            let (at, config) = (el.clone(), config.clone());
            keep(&at, true, move || crate::takeover::take_over(el, is_embed_css, config));
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
                let at = el.clone();
                if config.mode == Mode::App {
                    keep(&at, true, move || Some(mount_to(el, move || view! { <App config=config/> })));
                    continue;
                }
                let ids = IdScope::widget(WIDGETS_MOUNTED.with(|n| {
                    n.set(n.get() + 1);
                    n.get()
                }));
                keep(&at, false, move || {
                    Some(mount_to(el, move || {
                        provide_context(ids);
                        match config.mode {
                            Mode::Counter => view! { <CounterOnly config=config/> }.into_any(),
                            Mode::Latest => view! { <LatestWidget config=config/> }.into_any(),
                            _ => view! { <ArticleWidget config=config/> }.into_any(),
                        }
                    }))
                });
            }
            Err(why) => {
                if matches!(el.get_attribute("data-news-portal").as_deref().map(str::trim), Some("app" | "")) {
                    web_sys::console::error_1(&format!("[news-portal] {why}").into());
                    let at = el.clone();
                    keep(&at, false, move || {
                        Some(mount_to(el, move || view! { <ErrorView error=ApiError::Config(why)/> }))
                    });
                } else {
                    report_in_place(el, why);
                }
            }
        }
    }
}

/// A configuration error shown in the mount element only, without the page heading (and title)
/// of ErrorView: the page belongs to the host or to the app already on it.
fn report_in_place(el: HtmlElement, why: String) {
    web_sys::console::error_1(&format!("[news-portal] {why}").into());
    clear_placeholder(&el);
    let at = el.clone();
    keep(&at, false, move || {
        Some(mount_to(el, move || {
            view! {
                <div class="np-app np-app--widget">
                    <p class="np-error__box np-error__message" role="alert">{ApiError::Config(why).message()}</p>
                </div>
            }
        }))
    });
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
