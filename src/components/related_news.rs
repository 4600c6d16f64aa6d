//! "Tin liên quan": other articles of the same category or sharing a tag, newest first.

use crate::app::use_portal;
use crate::model::{date, related::related, Article};
use leptos::prelude::*;

pub const RELATED_LIMIT: usize = 5;

#[component]
pub fn RelatedNews(all: std::sync::Arc<crate::model::Feed>, current: Article) -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    let items: Vec<(String, String, Option<i64>)> = related(&all.articles, &current, RELATED_LIMIT)
        .into_iter()
        .map(|a| (portal.article_href(&a.slug), a.display_title(offset), a.date()))
        .collect();
    view! {
        <section class="np-related" aria-label="Tin liên quan">
            <h2 class="np-related__title">"Tin liên quan"</h2>
            {if items.is_empty() {
                view! { <p class="np-related__empty">"Chưa có tin liên quan."</p> }.into_any()
            } else {
                view! {
                    <ul class="np-related__list">
                        {items
                            .into_iter()
                            .map(|(href, title, when)| {
                                view! {
                                    <li class="np-related__item">
                                        <a href=href>{title}</a>
                                        {when.map(|ts| view! {
                                            " "<time class="np-related__date" datetime=date::iso_utc(ts)>"("{date::format_date(ts, offset)}")"</time>
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
