//! Reading tools above the article: text size (A−, A, A+) remembered for the reader, and print.
//!
//! The size buttons update the DOM directly from one click handler (the article's custom property
//! and the buttons' ARIA states) rather than through signals and render effects: the same
//! behaviour for about a quarter of the wasm.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The article text size steps, in rem; [`DEFAULT_STEP`] is the portal's normal size. Kept as
/// text, so no float formatting or parsing code is needed.
pub const STEPS: [&str; 6] = ["0.875", "0.9375", "1.0625", "1.1875", "1.3125", "1.5"];
pub const DEFAULT_STEP: usize = 2;
const LAST_STEP: usize = STEPS.len() - 1;
/// localStorage key holding the chosen size in rem.
pub const STORAGE_KEY: &str = "np-font-scale";
/// The custom property the article text reads (style/_article.scss).
pub const FONT_PROPERTY: &str = "--np-article-font";

/// The reader's saved step, or the default (also when storage is unavailable or holds junk).
pub fn saved_step() -> usize {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    stored.and_then(|v| STEPS.iter().position(|s| *s == v.trim().trim_end_matches("rem"))).unwrap_or(DEFAULT_STEP)
}

fn save_step(step: usize) {
    if let Some(s) = storage() {
        // Quota or privacy errors only mean the choice is not remembered.
        let _ = if step == DEFAULT_STEP { s.remove_item(STORAGE_KEY) } else { s.set_item(STORAGE_KEY, STEPS[step]) };
    }
}

fn storage() -> Option<web_sys::Storage> {
    crate::platform::local_storage()
}

/// Shows `step`: the size on the enclosing `.np-article`, and the buttons' states.
fn apply(bar: &Element, step: usize) {
    if let Some(article) = bar.closest(".np-article").ok().flatten().and_then(|a| a.dyn_into::<HtmlElement>().ok()) {
        let _ = article.style().set_property(FONT_PROPERTY, &format!("{}rem", STEPS[step]));
    }
    let Ok(buttons) = bar.query_selector_all("[data-step]") else { return };
    for i in 0..buttons.length() {
        let Some(b) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let (attr, on) = match b.get_attribute("data-step").as_deref() {
            Some("-") => ("aria-disabled", step == 0),
            Some("+") => ("aria-disabled", step == LAST_STEP),
            _ => ("aria-pressed", step == DEFAULT_STEP),
        };
        let _ = b.set_attribute(attr, if on { "true" } else { "false" });
    }
}

/// The tool bar. `print`: offer the print button (not in a widget, where it would print the
/// host's page).
#[component]
pub fn ArticleTools(#[prop(default = true)] print: bool) -> impl IntoView {
    let bar = NodeRef::<Div>::new();
    let step = StoredValue::new(saved_step());
    Effect::new(move |_| {
        if let Some(el) = bar.get() {
            apply(&el, step.get_value());
        }
    });
    // One handler for the three buttons; aria-disabled rather than disabled, so a button keeps
    // focus at the end of the range.
    let on_size = move |ev: web_sys::MouseEvent| {
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        let button = target.and_then(|t| t.closest("[data-step]").ok().flatten());
        let (Some(button), Some(bar)) = (button, bar.get_untracked()) else { return };
        let now = step.get_value();
        let next = match button.get_attribute("data-step").as_deref() {
            Some("-") => now.saturating_sub(1),
            Some("+") => (now + 1).min(LAST_STEP),
            _ => DEFAULT_STEP,
        };
        if next != now {
            step.set_value(next);
            apply(&bar, next);
            save_step(next);
        }
    };
    // The states the first render shows (apply() keeps them after), so that a prerendered page,
    // where no effect runs, already marks the normal size.
    let initial = step.get_value();
    let flag = |on: bool| if on { "true" } else { "false" };
    let print_page = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="np-tools" node_ref=bar>
            <div class="np-tools__size" role="group" aria-label="Cỡ chữ" on:click=on_size>
                <button type="button" class="np-tools__button" data-step="-" aria-disabled=flag(initial == 0) aria-label="Giảm cỡ chữ" title="Giảm cỡ chữ">
                    "A−"
                </button>
                <button type="button" class="np-tools__button" data-step="0" aria-pressed=flag(initial == DEFAULT_STEP) aria-label="Cỡ chữ mặc định" title="Cỡ chữ mặc định">
                    "A"
                </button>
                <button type="button" class="np-tools__button" data-step="+" aria-disabled=flag(initial == LAST_STEP) aria-label="Tăng cỡ chữ" title="Tăng cỡ chữ">
                    "A+"
                </button>
            </div>
            {print.then(|| view! {
                <button type="button" class="np-tools__button np-tools__print" on:click=print_page>
                    <svg class="np-tools__icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M6 2h12v5H6zM4 8h16a2 2 0 0 1 2 2v7h-4v5H6v-5H2v-7a2 2 0 0 1 2-2zm4 8v4h8v-4zm10-5a1 1 0 1 0 0 2 1 1 0 0 0 0-2z"/>
                    </svg>
                    "In bài viết"
                </button>
            })}
        </div>
    }
}
