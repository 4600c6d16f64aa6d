//! Per-page `<head>` tags in app mode: meta description, canonical URL, OpenGraph and JSON-LD.
//!
//! DOM calls rather than leptos_meta, because the app shares `<head>` with a host page: leptos_meta
//! adds its own `<meta name="description">` beside the host's (two descriptions) and cannot give
//! the host's tag its value back. Here every element the app adds or changes carries
//! `data-np-head`; a tag the host page already had keeps its original value in
//! `data-np-head-default` and gets it back when the page that changed it goes away.
//!
//! Only routes of the full app call this: the widget mounts never touch `<head>`.

use std::cell::{Cell, RefCell};
#[cfg(target_arch = "wasm32")]
use web_sys::{Document, Element};

#[cfg(target_arch = "wasm32")]
const MARK: &str = "data-np-head";
#[cfg(target_arch = "wasm32")]
const DEFAULT: &str = "data-np-head-default";

thread_local! {
    /// Bumped by every [`set`]; a page's cleanup only clears the tags if no newer page set them.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// Natively: the tags of the page being prerendered, for the prerender to write into its file.
    static COLLECTED: RefCell<Option<PageMeta>> = const { RefCell::new(None) };
}

/// What one page says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
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
    /// `article:published_time` (RFC 3339, UTC) of an article.
    pub published: Option<String>,
    /// A schema.org object, as JSON, written as `<script type="application/ld+json">`.
    pub json_ld: Option<String>,
}

/// The tags the last page rendered natively asked for (the prerender writes them into its file).
pub fn take_collected() -> Option<PageMeta> {
    COLLECTED.with(|c| c.borrow_mut().take())
}

/// Puts the page's tags in `<head>`, replacing those of the previous page. Returns a token for
/// [`clear`].
pub fn set(meta: &PageMeta) -> u32 {
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    COLLECTED.with(|c| *c.borrow_mut() = Some(meta.clone()));
    #[cfg(target_arch = "wasm32")]
    write(meta);
    generation
}

#[cfg(target_arch = "wasm32")]
fn write(meta: &PageMeta) {
    let Some(doc) = document() else { return };
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
    if let Some(json) = &meta.json_ld {
        if let Ok(script) = doc.create_element("script") {
            let _ = script.set_attribute("type", "application/ld+json");
            let _ = script.set_attribute(MARK, "");
            script.set_text_content(Some(json));
            if let Some(head) = doc.head() {
                let _ = head.append_child(&script);
            }
        }
    }
}

/// Removes the tags set by the call that returned `token`, unless a newer page has set its own.
pub fn clear(token: u32) {
    #[cfg(target_arch = "wasm32")]
    if GENERATION.with(Cell::get) == token {
        if let Some(doc) = document() {
            remove_all(&doc);
        }
    }
    // Natively (the prerender) no document was written to.
    #[cfg(not(target_arch = "wasm32"))]
    let _ = token;
}

/// The address of the page on screen (see [`crate::platform::page_address`]).
pub fn page_address() -> String {
    crate::platform::page_address()
}

#[cfg(target_arch = "wasm32")]
fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

#[cfg(target_arch = "wasm32")]
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

#[cfg(target_arch = "wasm32")]
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
