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
use crate::routing::table::Route;
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::Mountable;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// On the mount element: the path the page was prerendered for (`prerender::page`).
pub const PRERENDERED: &str = "data-np-prerendered";
/// Frames to wait for the data before leaving the prerendered page as it is (≈ 60 s).
const MAX_FRAMES: u32 = 3600;

/// Whether `el` holds the prerendered page of the address the browser shows: the same path, and a
/// query the route does not read. A link shared from Facebook or Zalo (`?fbclid=…`,
/// `?utm_source=zalo`) or a fragment is the same page; `/tim-kiem?q=…` is not the prerendered
/// `/tim-kiem` (the query is the page). embed.js makes the same decision before the wasm runs
/// (scripts/post-build.mjs reads the search route's key from src/routing/table.rs).
pub fn is_current(el: &Element) -> bool {
    let Some(path) = el.get_attribute(PRERENDERED) else { return false };
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return false };
    let here = loc.pathname().unwrap_or_default();
    let same = |p: &str| p.trim_end_matches('/').to_string();
    // `/tin-tuc/x/index.html` is the same page as `/tin-tuc/x/` (a server may show either).
    let here = here.strip_suffix("index.html").unwrap_or(&here);
    if same(here) != same(&path) {
        return false;
    }
    let search = loc.search().unwrap_or_default();
    let search = search.strip_prefix('?').unwrap_or(&search);
    if search.is_empty() {
        return true;
    }
    // The route as the app would read it, with and without the query: equal when nothing in the
    // query is the app's (a tracking parameter).
    let base = crate::config::Config::from_element(el, &crate::dom::asset_base::asset_base())
        .map(|c| c.base)
        .unwrap_or_default();
    Route::parse(here, search, &base) == Route::parse(here, "", &base)
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
    // The prerendered page's title: the hidden app sets its own as it renders (an error's, while the
    // data fails), but the reader sees the prerendered page until the swap, and for good if the
    // app gives up.
    let title = document().title();
    wait(el, app, Box::new(keep), title, 0);
    Some(views)
}

/// `position: relative` makes the app the containing block of its absolutely positioned parts (the
/// visually hidden labels), which the overflow then clips: else they would lengthen the page.
const HIDDEN: [(&str, &str); 4] =
    [("position", "relative"), ("height", "0"), ("overflow", "hidden"), ("visibility", "hidden")];

fn wait(el: HtmlElement, app: HtmlElement, keep: Box<dyn Fn(&web_sys::Node) -> bool>, title: String, frame: u32) {
    if !el.is_connected() {
        return; // the host removed the mount point: `mount` disposes the app
    }
    let loading = app.query_selector(".np-loading").ok().flatten().is_some() || crate::load::running() > 0;
    let give_up = |why: &str| {
        crate::platform::warn(why);
        app.remove();
        document().set_title(&title);
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
    request_animation_frame(move || wait(el, app, keep, title, frame + 1));
}

fn swap(el: &HtmlElement, app: &HtmlElement, keep: &dyn Fn(&web_sys::Node) -> bool) {
    let window = web_sys::window();
    let scroll = window.as_ref().map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
    let focus = window.as_ref().and_then(|w| w.document()).and_then(|d| d.active_element());
    let focus_path = focus.as_ref().and_then(|f| path_from(el, f));
    // What the reader did on the prerendered page, by place (the app renders the same markup).
    let typed = typed_fields(el, app);
    let caret = focus.as_ref().and_then(|f| f.dyn_ref::<HtmlInputElement>()).map(|i| {
        (i.selection_start().ok().flatten(), i.selection_end().ok().flatten(), i.selection_direction().ok().flatten())
    });
    let opened = opened_disclosures(el, app);
    let size = text_size(el, app);
    let selection = selection::save(el);
    let children = el.child_nodes();
    for i in (0..children.length()).rev() {
        if let Some(child) = children.item(i).filter(|c| !keep(c) && c != app.unchecked_ref::<web_sys::Node>()) {
            let _ = el.remove_child(&child);
        }
    }
    let _ = app.remove_attribute("style");
    let _ = el.remove_attribute(PRERENDERED);
    for (path, value) in typed {
        if let Some(field) = follow(el, &path).and_then(|f| f.dyn_into::<HtmlInputElement>().ok()) {
            if field.value() != value {
                field.set_value(&value);
                // Through the field's own `input` handler, so the app's state holds the text too
                // (the search box submits its signal, not the field).
                if let Some(event) = bubbling_event("input") {
                    let _ = field.dispatch_event(&event);
                }
            }
        }
    }
    for path in opened {
        if let Some(button) = follow(el, &path).and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
            if button.get_attribute("aria-expanded").as_deref() == Some("false") {
                button.click();
            }
        }
    }
    if let Some(size) = size {
        keep_text_size(el, size);
    }
    if let Some(target) = focus_path.and_then(|p| follow(el, &p)).and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
        if let (Some(input), Some((Some(start), Some(end), direction))) = (target.dyn_ref::<HtmlInputElement>(), caret)
        {
            let _ = input.set_selection_range_with_direction(start, end, direction.as_deref().unwrap_or("none"));
        }
    }
    if let Some(saved) = selection {
        selection::restore(el, saved);
    }
    if let (Some(w), Some((x, y))) = (window, scroll) {
        if (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)) != (x, y) {
            w.scroll_to_with_x_and_y(x, y);
        }
    }
}

