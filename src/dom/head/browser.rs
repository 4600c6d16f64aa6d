//! The tags put into the live document.

use super::PageMeta;
use std::cell::Cell;
use web_sys::{Document, Element};

const MARK: &str = "data-np-head";
const DEFAULT: &str = "data-np-head-default";

thread_local! {
    /// Bumped by every [`set`]; a page's cleanup only clears the tags if no newer page set them.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// Puts the page's tags in `<head>`, replacing those of the previous page. Returns a token for
/// [`clear`].
pub fn set(meta: &PageMeta) -> u32 {
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    write(meta);
    generation
}

fn write(meta: &PageMeta) {
    use crate::model::head::{tags, HeadTag};
    let Some(doc) = document() else { return };
    remove_all(&doc);
    for tag in tags(meta) {
        match (&tag, tag.key()) {
            (HeadTag::JsonLd(json), _) => {
                if let Ok(script) = doc.create_element("script") {
                    let _ = script.set_attribute("type", "application/ld+json");
                    let _ = script.set_attribute(MARK, "");
                    script.set_text_content(Some(json));
                    if let Some(head) = doc.head() {
                        let _ = head.append_child(&script);
                    }
                }
            }
            (_, Some((key_attr, key))) => {
                let (element, value_attr) = tag.element();
                upsert(&doc, element, key_attr, key, value_attr, tag.value());
            }
            (_, None) => {}
        }
    }
}

/// Removes the tags set by the call that returned `token`, unless a newer page has set its own.
pub fn clear(token: u32) {
    if GENERATION.with(Cell::get) == token {
        if let Some(doc) = document() {
            remove_all(&doc);
        }
    }
}

fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Finds `<{tag} {key_attr}="{key}">` in `<head>` (keys are constants of this module) or creates
/// it, and sets `value_attr` to `value`.
fn upsert(doc: &Document, tag: &str, key_attr: &str, key: &str, value_attr: &str, value: &str) {
    let Some(head) = doc.head() else { return };
    let selector = format!("{tag}[{key_attr}=\"{key}\"]");
    let el: Element = match head.query_selector(&selector).ok().flatten() {
        Some(existing) => {
            if !existing.has_attribute(MARK) {
                // The host page's own tag: remember its value to restore it later.
                let original = existing.get_attribute(value_attr).unwrap_or_default();
                let _ = existing.set_attribute(DEFAULT, &original);
            }
            existing
        }
        None => {
            let Ok(el) = doc.create_element(tag) else { return };
            let _ = el.set_attribute(key_attr, key);
            let _ = head.append_child(&el);
            el
        }
    };
    let _ = el.set_attribute(MARK, "");
    let _ = el.set_attribute(value_attr, value);
}

/// Takes away what the app put in `<head>`: its own elements go, the host's get their value back.
fn remove_all(doc: &Document) {
    let Ok(list) = doc.query_selector_all(&format!("[{MARK}]")) else { return };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok()) else {
            continue;
        };
        match el.get_attribute(DEFAULT) {
            Some(original) => {
                let attr = if el.tag_name().eq_ignore_ascii_case("link") { "href" } else { "content" };
                let _ = el.set_attribute(attr, &original);
                let _ = el.remove_attribute(DEFAULT);
                let _ = el.remove_attribute(MARK);
            }
            None => el.remove(),
        }
    }
}
