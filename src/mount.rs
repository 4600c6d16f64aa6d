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

/// What a build does with a mount point of the whole app. The app's binary mounts it; the widgets'
/// binary (src/bin/widgets.rs, for host pages whose mount points are all widgets) hands it to
/// `embed.js`, which loads the app. A trait, not a value: the widgets' binary never names the app, so
/// the linker leaves the router, search and offline code out of it.
trait AppMounts: 'static {
    /// The letter of this module's widget ids (IdScope::widget).
    const IDS: char;
    /// Mounts `el`, an `app` mount point (`config` read from it); false when this build left it,
    /// and everything after it, to the app.
    fn mount(el: HtmlElement, config: Result<Config, String>) -> bool;
}

/// Mounts every mount point on the page, then every one the page adds later (a host page that
/// loads its sidebar or a tab after the portal's script ran).
pub fn start() {
    let prerendered = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("[{}]", crate::takeover::PRERENDERED)).ok().flatten())
        .is_some();
    if !prerendered {
        mount_all::<WithApp>();
        watch_for_new_mount_points::<WithApp>();
        return;
    }
    // A prerendered page is already there for the reader: the app starts in a task of its own,
    // not in the one that instantiated the wasm, so neither makes the other a long task
    // (BENCHMARKS.md, "Takeover long tasks").
    leptos::prelude::set_timeout(
        || {
            mount_all::<WithApp>();
            watch_for_new_mount_points::<WithApp>();
        },
        std::time::Duration::ZERO,
    );
}

/// The widgets' start (src/bin/widgets.rs): mounts every widget of the page, then every one the page
/// adds later, until a mount point of the app is there: `load_app` (embed.js) then loads the app,
/// which mounts it and everything after it.
pub fn start_widgets(load_app: js_sys::Function) {
    LOAD_APP.with(|f| *f.borrow_mut() = Some(load_app));
    mount_all::<WidgetsOnly>();
    watch_for_new_mount_points::<WidgetsOnly>();
}

thread_local! {
    /// The widgets' binary: embed.js's loader of the app, taken (called once) by the first app mount point.
    static LOAD_APP: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    static HANDED_OVER: Cell<bool> = const { Cell::new(false) };
}

struct WidgetsOnly;
impl AppMounts for WidgetsOnly {
    const IDS: char = 'v';
    fn mount(_: HtmlElement, _: Result<Config, String>) -> bool {
        HANDED_OVER.with(|h| h.set(true));
        if let Some(load_app) = LOAD_APP.with(|f| f.borrow_mut().take()) {
            if let Err(e) = load_app.call0(&wasm_bindgen::JsValue::NULL) {
                web_sys::console::error_2(&"[news-portal]".into(), &e);
            }
        }
        false
    }
}

struct WithApp;
impl AppMounts for WithApp {
    const IDS: char = 'w';
    fn mount(el: HtmlElement, config: Result<Config, String>) -> bool {
        let _ = el.set_attribute(MOUNTED, "");
        // One app per page: it owns the title, the URL and the ids the host's skip link names.
        if let (Ok(_), Some(first)) = (&config, app_already_mounted()) {
            let why = format!(
                "trang đã có ứng dụng tin tức ở {first}; mỗi trang chỉ có một data-news-portal=\"app\" \
                 (dùng counter, latest hoặc article cho các vị trí khác)"
            );
            report_in_place(el, why);
            return true;
        }
        let at = el.clone();
        match config {
            Ok(config) if crate::takeover::is_current(&el) => {
                let _ = el.set_attribute("lang", &config.lang);
                keep(&at, true, move || crate::takeover::take_over(el, is_embed_css, config));
            }
            Ok(config) => {
                // A prerendered page of another address (the server's fallback) is not taken over.
                let _ = el.remove_attribute(crate::takeover::PRERENDERED);
                clear_placeholder(&el);
                // The language of what the app writes, on its own element only: the host's <html>
                // keeps its own.
                let _ = el.set_attribute("lang", &config.lang);
                keep(&at, true, move || Some(mount_to(el, move || view! { <App config=config/> })));
            }
            Err(why) => {
                let _ = el.remove_attribute(crate::takeover::PRERENDERED);
                clear_placeholder(&el);
                web_sys::console::error_1(&format!("[news-portal] {why}").into());
                keep(&at, false, move || {
                    Some(mount_to(el, move || view! { <ErrorView error=ApiError::Config(why)/> }))
                });
            }
        }
        true
    }
}

fn watch_for_new_mount_points<B: AppMounts>() {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    // One pass per batch of DOM changes (the app's own renders included): mount points that left
    // the document are disposed, and only a mount point not yet mounted starts anything.
    let on_change = Closure::<dyn Fn()>::new(mount_all::<B>);
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

fn mount_all<B: AppMounts>() {
    dispose_removed();
    if HANDED_OVER.with(Cell::get) {
        // The widgets' binary after an app mount point came: the app mounts what comes next.
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(nodes) = doc.query_selector_all(UNMOUNTED) else { return };
    if nodes.length() == 0 {
        return;
    }
    let base = asset_base();
    for i in 0..nodes.length() {
        let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { continue };
        let config = Config::from_element(&el, &base);
        if Mode::of(&el) == Ok(Mode::App) {
            if B::mount(el, config) {
                continue;
            }
            return;
        }
        let _ = el.set_attribute(MOUNTED, "");
        // A prerendered page of another address (the server's fallback) is not taken over.
        let _ = el.remove_attribute(crate::takeover::PRERENDERED);
        clear_placeholder(&el);
        match config {
            Ok(config) => {
                let _ = el.set_attribute("lang", &config.lang);
                let at = el.clone();
                let ids = IdScope::widget(
                    B::IDS,
                    WIDGETS_MOUNTED.with(|n| {
                        n.set(n.get() + 1);
                        n.get()
                    }),
                );
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
            Err(why) => report_in_place(el, why),
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
