//! The widgets' wasm (README, "Widget-only pages"): what a host page whose mount points are all
//! widgets (`counter`, `latest`, `article`) needs, without the router, the search, the offline
//! reading and the pages of the app. `embed.js` loads it instead of the app for a page the widget
//! scripts do not show whole (an article, a WordPress list) and calls `start` with its loader of the
//! app, for an `app` mount point the page holds or adds later. scripts/post-build.mjs builds it.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start(load_app: js_sys::Function) {
    console_error_panic_hook::set_once();
    minh_long_portal::mount::start_widgets(load_app);
}

#[cfg(target_arch = "wasm32")]
fn main() {
    // Started by embed.js through `start`, with its loader of the app.
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the widgets' wasm: scripts/post-build.mjs builds it with the app (see README.md).");
    std::process::exit(2);
}
