//! The prerender's side of [`crate::platform`]: the `url` crate, stderr, the build machine's
//! clock, and the address of the page being written.

use std::cell::RefCell;

thread_local! {
    /// The absolute address of the page being prerendered (set by `prerender`).
    static PRERENDER_ADDRESS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The native build writes pages for the prerender (and the portal server's publish), where
/// no script of the page has run yet.
pub const PRERENDER: bool = true;

/// `url` resolved against `base` (an absolute URL), as `new URL(url, base).href` does.
pub fn resolve_url(url: &str, base: &str) -> Option<String> {
    url::Url::parse(base).and_then(|b| b.join(url)).ok().map(String::from)
}

/// A warning for the operator, on stderr.
pub fn warn(message: &str) {
    eprintln!("[news-portal] {message}");
}

/// An error for the operator, on stderr.
pub fn error(message: &str) {
    eprintln!("[news-portal] {message}");
}

/// The build machine's clock, in seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Returns at once: the prerender has no reader to give the turn to.
pub async fn yield_now() {}

/// Returns at once: the prerender never waits.
pub async fn sleep_ms(_ms: i32) {}

/// Sets the address [`page_address`] reports while the prerender renders one page.
pub fn set_prerender_address(address: &str) {
    PRERENDER_ADDRESS.with(|a| *a.borrow_mut() = address.to_string());
}

/// The prerender renders every page at its canonical address (`prerender::site`).
pub fn canonical_address(_site_url: Option<&str>, _base: &str) -> String {
    page_address()
}

/// None: the prerender's addresses are already under the site URL it writes for.
pub fn page_origin() -> Option<String> {
    None
}

/// The address of the page being prerendered.
pub fn page_address() -> String {
    PRERENDER_ADDRESS.with(|a| a.borrow().clone())
}

/// The prerender has no storage.
pub fn local_storage() -> Option<web_sys::Storage> {
    None
}

/// No timeline to mark in the prerender.
pub fn mark(_name: &str) {}
