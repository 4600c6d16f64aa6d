//! "Tin khác": the articles published just before and after this one, newest first. Taken from the
//! first page of the list (`portal.feed`, the whole feed in feed mode); loads on its own so the
//! article text never waits for it.

use crate::app::use_portal;
use crate::components::related_news::RELATED_LIMIT;
use crate::model::{date, related::{newest_first, related}, Article};
use leptos::either::Either;
use leptos::prelude::*;

pub const OTHER_LIMIT: usize = 5;
/// How many of the [`OTHER_LIMIT`] places go to newer articles when there are older ones to fill
/// the rest.
const NEWER: usize = 2;

/// Up to `limit` other articles around `current` in date order (a couple newer, the rest older),
/// newest first; the newest ones when `current` has no date. Never `current` itself, nor what
/// "Tin liên quan" lists from the same articles.
pub fn around<'a>(articles: &'a [Article], current: &Article, limit: usize) -> Vec<&'a Article> {
    let shown = related(articles, current, RELATED_LIMIT);
    let others: Vec<&Article> = newest_first(articles)
        .into_iter()
        .map(|i| &articles[i])
        .filter(|a| a.slug != current.slug && a.id != current.id && !shown.iter().any(|r| r.slug == a.slug))
        .collect();
    let start = match current.date() {
        Some(when) => {
            let newer = others.iter().take_while(|a| a.date().is_some_and(|d| d > when)).count();
            newer.saturating_sub(NEWER).min(others.len().saturating_sub(limit))
        }
        None => 0,
    };
    others.into_iter().skip(start).take(limit).collect()
}

#[component]
pub fn OtherNews(current: Article) -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    // The list the home page shows is already loaded (or loading): read it, no request of our own.
    let links = move || {
        let feed = portal.feed.get()?;
        Some(feed.map(|f| {
            around(&f.articles, &current, OTHER_LIMIT)
                .into_iter()
                .map(|a| (portal.article_href(&a.slug), a.display_title(offset), a.date()))
                .collect::<Vec<_>>()
        }))
    };
    view! {
        <section class="np-related np-other" aria-label="Tin khác">
            <h2 class="np-related__title">"Tin khác"</h2>
            {move || match links() {
                Some(Ok(items)) if !items.is_empty() => Either::Left(view! {
                    <ul class="np-related__list">
                        {items
                            .into_iter()
                            .map(|(href, title, when)| view! {
                                <li class="np-related__item">
                                    <a href=href>{title}</a>
                                    {when.map(|ts| view! {
                                        " "<time class="np-related__date" datetime=date::iso_utc(ts)>"("{date::format_date(ts, offset)}")"</time>
                                    })}
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }),
                state => Either::Right(view! {
                    <p class="np-related__empty">
                        {match state {
                            None => "Đang tải…",
                            Some(Err(_)) => "Không tải được tin khác.",
                            Some(Ok(_)) => "Chưa có tin khác.",
                        }}
                    </p>
                }),
            }}
        </section>
    }
}