/// `new Event(kind, { bubbles: true })`, through `Reflect` (web-sys's EventInit is not built in).
fn bubbling_event(kind: &str) -> Option<web_sys::Event> {
    let window = web_sys::window()?;
    let constructor = js_sys::Reflect::get(&window, &"Event".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).ok()?;
    let args = js_sys::Array::of2(&kind.into(), &init);
    js_sys::Reflect::construct(&constructor, &args).ok()?.dyn_into().ok()
}

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// Every text field of the prerendered page (not of the hidden app) with what it holds.
fn typed_fields(el: &HtmlElement, app: &HtmlElement) -> Vec<(Vec<u32>, String)> {
    let Ok(fields) = el.query_selector_all("input") else { return Vec::new() };
    (0..fields.length())
        .filter_map(|i| fields.item(i)?.dyn_into::<HtmlInputElement>().ok())
        .filter(|f| !app.contains(Some(f)) && !f.value().is_empty())
        .filter_map(|f| Some((path_from(el, &f)?, f.value())))
        .collect()
}

/// The article's text size on the prerendered page (A−, A+ work there before the app: embed.js).
fn text_size(el: &HtmlElement, app: &HtmlElement) -> Option<f64> {
    let articles = el.query_selector_all(".np-article").ok()?;
    let article = (0..articles.length())
        .filter_map(|i| articles.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|a| !app.contains(Some(a)))?;
    font_of(&article)
}

fn font_of(article: &HtmlElement) -> Option<f64> {
    let value = article.style().get_property_value(crate::components::article_tools::FONT_PROPERTY).ok()?;
    value.trim().trim_end_matches("rem").parse().ok()
}

