//! Element ids that stay unique when one page holds several mount points. The app (one per page,
//! `mount`) keeps the bare ids the host's skip link and the prerendered pages use (`noi-dung`);
//! each widget's ids get its mount number, so two article widgets' dialogs and share fields never
//! label each other.

use leptos::prelude::*;

#[derive(Clone, Debug, Default)]
pub struct IdScope(String);

impl IdScope {
    /// The scope of the `n`-th widget that one wasm module mounted on the page; `module` tells the
    /// modules apart (a page of widgets can load the app after the widgets' module: both count from 1).
    pub fn widget(module: char, n: u32) -> Self {
        IdScope(format!("-{module}{n}"))
    }
}

/// `base` made unique for the mount point this view belongs to.
pub fn scoped_id(base: &str) -> String {
    match use_context::<IdScope>() {
        Some(IdScope(suffix)) => format!("{base}{suffix}"),
        None => base.to_string(),
    }
}
