//! Placeholder blocks while data loads; announced once as busy, not read out block by block.

use leptos::prelude::*;

#[component]
pub fn Loading(#[prop(default = 4)] lines: usize) -> impl IntoView {
    view! {
        <div class="np-loading" aria-busy="true">
            <p class="np-visually-hidden" role="status">"Đang tải…"</p>
            {(0..lines).map(|_| view! { <div class="np-loading__line" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}
