//! "Tin khác": the articles published just before and after this one, newest first. Taken from the
//! first page of the list (`portal.feed`, the whole feed in feed mode); loads on its own so the
//! article text never waits for it.

use crate::components::news_links::{Link, NewsLinks};
use crate::components::related_news::RELATED_LIMIT;
use crate::context::use_mount_context;
use crate::model::{
    related::{newest_first, related},
    Article,
};
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
    let portal = use_mount_context();
    let offset = portal.config.utc_offset_minutes;
    // The list the home page shows is already loaded (or loading): read it, no request of our own.
    let links = Signal::derive(move || {
        let feed = portal.feed.get()?;
        Some(
            feed.map(|f| {
                around(&f.articles, &current, OTHER_LIMIT)
                    .into_iter()
                    .map(|a| Link {
                        href: portal.article_href(&a.slug),
                        title: a.display_title(offset),
                        when: a.date(),
                    })
                    .collect()
            })
            .map_err(|_| ()),
        )
    });
    view! { <NewsLinks title="Tin khác" noun="tin khác" class="np-related np-other" links/> }
}
