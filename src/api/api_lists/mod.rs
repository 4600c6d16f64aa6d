//! The pages of each list the portal API answers itself (a section by `tag`, a search by `q`),
//! kept by the URL of their first page. The prerender keeps them (`native.rs`), so it writes a
//! section's pages `/trang/N` from one read; the browser keeps none (`browser.rs`): each view of
//! such a list reads its own pages.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub use browser::{by_first_page, clear, first_page, keep};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{by_first_page, clear, first_page, keep};
