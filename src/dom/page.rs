//! Document-level effects of a route change in app mode: the title, the polite announcement and
//! moving focus to the new page's heading (WCAG 2.4.3, 4.1.3).

use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

thread_local! {
    /// The address of the page last shown; `None` before the first.
    static LAST_SHOWN: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Set when the control that had focus is about to be replaced on the same page ("Thử lại").
    static FOCUS_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

/// The next heading shown takes focus even on the same address: the control the reader used is
/// about to disappear, and focus must not fall back to the top of the document.
pub fn request_heading_focus() {
    FOCUS_REQUESTED.with(|f| f.set(true));
}

/// Takes back a pending [`request_heading_focus`]: true if there was one. The error view that
/// replaces a failed retry keeps focus on its own button instead.
pub fn take_heading_focus_request() -> bool {
    FOCUS_REQUESTED.with(|f| f.replace(false))
}

pub const LIVE_REGION_ID: &str = "np-announcer";

/// Sets `document.title`, announces it and focuses `heading` when the reader moved to another
/// address. Not on the first page of the visit (focus stays at the top so the skip link remains
/// the first Tab stop), and not when the same page merely re-renders.
pub fn page_shown(title: &str, site: &str, heading: Option<web_sys::HtmlElement>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let full = crate::model::head::full_title(title, site);
    doc.set_title(&full);
    let here = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    // The fragment is not part of the page's address (a skip link must not count as a new page)
    // unless it holds the route itself (hash routing: "#/tin-tuc/x").
    let here = match here.split_once('#') {
        Some((page, fragment)) if !fragment.starts_with('/') => page.to_string(),
        _ => here,
    };
    let previous = LAST_SHOWN.with(|last| last.borrow_mut().replace(here.clone()));
    let requested = FOCUS_REQUESTED.with(|f| f.replace(false));
    match previous {
        _ if requested => {}
        None => return,
        Some(p) if p == here => return,
        Some(_) => {}
    }
    if let Some(region) = doc.get_element_by_id(LIVE_REGION_ID) {
        region.set_text_content(Some(&full));
    }
    if let Some(h) = heading {
        let _ = h.focus();
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

pub fn html_element(el: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    el.clone().dyn_into().ok()
}
