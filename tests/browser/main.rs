//! Tier 2: components and DOM code in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod article_body;
mod components;
mod footer_and_loading;
mod load;
mod parse_speed;
mod related_news;
mod sanitizer;
mod smoke;
mod url_parser;
