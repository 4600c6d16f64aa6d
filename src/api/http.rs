//! Requests through the browser's `fetch` (gloo-net), with a time limit on silence and
//! cancellation. The URL is passed as given: `next_url` values may be signed or opaque.

use crate::api::ApiError;
use std::cell::Cell;
#[cfg(target_arch = "wasm32")]
use std::rc::Rc;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// A data request fails when no byte of it arrived for this long (README, "Limits"): before the
/// answer's headers, or between two chunks of its body. A large feed on a slow connection takes
/// as long as it needs while bytes keep coming.
pub const DEFAULT_TIMEOUT_MS: i32 = 15_000;
/// The largest body the app reads, after decompression: 64 MB (README, "Limits"). The 10,000-item
/// benchmark feed is about 15 MB; a feed that decompresses to 1 GB would otherwise stay in the
/// wasm memory, which never shrinks, for as long as the page is open.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// What every data and counter request accepts (also the native requests of the prerender and the
/// counter-only widget script's, through the build).
pub const ACCEPT: &str = "application/feed+json, application/json;q=0.9, */*;q=0.1";

thread_local! {
    static DATA_TIMEOUT_MS: Cell<i32> = const { Cell::new(DEFAULT_TIMEOUT_MS) };
}

/// The silence limit of data requests on this page (`data-timeout` on a mount element).
pub fn data_timeout_ms() -> i32 {
    DATA_TIMEOUT_MS.with(Cell::get)
}

pub fn set_data_timeout_ms(ms: i32) {
    DATA_TIMEOUT_MS.with(|t| t.set(ms));
}

/// Cancels a request from outside (a view that goes away aborts what it asked for).
#[derive(Clone)]
pub struct Abort(Option<AbortController>);

impl Abort {
    pub fn new() -> Self {
        // Natively (the prerender) requests are blocking and never cancelled.
        #[cfg(not(target_arch = "wasm32"))]
        return Abort(None);
        #[cfg(target_arch = "wasm32")]
        Abort(AbortController::new().ok())
    }
    pub fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.0.as_ref().map(|c| c.signal())
    }
    pub fn abort(&self) {
        if let Some(c) = &self.0 {
            c.abort();
        }
    }
}

impl Default for Abort {
    fn default() -> Self {
        Self::new()
    }
}

/// A successful answer: the body, the pagination header WordPress sends, and the final URL
/// (after redirects), against which relative URLs in the body resolve.
pub struct Fetched {
    pub body: Vec<u8>,
    pub total_pages: Option<String>,
    pub url: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Data (lists, articles): the offline worker may answer with its saved copy.
    Get,
    /// Live figures (the counter): `cache: "no-store"`, so neither the HTTP cache nor the offline
    /// worker answers with a copy; the app shows its own last known figures, marked as such.
    GetLive,
    /// Counting: never cached, never queued.
    Post,
}

/// One request that fails with [`ApiError::Timeout`] after `timeout_ms` without a byte.
pub async fn fetch(method: Method, url: &str, cancel: Option<&Abort>, timeout_ms: i32) -> Result<Fetched, ApiError> {
    fetch_with_key(method, url, cancel, timeout_ms, None).await
}

/// [`fetch`] with an `Idempotency-Key` header: a counting POST sends one key per visit or view,
/// the same on its retry, and the API counts a key once (README, "Portal API"), so a retry after a
/// timeout whose first request did arrive counts nothing twice.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_variables))]
pub async fn fetch_with_key(
    method: Method,
    url: &str,
    cancel: Option<&Abort>,
    timeout_ms: i32,
    idempotency_key: Option<&str>,
) -> Result<Fetched, ApiError> {
    #[cfg(not(target_arch = "wasm32"))]
    return super::http_native::fetch(method, url);
    #[cfg(target_arch = "wasm32")]
    {
        let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
        let own = Abort::new();
        let abort = cancel.unwrap_or(&own);
        let watchdog = Watchdog::start(&window, abort, timeout_ms);
        let result = send(&window, method, url, abort, idempotency_key, &watchdog).await;
        match result {
            Err(ApiError::Network(_) | ApiError::Unreachable(_)) if watchdog.fired() => Err(ApiError::Timeout),
            other => other,
        }
    }
}

/// Aborts a request after `ms` without progress: armed when the request starts, armed again
/// when the headers arrive and on every chunk of the body; stopped when dropped.
#[cfg(target_arch = "wasm32")]
struct Watchdog {
    window: web_sys::Window,
    ms: i32,
    fired: Rc<Cell<bool>>,
    on_fire: Closure<dyn Fn()>,
    timer: Cell<Option<i32>>,
}

