//! The app's own router: [`table`] matches the five pages, [`location`] holds the address they
//! render from, [`history`] (the path, default) or [`hash`] (`data-routing="hash"`) keeps it in
//! step with the browser, and [`hooks`] give route components their page, slug and address. Not leptos_router: it cannot route on the fragment (`data-routing="hash"`,
//! leptos-rs/leptos#2184) and two of its routers on one page fall out of step (README, "Routing modes").
//!
//! Route components read only `hooks::use_location` / `hooks::use_slug` and link with plain
//! `<a href=portal.…_href()>`; `MountContext::navigate` goes anywhere in either mode.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod hash;
#[cfg(target_arch = "wasm32")]
pub mod history;
pub mod hooks;
pub mod location;
#[cfg(not(target_arch = "wasm32"))]
mod native;
pub mod table;

// Starting the router and moving it differ between the browser and the prerender: each side is
// written whole in its own file.
#[cfg(target_arch = "wasm32")]
pub use browser::{go, start};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{go, start};

/// Where the app keeps its route (`data-routing`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Routing {
    /// In the path, under `base`: `/tin-huyen/tin-tuc/{slug}` (needs a server rewrite for deep links).
    History,
    /// In the fragment: `#/tin-tuc/{slug}`, for hosts that cannot rewrite URLs.
    Hash,
}

/// A slug as one URL path segment: unreserved characters pass, everything else (a '%' too: the
/// model's slugs are decoded, so the router's decoding gives back exactly this slug) is
/// percent-encoded. A slug can thus never add a segment, a query, a fragment or a scheme to the
/// link it goes into.
pub fn encode_segment(slug: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    percent_encoding::utf8_percent_encode(slug, SEGMENT).to_string()
}

/// `data-href` of the widget modes with an (encoded) slug:
/// - with `{slug}` in it, every `{slug}` is replaced: "/tin-huyen/tin-tuc/{slug}",
///   "/trang-tin.html#/tin-tuc/{slug}", "/tin?bai={slug}";
/// - otherwise the slug is appended, after a '/' unless it already ends in '/', '=' or '#':
///   "/tin-huyen/tin-tuc/" and "/tin-huyen/tin-tuc" both give "/tin-huyen/tin-tuc/{slug}".
///
/// The result is an ordinary href: a relative one resolves against the host page.
pub fn fill_href(template: &str, slug: &str) -> String {
    if template.contains("{slug}") {
        template.replace("{slug}", slug)
    } else if template.ends_with(['/', '=', '#']) {
        format!("{template}{slug}")
    } else {
        format!("{template}/{slug}")
    }
}
