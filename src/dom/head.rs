//! Per-page `<head>` tags in app mode: meta description, canonical URL, OpenGraph and JSON-LD.
//!
//! A few hand-written DOM calls instead of leptos_meta (which costs ~4.5 KB brotli of wasm for the
//! same tags). Every element the app adds or changes carries `data-np-head`; a tag the host page
//! already had (its `<meta name="description">`) keeps its original value in
//! `data-np-head-default` and gets it back when the page that changed it goes away.
//!
//! Only routes of the full app call this: the widget mounts never touch `<head>`.

use js_sys::{Object, Reflect, JSON};
use std::cell::Cell;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

const MARK: &str = "data-np-head";
const DEFAULT: &str = "data-np-head-default";

thread_local! {
    /// Bumped by every [`set`]; a page's cleanup only clears the tags if no newer page set them.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// What one page says about itself.
pub struct PageMeta {
    /// The page's own title (without the site name), for `og:title`.
    pub title: String,
    pub description: Option<String>,
    /// Absolute address of the page: canonical URL and `og:url`.
    pub url: String,
    /// `og:type`: "article" or "website".
    pub kind: &'static str,
    /// Absolute http(s) URL of the page's image.
    pub image: Option<String>,
    pub site_name: String,
    /// A schema.org object written as `<script type="application/ld+json">`.
    pub json_ld: Option<Object>,
}

/// Puts the page's tags in `<head>`, replacing those of the previous page. Returns a token for
/// [`clear`].
pub fn set(meta: &PageMeta) -> u32 {
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    let Some(doc) = document() else { return generation };
    remove_all(&doc);
    let description = meta.description.as_deref().filter(|d| !d.trim().is_empty());
    if let Some(d) = description {
        upsert(&doc, "meta", "name", "description", "content", d);
    }
    upsert(&doc, "link", "rel", "canonical", "href", &meta.url);
    let og = [
        ("og:title", Some(meta.title.as_str())),
        ("og:description", description),
        ("og:url", Some(meta.url.as_str())),
        ("og:type", Some(meta.kind)),
        ("og:image", meta.image.as_deref()),
        ("og:site_name", Some(meta.site_name.as_str())),
        ("og:locale", Some("vi_VN")),
    ];
    for (property, value) in og {
        if let Some(v) = value {
            upsert(&doc, "meta", "property", property, "content", v);
        }
    }
    if let Some(ld) = &meta.json_ld {
        // JSON.stringify escapes quotes and controls; "<" is escaped as well so the text can
        // never read as the end of the script element if the head is ever serialized.
        if let Some(json) = JSON::stringify(ld).ok().and_then(|s| s.as_string()) {
            if let Ok(script) = doc.create_element("script") {
                let _ = script.set_attribute("type", "application/ld+json");
                let _ = script.set_attribute(MARK, "");
                script.set_text_content(Some(&json.replace('<', "\\u003c")));
                if let Some(head) = doc.head() {
                    let _ = head.append_child(&script);
                }
            }
        }
    }
    generation
}

/// Removes the tags set by the call that returned `token`, unless a newer page has set its own.
pub fn clear(token: u32) {
    if GENERATION.with(Cell::get) != token {
        return;
    }
    if let Some(doc) = document() {
        remove_all(&doc);
    }
}

/// A plain JS object for JSON-LD: `obj(&[("@type", "Person".into()), ("name", name.into())])`.
pub fn obj(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        if !v.is_undefined() {
            let _ = Reflect::set(&o, &JsValue::from_str(k), v);
        }
    }
    o
}

/// `undefined` (left out of the object) when absent.
pub fn opt(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::UNDEFINED, JsValue::from_str)
}

/// The address of the page on screen, for canonical links and sharing: without query or
/// fragment, except a fragment that holds the route itself (hash routing: "#/tin-tuc/x").
pub fn page_address() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let hash = loc.hash().unwrap_or_default();
    let route = if hash.starts_with("#/") { hash.as_str() } else { "" };
    format!("{}{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default(), route)
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
