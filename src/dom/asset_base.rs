//! Where the app's own assets are served from: the directory of `embed.js`, the glue JS and the
//! wasm, wherever the host put them (a sub-path, another host, a CDN).

use wasm_bindgen::prelude::*;

// wasm-bindgen emits this as `snippets/<crate>-<hash>/inline0.js` next to the glue JS and the
// wasm; `import.meta.url` of the snippet therefore locates the assets.
#[wasm_bindgen(inline_js = "export function snippet_url() { return import.meta.url; }")]
extern "C" {
    fn snippet_url() -> String;
}

/// The URL of the directory holding the app's JS and wasm, ending in '/'.
pub fn asset_base() -> String {
    dir_above_snippets(&snippet_url())
}

/// "https://cdn/x/np/snippets/crate-1a2b/inline0.js" → "https://cdn/x/np/". The cut is made at the
/// last "/snippets/" so a query string or a deeper layout in a later wasm-bindgen still works.
fn dir_above_snippets(url: &str) -> String {
    if let Some(at) = url.rfind("/snippets/") {
        return url[..=at].to_string();
    }
    web_sys::Url::new_with_base("../../", url).map(|u| u.href()).unwrap_or_else(|_| url.to_string())
}
