//! Thin helpers over web-sys that components share.

pub mod asset_base;
pub mod head;
pub mod offline;
pub mod page;
pub mod sanitize;
pub mod search_index;
