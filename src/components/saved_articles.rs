//! The articles saved on the reader's device, offered when the one asked for is not saved: only those
//! whose page the offline worker really holds (an article read before the worker kept it, or evicted
//! since, would lead to the same "not saved" page).

use crate::context::use_mount_context;
use crate::dom::offline;
use crate::model::saved::ReadEntry;
use leptos::prelude::*;

#[component]
pub fn SavedArticles(#[prop(into)] except: String) -> impl IntoView {
    let portal = use_mount_context();
    let opened: Vec<_> = offline::read_list().into_iter().filter(|e| e.slug != except).collect();
    let saved = RwSignal::new(None::<Vec<(ReadEntry, String)>>);
    {
        let portal = portal.clone();
        leptos::task::spawn_local(async move {
            let mut kept = Vec::new();
            for entry in opened {
                let href = portal.article_href(&entry.slug);
                if offline::is_saved(&href).await {
                    kept.push((entry, href));
                }
            }
            saved.set(Some(kept));
        });
    }
    let home = portal.home_href();
    let list = move || match saved.get() {
        // Asked of the worker's caches: a moment, no placeholder.
        None => None,
        Some(list) if list.is_empty() => {
            Some(view! { <p class="np-saved__empty">"Chưa có bài viết nào được lưu trên máy này."</p> }.into_any())
        }
        Some(list) => Some(
            view! {
                <ul class="np-saved__list">
                    {list
                        .into_iter()
                        .map(|(e, href)| view! { <li class="np-saved__item"><a href=href>{e.title}</a></li> })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        ),
    };
    view! {
        <section class="np-saved" aria-labelledby="np-saved-title">
            <h2 class="np-saved__title" id="np-saved-title">"Bài viết đã lưu trên máy"</h2>
            {list}
            <p><a class="np-saved__home" href=home>"Về trang chủ"</a></p>
        </section>
    }
}
