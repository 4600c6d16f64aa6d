//! "Chia sẻ": Facebook and Zalo share pages (new tab) and copying the page address, confirmed in a
//! live region. Without the Clipboard API the address is shown selected in a read-only field.

use crate::components::ids::scoped_id;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

const COPIED: &str = "Đã sao chép liên kết";
const COPY_BY_HAND: &str = "Liên kết đã được chọn: nhấn Ctrl+C (hoặc ⌘+C) để sao chép.";

/// A URL as a query value; the same on both sides, so the prerendered links are the app's.
fn encode(s: &str) -> String {
    crate::model::portal_api::encode_component(s)
}

#[component]
pub fn ShareBlock(#[prop(into)] url: String) -> impl IntoView {
    let facebook = format!("https://www.facebook.com/sharer/sharer.php?u={}", encode(&url));
    let zalo = format!("https://sp.zalo.me/share_to_zalo?url={}", encode(&url));
    // Plain DOM updates from the click handler, found from the button: no signal, render effect
    // or node reference is needed for a message and a field that change once.
    let copy = {
        let url = url.clone();
        move |ev: web_sys::MouseEvent| {
            let block = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|b| b.closest(".np-share").ok().flatten());
            let Some(block) = block else { return };
            let find = move |selector: &str| block.query_selector(selector).ok().flatten();
            let status = find(".np-share__status");
            let say = move |text: &str| {
                if let Some(p) = &status {
                    p.set_text_content(Some(text));
                }
            };
            say("");
            let (field, input) = (find(".np-share__field"), find(".np-share__url"));
            let url = url.clone();
            leptos::task::spawn_local(async move {
                if write_clipboard(&url).await {
                    return say(COPIED);
                }
                // The reader's Ctrl+C, and the old copy command, act on this selection.
                if let Some(field) = field {
                    let _ = field.remove_attribute("hidden");
                }
                if let Some(input) = input.and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    let _ = input.focus();
                    input.select();
                }
                say(if exec_copy() { COPIED } else { COPY_BY_HAND });
            });
        }
    };
    let new_tab = " (mở cửa sổ mới)";
    let (title_id, url_id) = (scoped_id("np-share-title"), scoped_id("np-share-url"));
    view! {
        <section class="np-share" aria-labelledby=title_id.clone()>
            <h2 class="np-share__title" id=title_id.clone()>"Chia sẻ"</h2>
            <ul class="np-share__list">
                <li>
                    <a class="np-share__link np-share__link--facebook" href=facebook target="_blank" rel="noopener noreferrer">
                        <span class="np-visually-hidden">"Chia sẻ lên "</span>"Facebook"<span class="np-visually-hidden">{new_tab}</span>
                    </a>
                </li>
                <li>
                    <a class="np-share__link np-share__link--zalo" href=zalo target="_blank" rel="noopener noreferrer">
                        <span class="np-visually-hidden">"Chia sẻ qua "</span>"Zalo"<span class="np-visually-hidden">{new_tab}</span>
                    </a>
                </li>
                <li>
                    <button type="button" class="np-share__link np-share__copy" on:click=copy>"Sao chép liên kết"</button>
                </li>
            </ul>
            <p class="np-share__field" hidden>
                <label for=url_id.clone()>"Liên kết bài viết"</label>
                <input id=url_id.clone() class="np-share__url" type="text" readonly value=url/>
            </p>
            <p class="np-share__status" role="status"></p>
        </section>
    }
}

/// `navigator.clipboard.writeText(text)`; false when the API is missing or refuses.
async fn write_clipboard(text: &str) -> bool {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return false };
    let api = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    if api.is_undefined() || api.is_null() {
        return false;
    }
    let clipboard: web_sys::Clipboard = api.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// The old `document.execCommand("copy")` on the current selection; false where unsupported.
fn exec_copy() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Ok(exec) = js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand")) else { return false };
    let Some(exec) = exec.dyn_ref::<js_sys::Function>() else { return false };
    exec.call1(&doc, &JsValue::from_str("copy")).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}
