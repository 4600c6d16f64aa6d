//! `data-news-portal="latest"`: the newest `data-limit` articles (default 5) as a compact list of
//! links to the app's article pages.
//!
//! The pieces below ([`LatestFrame`], [`LatestStatus`], [`LatestList`], [`LatestItem`]) and [`rows`]
//! are also what the widget script of widget-only pages is made of (README, "Widget-only pages"):
//! `prerender --widget-kit` renders the pieces natively with placeholder values, and
//! `prerender --widget-vectors` gives [`rows`] of hostile feeds for the script's test.

use crate::config::Config;
use crate::context::{article_href, use_mount_context, MountContext};
use crate::model::{date, related::newest_first_as_of, Feed};
use leptos::prelude::*;

/// The status line while the list loads.
pub const LOADING: &str = "Đang tải…";
/// The status line of a source without articles.
pub const EMPTY: &str = "Chưa có tin bài.";

/// One line of the list: the link, its text and the date (`<time datetime>` value, shown text).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub href: String,
    pub title: String,
    pub when: Option<(String, String)>,
}

/// What the widget lists for `feed` at `now` (seconds): the newest first as of now, at most
/// `config.limit`.
pub fn rows(feed: &Feed, config: &Config, now: i64) -> Vec<Row> {
    let offset = config.utc_offset_minutes;
    newest_first_as_of(feed.articles.iter().map(|a| a.date()), now)
        .into_iter()
        .take(config.limit)
        .map(|i| {
            let a = &feed.articles[i];
            Row {
                href: article_href(config, &a.slug),
                title: a.display_title(offset),
                when: a.date().map(|ts| (date::iso_utc(ts), date::format_date(ts, offset))),
            }
        })
        .collect()
}

#[component]
pub fn LatestWidget(config: Config) -> impl IntoView {
    provide_context(MountContext::new(config));
    let portal = use_mount_context();
    let items = move || match portal.feed.get() {
        None => view! { <LatestStatus message=LOADING.to_string() live=true/> }.into_any(),
        Some(Err(e)) => view! { <LatestStatus message=e.message()/> }.into_any(),
        Some(Ok(feed)) if feed.articles.is_empty() => view! { <LatestStatus message=EMPTY.to_string()/> }.into_any(),
        Some(Ok(feed)) => {
            let rows = rows(&feed, &portal.config, crate::platform::now());
            view! {
                <LatestList>
                    {rows
                        .into_iter()
                        .map(|r| view! { <LatestItem href=r.href title=r.title when=r.when/> })
                        .collect_view()}
                </LatestList>
            }
            .into_any()
        }
    };
    view! { <LatestFrame>{items}</LatestFrame> }
}

/// The widget's frame: its heading, then `children` (a status line or the list).
#[component]
pub fn LatestFrame(children: Children) -> impl IntoView {
    view! {
        <div class="np-app np-app--widget">
            <section class="np-latest" aria-label="Tin mới nhất">
                <h2 class="np-latest__title">"Tin mới nhất"</h2>
                {children()}
            </section>
        </div>
    }
}

/// A status line in place of the list: loading (`live`: announced), empty, or the error.
#[component]
pub fn LatestStatus(message: String, #[prop(optional)] live: bool) -> impl IntoView {
    view! { <p class="np-latest__status" role=live.then_some("status")>{message}</p> }
}

#[component]
pub fn LatestList(children: Children) -> impl IntoView {
    view! { <ul class="np-latest__list">{children()}</ul> }
}

/// One article: its link, and its date when it has one (`when`: `datetime` value, shown text).
#[component]
pub fn LatestItem(href: String, title: String, when: Option<(String, String)>) -> impl IntoView {
    let when = when.map(|(iso, shown)| view! { <time class="np-latest__date" datetime=iso>{shown}</time> });
    view! {
        <li class="np-latest__item">
            <a class="np-latest__link" href=href>{title}</a>
            {when}
        </li>
    }
}
