//! Start-up: every element with `data-news-portal` gets the view its value asks for.

use crate::api::ApiError;
use crate::app::{App, CounterOnly};
use crate::components::error_view::ErrorView;
use crate::config::{Config, Mode};
use crate::dom::asset_base::asset_base;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

const MOUNTED: &str = "data-news-portal-mounted";

pub fn mount_all() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(nodes) = doc.query_selector_all("[data-news-portal]") else { return };
    let base = asset_base();
    for i in 0..nodes.length() {
        let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { continue };
        if el.has_attribute(MOUNTED) {
            continue;
        }
        let _ = el.set_attribute(MOUNTED, "");
        // The static placeholder ("Đang tải…") makes way for the app.
        el.set_text_content(None);
        match Config::from_element(&el, &base) {
            Ok(config) => match config.mode {
                Mode::App => mount_to(el, move || view! { <App config=config/> }).forget(),
                Mode::Counter => mount_to(el, move || view! { <CounterOnly config=config/> }).forget(),
            },
            Err(why) => {
                web_sys::console::error_1(&format!("[news-portal] {why}").into());
                mount_to(el, move || view! { <ErrorView error=ApiError::Config(why)/> }).forget()
            }
        }
    }
}
