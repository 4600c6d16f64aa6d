//! The few things the views need from their surroundings that differ between the browser and
//! the native prerender: resolving URLs, logging, and the page's own address. Everything else a
//! view touches is either pure or runs only in the browser (effects and event handlers, which the
//! native renderer never runs).

use std::cell::RefCell;

/// `url` resolved against `base` (an absolute URL), as `new URL(url, base).href` does.
pub fn resolve_url(url: &str, base: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::Url::new_with_base(url, base).ok().map(|u| u.href())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        url::Url::parse(base).and_then(|b| b.join(url)).ok().map(String::from)
    }
}

/// A warning for the operator: the browser console, or stderr when prerendering.
pub fn warn(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(&format!("[news-portal] {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("[news-portal] {message}");
}

/// An error for the operator, as [`warn`].
pub fn error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&format!("[news-portal] {message}").into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("[news-portal] {message}");
}

/// The reader's clock (the build machine's when prerendering), in seconds since the Unix epoch.
pub fn now() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    }
}

/// Ends the current task: what the browser has waiting (input, a paint) runs before the caller
/// goes on. Natively (the prerender) it returns at once.
pub async fn yield_now() {
    #[cfg(target_arch = "wasm32")]
    sleep_ms(0).await;
}

/// Waits `ms` milliseconds (a browser timer; the prerender never waits).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

thread_local! {
    /// The absolute address of the page being prerendered (set by `prerender`).
    static PRERENDER_ADDRESS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Sets the address [`page_address`] reports while the prerender renders one page.
pub fn set_prerender_address(address: &str) {
    PRERENDER_ADDRESS.with(|a| *a.borrow_mut() = address.to_string());
}

/// The address readers share and search engines index for the page on screen: `site_url` (the
/// URL the page was prerendered for; else the page's origin) and the path in its one canonical
/// form (`model::head::canonical_path`), or, with hash routing, the page's address with the route
/// in the fragment. The prerender writes the same: the address of the page it renders.
#[cfg(target_arch = "wasm32")]
pub fn canonical_address(site_url: Option<&str>, base: &str) -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    if loc.hash().unwrap_or_default().starts_with("#/") {
        return page_address();
    }
    let origin = site_url.map_or_else(|| loc.origin().unwrap_or_default(), str::to_string);
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{}", crate::model::head::canonical_path(&path, base))
}

/// The prerender renders every page at its canonical address (`prerender::site`).
#[cfg(not(target_arch = "wasm32"))]
pub fn canonical_address(_site_url: Option<&str>, _base: &str) -> String {
    page_address()
}

/// The origin of the page on screen (`location.origin`); none in the prerender, whose addresses
/// are already under the site URL it writes for.
#[cfg(target_arch = "wasm32")]
pub fn page_origin() -> Option<String> {
    web_sys::window().and_then(|w| w.location().origin().ok())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn page_origin() -> Option<String> {
    None
}

/// The address of the page on screen: origin, path and (hash routing) the route in the fragment;
/// no query, no other fragment. What relative URLs on the page resolve against.
pub fn page_address() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
        let hash = loc.hash().unwrap_or_default();
        let route = if hash.starts_with("#/") { hash.as_str() } else { "" };
        format!("{}{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default(), route)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        PRERENDER_ADDRESS.with(|a| a.borrow().clone())
    }
}
