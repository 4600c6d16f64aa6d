//! Per-page `<head>` tags in app mode: the list of `model::head::tags`, the one the prerender
//! writes into its files, put into the live document.
//!
//! DOM calls rather than leptos_meta, because the app shares `<head>` with a host page: leptos_meta
//! adds its own `<meta name="description">` beside the host's (two descriptions) and cannot give
//! the host's tag its value back. Here every element the app adds or changes carries
//! `data-np-head`; a tag the host page already had keeps its original value in
//! `data-np-head-default` and gets it back when the page that changed it goes away.
//!
//! Only routes of the full app call this: the widget mounts never touch `<head>`.
//!
//! The browser writes the tags into the document (`browser.rs`); the prerender keeps them for the
//! file it writes (`native.rs`).

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::{clear, set};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{clear, set, take_collected};

pub use crate::model::head::PageMeta;

/// The address of the page on screen (see [`crate::platform::page_address`]).
pub fn page_address() -> String {
    crate::platform::page_address()
}
