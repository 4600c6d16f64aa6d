//! Minh Long district portal front-end.
//!
//! The views compile for the browser (wasm32, Leptos `csr`) and natively (Leptos `ssr`), where
//! the `prerender` binary renders every page to HTML. `model` is pure Rust; what only the browser
//! can do is reached through `platform` (and the other `browser.rs`/`native.rs` pairs), effects and
//! event handlers, which never run natively.
//!
//! From the top down: `mount` and `takeover` start `app` and the `widgets`, which compose the
//! views (`routes`, `components`); the views read `context` and `routing::hooks`; below them are
//! `load`, `config`, `api`, `dom`, `platform` and `model`. No module imports one above it
//! (tests/native/module_graph.rs).

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
