//! `data-news-portal="latest"`: the newest `data-limit` articles (default 5) as a compact list of
//! links to the app's article pages.

use crate::config::Config;
use crate::context::{use_mount_context, MountContext};
use crate::model::{date, related::newest_first_as_of};
use leptos::prelude::*;

#[component]
pub fn LatestWidget(config: Config) -> impl IntoView {
    provide_context(MountContext::new(config));
    let portal = use_mount_context();
    let (limit, offset) = (portal.config.limit, portal.config.utc_offset_minutes);
    let items = move || match portal.feed.get() {
        None => view! { <p class="np-latest__status" role="status">"Đang tải…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="np-latest__status">{e.message()}</p> }.into_any(),
        Some(Ok(feed)) if feed.articles.is_empty() => {
            view! { <p class="np-latest__status">"Chưa có tin bài."</p> }.into_any()
        }
        Some(Ok(feed)) => {
            let order = newest_first_as_of(feed.articles.iter().map(|a| a.date()), crate::platform::now());
            view! {
                <ul class="np-latest__list">
                    {order
                        .into_iter()
                        .take(limit)
                        .map(|i| {
                            let a = &feed.articles[i];
                            let when = a.date().map(|ts| view! {
                                <time class="np-latest__date" datetime=date::iso_utc(ts)>{date::format_date(ts, offset)}</time>
                            });
                            view! {
                                <li class="np-latest__item">
                                    <a class="np-latest__link" href=portal.article_href(&a.slug)>{a.display_title(offset)}</a>
                                    {when}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <div class="np-app np-app--widget">
            <section class="np-latest" aria-label="Tin mới nhất">
                <h2 class="np-latest__title">"Tin mới nhất"</h2>
                {items}
            </section>
        </div>
    }
}
