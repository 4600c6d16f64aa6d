//! Document-level effects of a route change in app mode: the title, the polite announcement and
//! moving focus to the new page's heading (WCAG 2.4.3, 4.1.3).

use std::cell::Cell;
use wasm_bindgen::JsCast;

thread_local! {
    static FIRST_PAGE_SHOWN: Cell<bool> = const { Cell::new(false) };
}

pub const LIVE_REGION_ID: &str = "np-announcer";

/// Sets `document.title`, announces it and focuses `heading` — except on the first page of the
/// visit, where focus stays at the top so the skip link remains the first Tab stop.
pub fn page_shown(title: &str, site: &str, heading: Option<web_sys::HtmlElement>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let full = if title.is_empty() { site.to_string() } else { format!("{title} | {site}") };
    doc.set_title(&full);
    let first = FIRST_PAGE_SHOWN.with(|f| !f.replace(true));
    if first {
        return;
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
