//! The browser's requests: `fetch` (gloo-net) with a time limit on silence, cancellation, a
//! size limit on the body read as a stream, and the reason a request got no answer.

use super::{Fetched, Method, ACCEPT, MAX_BODY_BYTES, SAVED_AT_HEADER};
use crate::api::ApiError;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// Cancels a request from outside (a view that goes away aborts what it asked for).
#[derive(Clone)]
pub struct Abort(Option<AbortController>);

impl Abort {
    pub fn new() -> Self {
        Abort(AbortController::new().ok())
    }
    fn signal(&self) -> Option<web_sys::AbortSignal> {
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

/// [`super::fetch`] with an `Idempotency-Key` header: a counting POST sends one key per visit or view,
/// the same on its retry, and the API counts a key once (README, "Portal API"), so a retry after a
/// timeout whose first request did arrive counts nothing twice.
pub async fn fetch_with_key(
    method: Method,
    url: &str,
    cancel: Option<&Abort>,
    timeout_ms: i32,
    idempotency_key: Option<&str>,
) -> Result<Fetched, ApiError> {
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

/// Aborts a request after `ms` without progress: armed when the request starts, armed again
/// when the headers arrive and on every chunk of the body; stopped when dropped.
struct Watchdog {
    window: web_sys::Window,
    ms: i32,
    fired: Rc<Cell<bool>>,
    on_fire: Closure<dyn Fn()>,
    timer: Cell<Option<i32>>,
}

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
struct CspWatch {
    target: Option<web_sys::Window>,
    seen: Rc<std::cell::RefCell<Option<String>>>,
    listener: Option<Closure<dyn Fn(JsValue)>>,
}

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

impl Drop for CspWatch {
    fn drop(&mut self) {
        self.stop();
    }
}

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
        Err(e) => return Err(no_answer(window, url, e.to_string(), abort, csp).await),
    };
    drop(csp);
    watchdog.progress();
    if !resp.ok() {
        return Err(ApiError::Http(resp.status()));
    }
    let headers = resp.headers();
    let saved_at = match method {
        Method::Get => headers.get(SAVED_AT_HEADER).and_then(|at| crate::model::date::parse(&at, 0)),
        Method::GetLive | Method::Post => None,
    };
    let total_pages = headers.get("X-WP-TotalPages");
    let declared = headers.get("Content-Length").and_then(|n| n.trim().parse::<u64>().ok());
    let body = read_body(resp.body(), declared, MAX_BODY_BYTES, abort, watchdog).await?;
    Ok(Fetched { body, total_pages, url: resp.url(), saved_at })
}

/// The body's bytes, read as a stream: every chunk counts as progress for the watchdog, and the
/// body is refused with [`ApiError::TooLarge`] once it passes `limit`: at once when
/// Content-Length says so, else as soon as the bytes read (decompressed: a small gzip body can
/// unpack to gigabytes, and Content-Length then counts the compressed bytes) pass it; the
/// request is then aborted. Bytes, not `text()`: that would decode UTF-8 to a JS string only for
/// wasm-bindgen to encode it back.
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
