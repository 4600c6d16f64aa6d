//! The few things the views need from their surroundings that differ between the browser and
//! the native prerender: resolving URLs, logging, the clock, giving the turn to the browser, and
//! the page's own address. Each side is written whole in its own file (`browser.rs`,
//! `native.rs`) with the same functions; everything else a view touches is either pure or runs
//! only in the browser (effects and event handlers, which the native renderer never runs).
//!
//! - `resolve_url(url, base)`: `url` resolved against the absolute `base`, as `new URL(url, base)`.
//! - `warn` / `error`: a message for the operator (the console, or stderr when prerendering).
//! - `now()`: the reader's clock (the build machine's), in seconds since the Unix epoch.
//! - `yield_now()` / `sleep_ms(ms)`: a browser timer; the prerender returns at once.
//! - `canonical_address(site_url, base)`: the address readers share and search engines index for
//!   the page on screen; the prerender writes the same, the address of the page it renders.
//! - `PRERENDER`: whether the page is being written by the prerender, for the few views that
//!   write something only into the served HTML (its `<noscript>` note, a plain link in place of a
//!   button that needs the app).
//! - `mark(name)`: a User Timing mark for the benchmark; nothing in the prerender.
//! - `local_storage()`: `localStorage` where the browser allows it; none in the prerender.
//! - `page_origin()`: `location.origin`; none in the prerender.
//! - `page_address()`: origin, path and (hash routing) the route in the fragment: what relative
//!   URLs on the page resolve against. The prerender's is set per page (`set_prerender_address`).

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::*;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
