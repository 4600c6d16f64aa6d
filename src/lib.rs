//! Minh Long district portal front-end.
//!
//! `model` and the address matching of `routing` are pure Rust and compile everywhere (native
//! tests); everything that touches the browser is compiled for wasm32 only.

pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod config;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod mount;
#[cfg(target_arch = "wasm32")]
pub mod routes;
pub mod routing;
#[cfg(target_arch = "wasm32")]
pub mod widgets;
