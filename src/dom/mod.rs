//! Thin helpers over web-sys that components share.

pub mod asset_base;
pub mod page;
pub mod sanitize;
