//! "Tin liên quan": other articles of the same category or sharing a tag, newest first. Loads on
//! its own so the article text never waits for it.

use crate::api::http::RequestScope;
use crate::api::portal as portal_api;
use crate::app::use_portal;
use crate::config::Source;
use crate::model::{date, related::related, Article};
use crate::components::load::Load;
use leptos::prelude::*;

pub const RELATED_LIMIT: usize = 5;

#[derive(Clone)]
struct Link {
    href: String,
    title: String,
    when: Option<i64>,
}

#[component]
pub fn RelatedNews(current: Article) -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    let links = {
        let portal = portal.clone();
        let requests = RequestScope::new();
        Load::new(move || {
            let (portal, current, abort) = (portal.clone(), current.clone(), requests.next());
            async move {
                let to_links = |list: &[Article]| -> Vec<Link> {
                    related(list, &current, RELATED_LIMIT)
                        .into_iter()
                        .map(|a| Link { href: portal.article_href(&a.slug), title: a.display_title(offset), when: a.date() })
                        .collect()
                };
                match (&portal.config.source, current.section()) {
                    (Source::Api(api), Some(section)) => {
                        portal_api::list(api, 1, Some(section), None, offset, Some(&abort))
                            .await
                            .map(|page| to_links(&page.articles))
                    }
                    _ => portal.feed.await.map(|f| to_links(&f.articles)),
                }
            }
        })
    };
    view! {
        <section class="np-related" aria-label="Tin liên quan">
            <h2 class="np-related__title">"Tin liên quan"</h2>
            {move || match links.get() {
                None => view! { <p class="np-related__empty">"Đang tải…"</p> }.into_any(),
                Some(Err(_)) => view! { <p class="np-related__empty">"Không tải được tin liên quan."</p> }.into_any(),
                Some(Ok(items)) if items.is_empty() => {
                    view! { <p class="np-related__empty">"Chưa có tin liên quan."</p> }.into_any()
                }
                Some(Ok(items)) => view! {
                    <ul class="np-related__list">
                        {items
                            .into_iter()
                            .map(|l| view! {
                                <li class="np-related__item">
                                    <a href=l.href>{l.title}</a>
                                    {l.when.map(|ts| view! {
                                        " "<time class="np-related__date" datetime=date::iso_utc(ts)>"("{date::format_date(ts, offset)}")"</time>
                                    })}
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
