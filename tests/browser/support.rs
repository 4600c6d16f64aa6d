//! Shared helpers of the browser tier: waiting without blocking the event loop, a mount harness
//! that provides the `MountContext` context, feeds served as `data:` URLs, and DOM queries.

use leptos::prelude::*;
use minh_long_portal::api::source::FeedResult;
use minh_long_portal::api::source::Source;
use minh_long_portal::config::{Config, Mode};
use minh_long_portal::context::MountContext;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlElement};

pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Resolves after `ms` milliseconds (a JS Promise around `setTimeout`), letting the browser run
/// fetches, microtasks and Leptos effects meanwhile.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Polls `cond` every 20 ms, up to 50 times (1 s); panics with `what` if it never holds.
pub async fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..50 {
        if cond() {
            return;
        }
        sleep(20).await;
    }
    assert!(cond(), "timed out waiting for {what}");
}

/// Waits until `el`'s text contains `text`.
pub async fn wait_for_text(el: &Element, text: &str) {
    wait_until(&format!("{text:?} in {:?}", el.text_content()), || {
        el.text_content().unwrap_or_default().contains(text)
    })
    .await;
}

/// A JSON document as a `data:` URL; `fetch` reads these without any server.
pub fn data_url(json: &str) -> String {
    format!("data:application/json,{}", String::from(js_sys::encode_uri_component(json)))
}

/// A minimal valid JSON Feed with the given `_portal.stats` object (JSON text).
pub fn feed_with_stats(stats_json: &str) -> String {
    data_url(&format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Thử nghiệm",
            "items":[{{"id":"1","title":"Bài một","content_text":"Nội dung."}}],
            "_portal":{{"stats":{stats_json}}}}}"#
    ))
}

/// An empty valid feed, for components that take everything as props: the resource resolves
/// at once and never touches the network.
pub fn empty_feed() -> String {
    data_url(r#"{"version":"https://jsonfeed.org/version/1.1","title":"Trống","items":[]}"#)
}

pub fn config(source: String) -> Config {
    Config { mode: Mode::App, utc_offset_minutes: 420, ..Config::new(Source::Feed(source)) }
}

/// A view mounted on a fresh `<div>` in `document.body`, with a `MountContext` in context. Dropping it
/// unmounts the view, disposes its reactive owner and removes the `<div>`.
pub struct Mounted {
    pub root: HtmlElement,
    /// The context the view got, e.g. to wait for `portal.feed`.
    pub portal: MountContext,
    handle: Option<Box<dyn Any>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.remove();
    }
}

impl Mounted {
    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn one(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| panic!("no {selector} in {}", self.root.inner_html()))
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        all(&self.root, selector)
    }

    /// Waits until the portal's feed resource has settled, and returns what it settled to.
    pub async fn feed_settled(&self) -> FeedResult {
        let feed = self.portal.feed;
        wait_until("the feed resource", || feed.get_untracked().is_some()).await;
        feed.get_untracked().unwrap()
    }
}

pub fn mount<F, N>(config: Config, view: F) -> Mounted
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let doc = document();
    let root: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let slot = Rc::new(RefCell::new(None));
    let handle = leptos::mount::mount_to(root.clone(), {
        let slot = slot.clone();
        move || {
            let portal = MountContext::new(config);
            *slot.borrow_mut() = Some(portal.clone());
            provide_context(portal);
            view()
        }
    });
    let portal = slot.borrow_mut().take().expect("mount_to runs the view at once");
    Mounted { root, portal, handle: Some(Box::new(handle)) }
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

// ---- the sanitizer's safety property ---------------------------------------------------------

const FORBIDDEN_TAGS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "template",
    "noscript",
    "svg",
    "math",
    "base",
    "meta",
    "link",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "title",
    "head",
    "body",
    "html",
    "audio",
    "video",
    "source",
    "canvas",
    "dialog",
    "portal",
    "slot",
    "marquee",
    "h1",
];
const FORBIDDEN_ATTRS: &[&str] = &[
    "id",
    "name",
    "class",
    "style",
    "srcdoc",
    "srcset",
    "formaction",
    "action",
    "xlink:href",
    "target",
    "ping",
    "background",
    "poster",
    "data",
    "usemap",
    "is",
];
const URL_ATTRS: &[&str] = &["href", "src", "cite"];

/// Lower-cased URL the way a browser reads its scheme: C0 controls and spaces trimmed, tabs and
/// newlines removed anywhere.
fn as_browser_reads(v: &str) -> String {
    v.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Walks the whole tree under `root`: only HTML-namespace, non-active elements; no event
/// handler, id/name/class/style or other risky attribute; every URL http(s) (or a raster
/// `data:image/…` for `<img src>`); no `javascript:`/`vbscript:` anywhere in a URL attribute.
pub fn assert_inert(root: &Element) {
    for el in all(root, "*") {
        let tag = el.local_name();
        let html = el.outer_html();
        assert_eq!(el.namespace_uri().as_deref(), Some("http://www.w3.org/1999/xhtml"), "foreign element: {html}");
        assert!(!FORBIDDEN_TAGS.contains(&tag.as_str()), "forbidden element <{tag}>: {html}");
        let names = el.get_attribute_names();
        for i in 0..names.length() {
            let name = names.get(i).as_string().unwrap();
            let value = el.get_attribute(&name).unwrap_or_default();
            let lname = name.to_ascii_lowercase();
            assert!(!lname.starts_with("on"), "event handler {name}: {html}");
            assert!(!FORBIDDEN_ATTRS.contains(&lname.as_str()), "attribute {name} kept: {html}");
            if URL_ATTRS.contains(&lname.as_str()) {
                let url = as_browser_reads(&value);
                for bad in ["javascript:", "vbscript:", "data:text", "data:image/svg", "file:"] {
                    assert!(!url.contains(bad), "{bad} URL in {name}: {html}");
                }
                let raster = tag == "img"
                    && lname == "src"
                    && ["png", "jpeg", "jpg", "gif", "webp", "avif"]
                        .iter()
                        .any(|k| url.starts_with(&format!("data:image/{k}")));
                assert!(
                    raster || url.starts_with("https://") || url.starts_with("http://"),
                    "{name} is not an absolute http(s) URL: {html}"
                );
            }
        }
    }
    assert!(!root.inner_html().to_ascii_lowercase().contains("<script"), "script markup in {}", root.inner_html());
}

/// Seeded pseudo-random numbers below `n` (xorshift64), so a failing case can be replayed.
pub fn below(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}
