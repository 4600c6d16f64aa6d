//! The articles saved on the reader's device, offered when the one asked for is not saved.

use crate::app::use_portal;
use crate::dom::offline;
use leptos::prelude::*;

#[component]
pub fn SavedArticles(#[prop(into)] except: String) -> impl IntoView {
    let portal = use_portal();
    let saved: Vec<_> = offline::read_list().into_iter().filter(|e| e.slug != except).collect();
    let home = portal.home_href();
    let list = if saved.is_empty() {
        view! { <p class="np-saved__empty">"Chưa có bài viết nào được lưu trên máy này."</p> }.into_any()
    } else {
        view! {
            <ul class="np-saved__list">
                {saved
                    .into_iter()
                    .map(|e| view! { <li class="np-saved__item"><a href=portal.article_href(&e.slug)>{e.title}</a></li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="np-saved" aria-labelledby="np-saved-title">
            <h2 class="np-saved__title" id="np-saved-title">"Bài viết đã lưu trên máy"</h2>
            {list}
            <p><a class="np-saved__home" href=home>"Về trang chủ"</a></p>
        </section>
    }
}
