//! The app taking over a prerendered page (README, "Prerendered pages"). The page is rendered
//! again, hidden, with live data, and swapped in whole once it has nothing left to load: one
//! change in one task, so nothing flashes, the layout does not move (same views, same markup) and
//! the reader's scroll position and focus stay. A page the app cannot show (its data failed)
//! stays as prerendered: it is complete, and its links lead to other prerendered pages.
//!
//! Chosen over hydration, after building both (BENCHMARKS.md, "Issue 14: hydration against
//! replacement"): hydrating needs each page's data inside the page and leptos's hydration code in
//! the wasm (+13.5 KB and +56.7 KB brotli, 150 ms of simulated LCP), runs as one long task, and a
//! mismatch between the file and the first render kills the app; replacing needs none of it and
//! shows figures that changed since the prerender (counter, views, newer articles) in the same step.

use crate::app::App;
use crate::config::Config;
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::Mountable;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// On the mount element: the path the page was prerendered for (`prerender::page`).
pub const PRERENDERED: &str = "data-np-prerendered";
/// Frames to wait for the data before leaving the prerendered page as it is (≈ 60 s).
const MAX_FRAMES: u32 = 3600;

/// Whether `el` holds the prerendered page of the address the browser shows.
pub fn is_current(el: &Element) -> bool {
    let Some(path) = el.get_attribute(PRERENDERED) else { return false };
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return false };
    let here = loc.pathname().unwrap_or_default();
    let same = |p: &str| p.trim_end_matches('/').to_string();
    // `/tin-tuc/x/index.html` is the same page as `/tin-tuc/x/` (a server may show either).
    let here = here.strip_suffix("index.html").unwrap_or(&here);
    same(here) == same(&path) && loc.search().unwrap_or_default().is_empty()
}

/// Renders the app hidden inside `el`, after the prerendered content, and shows it in place of
/// that content when ready. The app lives as long as the returned handle (`mount` drops it when
/// `el` leaves the page).
pub fn take_over(
    el: HtmlElement,
    keep: impl Fn(&web_sys::Node) -> bool + 'static,
    config: Config,
) -> Option<UnmountHandle<impl Mountable + 'static>> {
    let views = mount_to(el.clone(), move || view! { <App config/> });
    // The app's root, just appended. Hidden in the page rather than rendered detached: the
    // browser computes its styles and layout in the frames while it loads, so showing it is a
    // change of four properties, not the style and layout of a whole page in one task
    // (BENCHMARKS.md, "Takeover long tasks"). Visibility keeps it out of the accessibility tree
    // and of the tab order, the zero height out of the layout of the page the reader sees.
    let app = el.last_element_child()?.unchecked_into::<HtmlElement>();
    // Through the CSSOM: a `style` attribute set from script is inline style, which the README's
    // Content-Security-Policy refuses. (Shown again by removing the attribute, which it allows.)
    let style = app.style();
    for (property, value) in HIDDEN {
        let _ = style.set_property(property, value);
    }
    wait(el, app, Box::new(keep), 0);
    Some(views)
}

/// `position: relative` makes the app the containing block of its absolutely positioned parts (the
/// visually hidden labels), which the overflow then clips: else they would lengthen the page.
const HIDDEN: [(&str, &str); 4] =
    [("position", "relative"), ("height", "0"), ("overflow", "hidden"), ("visibility", "hidden")];

fn wait(el: HtmlElement, app: HtmlElement, keep: Box<dyn Fn(&web_sys::Node) -> bool>, frame: u32) {
    if !el.is_connected() {
        return; // the host removed the mount point: `mount` disposes the app
    }
    let loading = app.query_selector(".np-loading").ok().flatten().is_some() || crate::components::load::running() > 0;
    let give_up = |why: &str| {
        crate::platform::warn(why);
        app.remove();
    };
    if !loading {
        if app.query_selector(".np-error").ok().flatten().is_some() {
            give_up("dữ liệu không tải được: giữ trang đã dựng sẵn");
            return;
        }
        swap(&el, &app, &*keep);
        return;
    }
    if frame >= MAX_FRAMES {
        give_up("dữ liệu tải quá lâu: giữ trang đã dựng sẵn");
        return;
    }
    request_animation_frame(move || wait(el, app, keep, frame + 1));
}

fn swap(el: &HtmlElement, app: &HtmlElement, keep: &dyn Fn(&web_sys::Node) -> bool) {
    let window = web_sys::window();
    let scroll = window.as_ref().map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
    let focus = window.as_ref().and_then(|w| w.document()).and_then(|d| d.active_element());
    let focus_path = focus.as_ref().and_then(|f| path_from(el, f));
    let children = el.child_nodes();
    for i in (0..children.length()).rev() {
        if let Some(child) = children.item(i).filter(|c| !keep(c) && c != app.unchecked_ref::<web_sys::Node>()) {
            let _ = el.remove_child(&child);
        }
    }
    let _ = app.remove_attribute("style");
    let _ = el.remove_attribute(PRERENDERED);
    if let Some(target) = focus_path.and_then(|p| follow(el, &p)).and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
    }
    if let (Some(w), Some((x, y))) = (window, scroll) {
        if (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)) != (x, y) {
            w.scroll_to_with_x_and_y(x, y);
        }
    }
}

/// The element indices from `root` down to `target` (`None` when it is not inside).
fn path_from(root: &Element, target: &Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut node = target.clone();
    while &node != root {
        let parent = node.parent_element()?;
        let siblings = parent.children();
        let index = (0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&node))?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(path)
}

fn follow(root: &Element, path: &[u32]) -> Option<Element> {
    path.iter().try_fold(root.clone(), |el, &i| el.children().item(i))
}
