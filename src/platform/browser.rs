//! The browser's side of [`crate::platform`]: `URL`, the console, `Date`, timers and `location`.

/// The app renders in the reader's browser: the page is not being prerendered.
pub const PRERENDER: bool = false;

/// `url` resolved against `base` (an absolute URL), as `new URL(url, base).href` does.
pub fn resolve_url(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base).ok().map(|u| u.href())
}

/// A warning for the operator, in the browser console.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&format!("[news-portal] {message}").into());
}

/// An error for the operator, in the browser console.
pub fn error(message: &str) {
    web_sys::console::error_1(&format!("[news-portal] {message}").into());
}

/// The reader's clock, in seconds since the Unix epoch.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Ends the current task: what the browser has waiting (input, a paint) runs before the caller
/// goes on.
pub async fn yield_now() {
    sleep_ms(0).await;
}

/// Waits `ms` milliseconds (a browser timer).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The address readers share and search engines index for the page on screen: `site_url` (the
/// URL the page was prerendered for; else the page's origin) and the path in its one canonical
/// form (`model::head::canonical_path`), or, with hash routing, the page's address with the route
/// in the fragment.
pub fn canonical_address(site_url: Option<&str>, base: &str) -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    if loc.hash().unwrap_or_default().starts_with("#/") {
        return page_address();
    }
    let origin = site_url.map_or_else(|| loc.origin().unwrap_or_default(), str::to_string);
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{}", crate::model::head::canonical_path(&path, base))
}

/// The origin of the page on screen (`location.origin`).
pub fn page_origin() -> Option<String> {
    web_sys::window().and_then(|w| w.location().origin().ok())
}

/// The address of the page on screen: origin, path and (hash routing) the route in the fragment;
/// no query, no other fragment.
pub fn page_address() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let hash = loc.hash().unwrap_or_default();
    let route = if hash.starts_with("#/") { hash.as_str() } else { "" };
    format!("{}{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default(), route)
}

/// `localStorage`, where the browser lets the page have it (reading it throws where storage is
/// blocked).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// A User Timing mark (read by the benchmark, scripts/bench.sh; costs nothing when nobody reads it).
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