/// The app rendered the size saved when it started; the reader may have changed it since on the
/// prerendered page. Clicked through the app's own buttons, so its state follows.
fn keep_text_size(el: &HtmlElement, size: f64) {
    let Some(article) = el.query_selector(".np-article").ok().flatten().and_then(|a| a.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    for _ in 0..crate::components::article_tools::STEPS.len() {
        let Some(now) = font_of(&article) else { return };
        if (now - size).abs() < 1e-6 {
            return;
        }
        let step = if now < size { "+" } else { "-" };
        match article.query_selector(&format!("[data-step=\"{step}\"]")).ok().flatten() {
            Some(button) => button.unchecked_into::<HtmlElement>().click(),
            None => return,
        }
    }
}

/// The disclosure buttons the reader opened on the prerendered page (embed.js runs the menu's
/// button before the app does): opened again in the app.
fn opened_disclosures(el: &HtmlElement, app: &HtmlElement) -> Vec<Vec<u32>> {
    let Ok(buttons) = el.query_selector_all("button[aria-expanded=\"true\"]") else { return Vec::new() };
    (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<Element>().ok())
        .filter(|b| !app.contains(Some(b)))
        .filter_map(|b| path_from(el, &b))
        .collect()
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

/// The reader's text selection across the swap, as (element path, character offset) at each end:
/// the app renders the same elements but may split their text into other text nodes. Through
/// `Reflect`: web-sys's Selection bindings would be shipped for four calls.
mod selection {
    use super::{follow, path_from};
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, Node};

    pub struct Saved {
        anchor: (Vec<u32>, u32),
        focus: (Vec<u32>, u32),
    }

    fn get(target: &JsValue, key: &str) -> Option<JsValue> {
        Reflect::get(target, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn selection() -> Option<JsValue> {
        let window = web_sys::window()?;
        get(&window, "getSelection")?.dyn_into::<Function>().ok()?.call0(&window).ok()
    }

    pub fn save(root: &Element) -> Option<Saved> {
        let sel = selection()?;
        if get(&sel, "isCollapsed")?.as_bool() != Some(false) {
            return None;
        }
        let end = |node: &str, offset: &str| -> Option<(Vec<u32>, u32)> {
            let node = get(&sel, node)?.dyn_into::<Node>().ok()?;
            let offset = get(&sel, offset)?.as_f64()? as u32;
            to_text_offset(root, &node, offset)
        };
        Some(Saved { anchor: end("anchorNode", "anchorOffset")?, focus: end("focusNode", "focusOffset")? })
    }

    pub fn restore(root: &Element, saved: Saved) {
        let (Some((an, ao)), Some((fnode, fo))) =
            (from_text_offset(root, &saved.anchor), from_text_offset(root, &saved.focus))
        else {
            return;
        };
        let Some(sel) = selection() else { return };
        if let Some(set) = get(&sel, "setBaseAndExtent").and_then(|f| f.dyn_into::<Function>().ok()) {
            let args = js_sys::Array::of4(&an, &ao.into(), &fnode, &fo.into());
            let _ = set.apply(&sel, &args);
        }
    }

    /// (`node`, `offset`) as the path of its element and the number of characters before it there.
    fn to_text_offset(root: &Element, node: &Node, offset: u32) -> Option<(Vec<u32>, u32)> {
        let (element, before) = match node.dyn_ref::<Element>() {
            Some(el) => {
                let children = el.child_nodes();
                let before =
                    (0..offset.min(children.length())).filter_map(|i| children.item(i)).map(|c| text_len(&c)).sum();
                (el.clone(), before)
            }
            None => {
                let parent = node.parent_element()?;
                let mut before = offset;
                let mut sibling = node.previous_sibling();
                while let Some(s) = sibling {
                    before += text_len(&s);
                    sibling = s.previous_sibling();
                }
                (parent, before)
            }
        };
        Some((path_from(root, &element)?, before))
    }

    fn text_len(node: &Node) -> u32 {
        node.text_content().map(|t| t.encode_utf16().count() as u32).unwrap_or(0)
    }

    /// The text node and offset `chars` characters into the element at `path`.
    fn from_text_offset(root: &Element, (path, chars): &(Vec<u32>, u32)) -> Option<(JsValue, u32)> {
        let element = follow(root, path)?;
        let mut left = *chars;
        let mut stack: Vec<Node> = vec![element.clone().into()];
        let mut last: Option<(Node, u32)> = None;
        while let Some(node) = stack.pop() {
            if node.node_type() == Node::TEXT_NODE {
                let len = text_len(&node);
                if left <= len {
                    return Some((node.into(), left));
                }
                left -= len;
                last = Some((node, len));
                continue;
            }
            let children = node.child_nodes();
            for i in (0..children.length()).rev() {
                if let Some(c) = children.item(i) {
                    stack.push(c);
                }
            }
        }
        last.map(|(n, len)| (n.into(), len)).or(Some((element.into(), 0)))
    }
}
