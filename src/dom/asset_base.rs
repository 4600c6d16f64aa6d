//! Where the app's own assets are served from.

use wasm_bindgen::prelude::*;

// wasm-bindgen emits this as `snippets/<crate>-<hash>/inline0.js`, two directories below the
// glue JS and the wasm; `import.meta.url` of the snippet therefore locates the assets.
#[wasm_bindgen(inline_js = "export function snippet_url() { return import.meta.url; }")]
extern "C" {
    fn snippet_url() -> String;
}

/// The URL of the directory holding the app's JS and wasm, ending in '/'.
pub fn asset_base() -> String {
    let here = snippet_url();
    web_sys::Url::new_with_base("../../", &here)
        .map(|u| u.href())
        .unwrap_or_else(|_| here)
}
