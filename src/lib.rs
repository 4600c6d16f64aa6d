//! Minh Long district portal front-end.
//!
//! The views compile for the browser (wasm32, Leptos `csr`) and natively (Leptos `ssr`), where
//! the `prerender` binary renders every page to HTML. `model` is pure Rust; what only the browser
//! can do is reached through `platform`, effects and event handlers, which never run natively.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod context;
pub mod dom;
pub mod load;
pub mod model;
#[cfg(target_arch = "wasm32")]
pub mod mount;
pub mod platform;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod routes;
pub mod routing;
#[cfg(target_arch = "wasm32")]
pub mod takeover;
pub mod widgets;