#[cfg(target_arch = "wasm32")]
impl Watchdog {
    fn start(window: &web_sys::Window, abort: &Abort, ms: i32) -> Watchdog {
        let fired = Rc::new(Cell::new(false));
        let on_fire = {
            let (fired, ctl) = (fired.clone(), abort.0.clone());
            Closure::<dyn Fn()>::new(move || {
                fired.set(true);
                if let Some(c) = &ctl {
                    c.abort();
                }
            })
        };
        let dog = Watchdog { window: window.clone(), ms, fired, on_fire, timer: Cell::new(None) };
        dog.progress();
        dog
    }

    /// Something arrived: the limit starts again.
    fn progress(&self) {
        self.stop();
        if !self.fired.get() {
            let timer = self
                .window
                .set_timeout_with_callback_and_timeout_and_arguments_0(self.on_fire.as_ref().unchecked_ref(), self.ms);
            self.timer.set(timer.ok());
        }
    }

    fn fired(&self) -> bool {
        self.fired.get()
    }

    fn stop(&self) {
        if let Some(t) = self.timer.take() {
            self.window.clear_timeout_with_handle(t);
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Why a request got no HTTP answer. `fetch` rejects with the same bare TypeError ("Failed to
/// fetch") whether the reader is offline or the page itself stands in the way (its
/// Content-Security-Policy does not allow the data source in `connect-src`, a redirect loop, a
/// missing CORS header, DNS). Only the first is the reader's to fix, and `navigator.onLine` is
/// false exactly then; anything else is told as the site's data source being unreachable, with
/// the cause for the operator. A CSP block is named when the browser reported a
/// `securitypolicyviolation` for this URL while the request ran (`CspWatch`).
#[cfg(target_arch = "wasm32")]
async fn no_answer(window: &web_sys::Window, url: &str, detail: String, abort: &Abort, csp: CspWatch) -> ApiError {
    if abort.signal().is_some_and(|s| s.aborted()) {
        return ApiError::Network(format!("aborted: {detail}"));
    }
    if !window.navigator().on_line() {
        return ApiError::Network(format!("offline ({detail}): {url}"));
    }
    // The violation event is queued as a task when fetch() starts; the rejection may come first.
    crate::platform::yield_now().await;
    let blocked = csp.finish();
    let origin = web_sys::Url::new(url).map(|u| u.origin()).unwrap_or_default();
    ApiError::Unreachable(match blocked {
        Some(directive) => format!(
            "{url}: blocked by the page's Content-Security-Policy ({directive}); add {origin} to its connect-src"
        ),
        None => format!(
            "{url}: no HTTP answer although the browser is online ({detail}); check for a redirect loop, the \
             page's Content-Security-Policy connect-src ({origin}), CORS headers when the source is on another \
             origin, DNS and that the server is up"
        ),
    })
}

/// Records a `securitypolicyviolation` for one URL while its request runs. The listener is on
/// `window` only for that time (a widget leaves no document-wide listener behind), and is
/// removed by `finish` or when dropped.
#[cfg(target_arch = "wasm32")]
struct CspWatch {
    target: Option<web_sys::Window>,
    seen: Rc<std::cell::RefCell<Option<String>>>,
    listener: Option<Closure<dyn Fn(JsValue)>>,
}

#[cfg(target_arch = "wasm32")]
impl CspWatch {
    fn start(window: &web_sys::Window, url: &str) -> CspWatch {
        let seen = Rc::new(std::cell::RefCell::new(None));
        let listener = {
            let (seen, url) = (seen.clone(), url.to_string());
            // A SecurityPolicyViolationEvent, read through Reflect (no typed bindings to ship).
            Closure::<dyn Fn(JsValue)>::new(move |ev: JsValue| {
                let field = |name: &str| {
                    js_sys::Reflect::get(&ev, &name.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
                };
                // The browser reports the URL it blocked, or only its origin after a redirect.
                let blocked = field("blockedURI");
                if !blocked.is_empty() && url.starts_with(blocked.trim_end_matches('/')) {
                    *seen.borrow_mut() = Some(field("effectiveDirective"));
                }
            })
        };
        let added = window
            .add_event_listener_with_callback("securitypolicyviolation", listener.as_ref().unchecked_ref())
            .is_ok();
        CspWatch { target: added.then(|| window.clone()), seen, listener: Some(listener) }
    }

    /// The directive that blocked the URL, if one did; stops listening.
    fn finish(mut self) -> Option<String> {
        self.stop();
        self.seen.borrow_mut().take()
    }

    fn stop(&mut self) {
        if let (Some(w), Some(l)) = (self.target.take(), self.listener.as_ref()) {
            let _ = w.remove_event_listener_with_callback("securitypolicyviolation", l.as_ref().unchecked_ref());
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for CspWatch {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(target_arch = "wasm32")]
async fn send(
    window: &web_sys::Window,
    method: Method,
    url: &str,
    abort: &Abort,
    idempotency_key: Option<&str>,
    watchdog: &Watchdog,
) -> Result<Fetched, ApiError> {
    use gloo_net::http::Request;
    let mut request = match method {
        Method::Get => Request::get(url),
        Method::GetLive => Request::get(url).cache(web_sys::RequestCache::NoStore),
        Method::Post => Request::post(url),
    }
    .header("Accept", ACCEPT)
    .abort_signal(abort.signal().as_ref());
    if let Some(key) = idempotency_key {
        request = request.header("Idempotency-Key", key);
    }
    let csp = CspWatch::start(window, url);
    let resp = match request.send().await {
        Ok(resp) => resp,
        Err(e) => {
            if method == Method::Get {
                crate::api::freshness::record_no_answer();
            }
            return Err(no_answer(window, url, e.to_string(), abort, csp).await);
        }
    };
    drop(csp);
    watchdog.progress();
    if !resp.ok() {
        return Err(ApiError::Http(resp.status()));
    }
    let headers = resp.headers();
    if method == Method::Get {
        let saved_at = headers.get(crate::api::freshness::SAVED_AT_HEADER);
        crate::api::freshness::record_answer(url, saved_at.and_then(|at| crate::model::date::parse(&at, 0)));
    }
    let total_pages = headers.get("X-WP-TotalPages");
    let declared = headers.get("Content-Length").and_then(|n| n.trim().parse::<u64>().ok());
    let body = read_body(resp.body(), declared, MAX_BODY_BYTES, abort, watchdog).await?;
    Ok(Fetched { body, total_pages, url: resp.url() })
}

/// The body's bytes, read as a stream: every chunk counts as progress for the watchdog, and the
/// body is refused with [`ApiError::TooLarge`] once it passes `limit`: at once when
/// Content-Length says so, else as soon as the bytes read (decompressed: a small gzip body can
/// unpack to gigabytes, and Content-Length then counts the compressed bytes) pass it; the
/// request is then aborted. Bytes, not `text()`: that would decode UTF-8 to a JS string only for
/// wasm-bindgen to encode it back.
#[cfg(target_arch = "wasm32")]
async fn read_body(
    stream: Option<web_sys::ReadableStream>,
    declared: Option<u64>,
    limit: usize,
    abort: &Abort,
    watchdog: &Watchdog,
) -> Result<Vec<u8>, ApiError> {
    let network = |e: JsValue| {
        let detail = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string());
        ApiError::Network(detail.or_else(|| e.as_string()).unwrap_or_else(|| format!("{e:?}")))
    };
    if declared.is_some_and(|n| n > limit as u64) {
        abort.abort();
        return Err(ApiError::TooLarge(limit));
    }
    let Some(stream) = stream else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut body = Vec::with_capacity(declared.map_or(0, |n| n as usize));
    loop {
        let chunk: web_sys::ReadableStreamReadResult =
            JsFuture::from(reader.read()).await.map_err(network)?.unchecked_into();
        watchdog.progress();
        if chunk.get_done().unwrap_or(true) {
            return Ok(body);
        }
        let Ok(bytes) = chunk.get_value().dyn_into::<js_sys::Uint8Array>() else { continue };
        let n = bytes.length() as usize;
        if body.len() + n > limit {
            let _ = reader.cancel();
            abort.abort();
            return Err(ApiError::TooLarge(limit));
        }
        let start = body.len();
        body.resize(start + n, 0);
        bytes.copy_to(&mut body[start..]);
    }
}

/// Decodes a JSON body with one of the model's readers, telling broken JSON (not JSON, HTML
/// error page, truncated) apart from JSON of the wrong shape. Strips a UTF-8 BOM first.
///
/// The readers use serde_json inside the wasm: faster on large feeds than `JSON.parse` plus a
/// crossing of the JS boundary per value (serde-wasm-bindgen).
pub fn decode<T>(body: &[u8], read: impl FnOnce(&str) -> Result<T, crate::model::FeedError>) -> Result<T, ApiError> {
    // Bytes that are not UTF-8 are replaced as `Response::text()` replaces them; a valid body is
    // borrowed, not copied.
    let text = String::from_utf8_lossy(body);
    let text = crate::model::feed::strip_bom(&text);
    read(text).map_err(|shape| {
        // Only on failure: is it JSON at all?
        let text = crate::model::de::replace_lone_surrogates(text);
        match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
            Ok(_) => ApiError::Decode(shape.to_string()),
            Err(_) => ApiError::Decode(not_json(&text).into()),
        }
    })
}

fn not_json(text: &str) -> &'static str {
    let start = text.trim_start();
    if start.starts_with('<') {
        "máy chủ trả về một trang HTML thay vì JSON"
    } else if start.is_empty() {
        "phản hồi rỗng"
    } else {
        "không phải JSON hợp lệ (có thể bị cắt ngắn)"
    }
}

/// The document relative URLs resolve against, and its directory as the browser serializes it
/// (http(s) only): one call into JavaScript per page lets plain relative paths be joined by hand.
pub struct Base<'a> {
    href: &'a str,
    dir: Option<String>,
}

impl<'a> Base<'a> {
    pub fn new(href: &'a str) -> Self {
        let dir = crate::platform::resolve_url(href, href).and_then(|h| {
            if !h.starts_with("https://") && !h.starts_with("http://") {
                return None;
            }
            // '?' and '#' are escaped in user info, so the first one ends the path.
            let path_end = h.find(['?', '#']).unwrap_or(h.len());
            let dir_end = h[..path_end].rfind('/')? + 1;
            Some(h[..dir_end].to_string())
        });
        Base { href, dir }
    }

    fn resolve(&self, rel: &str) -> Option<String> {
        if let Some(joined) = self.dir.as_deref().and_then(|d| crate::model::url::join_to_dir(d, rel)) {
            return Some(joined);
        }
        crate::platform::resolve_url(rel, self.href)
    }
}

/// Makes every URL of a loaded page absolute against the document it came from, as JSON Feed
/// requires for relative URLs (`next_url`, attachments, images…).
pub fn absolutize_feed(feed: &mut crate::model::Feed, base: &str) {
    let base = Base::new(base);
    for slot in [&mut feed.next_url, &mut feed.home_page_url, &mut feed.feed_url, &mut feed.icon, &mut feed.favicon] {
        absolutize(slot, &base);
    }
    for a in &mut feed.articles {
        absolutize_article(a, &base);
    }
}

pub fn absolutize_article(a: &mut crate::model::Article, base: &Base<'_>) {
    for slot in [&mut a.url, &mut a.external_url, &mut a.image, &mut a.banner_image] {
        absolutize(slot, base);
    }
    for att in &mut a.attachments {
        if crate::model::url::is_canonical_absolute(&att.url) {
            continue;
        }
        if let Some(u) = base.resolve(&att.url) {
            att.url = u;
        }
    }
    for author in &mut a.authors {
        absolutize(&mut author.url, base);
    }
}

fn absolutize(slot: &mut Option<String>, base: &Base<'_>) {
    if let Some(v) = slot.as_deref() {
        if v.starts_with("data:") || crate::model::url::is_canonical_absolute(v) {
            return;
        }
        *slot = base.resolve(v);
    }
}

/// The requests of one view: each new request aborts the one it replaces, and all are aborted
/// when the view is cleaned up — the reader navigated away, so nothing still in flight matters.
#[derive(Clone, Copy)]
pub struct RequestScope(leptos::prelude::StoredValue<Option<Abort>, leptos::prelude::LocalStorage>);

impl RequestScope {
    /// Must be called while the view is being built (it registers the cleanup with its owner).
    pub fn new() -> Self {
        use leptos::prelude::*;
        let slot = StoredValue::new_local(None::<Abort>);
        on_cleanup(move || {
            slot.try_with_value(|a| a.as_ref().map(Abort::abort));
        });
        RequestScope(slot)
    }

    /// The handle for the next request of this view.
    pub fn next(&self) -> Abort {
        use leptos::prelude::*;
        let abort = Abort::new();
        let previous = self.0.try_update_value(|slot| slot.replace(abort.clone())).flatten();
        if let Some(p) = previous {
            p.abort();
        }
        abort
    }
}

impl Default for RequestScope {
    fn default() -> Self {
        Self::new()
    }
}
