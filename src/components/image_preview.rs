//! A larger view of an image attachment in a native modal `<dialog>`: Esc, "Đóng" or a click on
//! the backdrop close it, and focus goes back to the link that opened it. The link stays a plain
//! link: a click with a modifier key, a middle click or a browser without `<dialog>` follows it.
//!
//! The dialog is filled in by the click handler itself (plain DOM updates, no signals): it opens
//! with its image at once, and the wasm stays small.

use crate::components::ids::scoped_id;
use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, MouseEvent};

/// Marks an image link: `data-preview="<name shown in the dialog>"`.
pub const PREVIEW_ATTR: &str = "data-preview";

/// What the links and the dialog share.
#[derive(Clone, Copy)]
pub struct Preview {
    dialog: NodeRef<Dialog>,
    opener: StoredValue<Option<HtmlElement>, LocalStorage>,
}

impl Default for Preview {
    fn default() -> Self {
        Preview { dialog: NodeRef::new(), opener: StoredValue::new_local(None) }
    }
}

impl Preview {
    /// Click handler for a list of links: a plain left click on an `a[data-preview]` opens the
    /// preview instead of following the link.
    pub fn on_click(self, ev: &MouseEvent) {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let link = target.and_then(|t| t.closest("a[data-preview]").ok().flatten());
        let Some(link) = link.and_then(|l| l.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else { return };
        let Some(dialog) = self.dialog.get_untracked() else { return };
        let find = |selector: &str| dialog.query_selector(selector).ok().flatten();
        let (Some(title), Some(image)) = (find(".np-preview__title"), find(".np-preview__image")) else { return };
        if dialog.open() {
            return;
        }
        let name = link.get_attribute(PREVIEW_ATTR).unwrap_or_default();
        title.set_text_content(Some(&name));
        let _ = image.set_attribute("alt", &name);
        let _ = image.set_attribute("src", &link.href());
        // Throws where `<dialog>` is not supported: the link is then followed as usual.
        if dialog.show_modal().is_ok() {
            ev.prevent_default();
            self.opener.set_value(Some(link.unchecked_into()));
        }
    }
}

#[component]
pub fn ImagePreview(preview: Preview) -> impl IntoView {
    let Preview { dialog, opener } = preview;
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let on_close = move |_| {
        if let Some(el) = opener.try_update_value(Option::take).flatten() {
            let _ = el.focus();
        }
    };
    // A click on the backdrop lands on the dialog element itself.
    let on_backdrop = move |ev: MouseEvent| {
        if ev.target().is_some_and(|t| t.has_type::<web_sys::HtmlDialogElement>()) {
            close();
        }
    };
    let title_id = scoped_id("np-preview-title");
    view! {
        <dialog class="np-preview" aria-labelledby=title_id.clone() node_ref=dialog on:close=on_close on:click=on_backdrop>
            <div class="np-preview__inner">
                <h2 class="np-preview__title" id=title_id.clone()></h2>
                <img class="np-preview__image" alt=""/>
                <p class="np-preview__actions">
                    <button type="button" class="np-button np-preview__close" on:click=move |_| close()>"Đóng"</button>
                </p>
            </div>
        </dialog>
    }
}
