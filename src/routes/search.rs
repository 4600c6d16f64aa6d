//! `/tim-kiem?q=…`: search. The query lives in the URL (shareable; back returns to the previous
//! search). A feed is searched here, diacritics and case folded (model/search.rs), over an index
//! built once per loaded feed; the API is asked with `q=`. Matched words are wrapped in `<mark>`
//! elements built as nodes, never as HTML.

use crate::components::paged_list::{ApiList, CountLine, ItemView, Order, PagedList};
use crate::components::{error_view::ErrorView, loading::Loading, page_heading::PageHeading, search_box::SearchBox};
use crate::context::use_mount_context;
use crate::dom::search_index;
use crate::model::search::{highlight_ranges, mentions, query_words, segments, snippet};
use crate::model::{date, Article, Feed};
use crate::routing::hooks::use_location;
use leptos::prelude::*;
use std::sync::Arc;

/// Characters of article text shown around the first match when the summary has none.
const SNIPPET_CHARS: usize = 220;

#[component]
pub fn SearchPage() -> impl IntoView {
    let portal = use_mount_context();
    portal.set_head({
        let portal = portal.clone();
        move || portal.page_meta("Tìm kiếm", Some(format!("Tìm tin bài trên {}.", portal.site_name())))
    });
    let url = use_location();
    let q = Memo::new(move |_| url.with(|u| u.query("q")).map(|s| s.trim().to_string()).unwrap_or_default());
    // A new query is a new page: heading, focus and announcement anew.
    move || {
        let q = q.get();
        if q.is_empty() {
            return view! {
                <section class="np-search">
                    <PageHeading text="Tìm kiếm"/>
                    <p class="np-search__hint">"Nhập từ khóa để tìm tin bài, ví dụ: dân vận, nông thôn mới."</p>
                    <SearchBox id="np-search-q" landmark="Tìm kiếm trong trang" value=Signal::stored(String::new())/>
                </section>
            }
            .into_any();
        }
        view! { <Results q/> }.into_any()
    }
}

#[component]
fn Results(q: String) -> impl IntoView {
    let portal = use_mount_context();
    // Searching a feed waits for the feed (the results then come with the heading); the error
    // view replaces the page (it has its own heading). The API's results load under the heading,
    // which keeps the focus it took.
    let state = {
        let portal = portal.clone();
        Memo::new(move |_| match portal.config.source.list_api() {
            Some(_) => Some(true),
            None => portal.feed.get().map(|r| r.is_ok()),
        })
    };
    let retry = {
        let portal = portal.clone();
        Callback::new(move |_| portal.feed.refetch())
    };
    move || {
        match state.get() {
            None => return view! { <Loading lines=8/> }.into_any(),
            Some(false) => {
                // Tracked here, not through `state`: a retry that fails again is a new error view
                // (it ends the retry's busy state), though `state` stays the same.
                let portal = portal.clone();
                let error = move || {
                    portal
                        .feed
                        .get()
                        .and_then(Result::err)
                        .map(|error| view! { <ErrorView error on_retry=retry/> }.into_any())
                };
                return error.into_any();
            }
            Some(true) => {}
        }
        let list = match portal.config.source.list_api() {
            Some(api) => api_results(api.to_string(), q.clone()),
            None => view! { <FeedResults q=q.clone()/> }.into_any(),
        };
        let shown = q.clone();
        view! {
            <section class="np-search">
                <PageHeading text="Kết quả tìm kiếm"/>
                <SearchBox id="np-search-q" landmark="Tìm kiếm trong trang" value=Signal::stored(shown)/>
                {list}
            </section>
        }
        .into_any()
    }
}

/// Characters of the query repeated in the count line and the "no result" message: a pasted
/// 10,000-character query must not fill the screen (and the live region reading it out); the
/// search field above still holds all of it.
const QUOTED_QUERY_CHARS: usize = 80;

fn quoted(q: &str) -> String {
    format!("“{}”", crate::model::text::shorten(q, QUOTED_QUERY_CHARS))
}

fn count_line(q: &str) -> CountLine {
    let q = quoted(q);
    Arc::new(move |n, more| if more { format!("Hơn {n} kết quả cho {q}.") } else { format!("{n} kết quả cho {q}.") })
}

fn no_result(q: &str) -> String {
    format!("Không tìm thấy kết quả nào cho {}.", quoted(q))
}

/// Feed and WordPress modes: the loaded feed, searched here.
#[component]
fn FeedResults(q: String) -> impl IntoView {
    let portal = use_mount_context();
    move || match portal.feed.get() {
        None | Some(Err(_)) => view! { <Loading lines=6/> }.into_any(),
        Some(Ok(feed)) => view! { <FeedHits feed q=q.clone()/> }.into_any(),
    }
}

/// The hits of `q` in `feed`, once its index is complete (`dom::search_index`: usually built in
/// idle time before the first search; else finished now, in slices).
#[component]
fn FeedHits(feed: Arc<Feed>, q: String) -> impl IntoView {
    let index = RwSignal::new_local(search_index::ready(&feed));
    if index.get_untracked().is_none() {
        let feed = feed.clone();
        leptos::task::spawn_local(async move {
            let ready = search_index::when_ready(feed).await;
            index.try_set(Some(ready));
        });
    }
    move || {
        let Some(index) = index.get() else { return view! { <Loading lines=6/> }.into_any() };
        let hits: Arc<Vec<usize>> = Arc::new(index.search(&q));
        let order: Order = Arc::new(move |_| hits.iter().map(|&i| (0, i)).collect());
        view! {
            <PagedList
                first=feed.clone()
                order
                item=hit(&q)
                empty=no_result(&q)
                count_line=Some(count_line(&q))
                follow_next=false
            />
        }
        .into_any()
    }
}

/// API mode: `{api}/articles?q=…`, in the API's order (it ranks), then its `next_url`s.
fn api_results(api: String, q: String) -> AnyView {
    let order: Order = Arc::new(|pages| {
        pages.iter().enumerate().flat_map(|(p, f)| (0..f.articles.len()).map(move |i| (p, i))).collect()
    });
    view! {
        <ApiList api q=q.clone() order item=hit(&q) empty=no_result(&q) count_line=Some(count_line(&q))/>
    }
    .into_any()
}

/// `text` as text nodes, the matched words in `<mark>`.
fn marked(text: &str, words: &[String]) -> impl IntoView {
    segments(text, &highlight_ranges(text, words))
        .into_iter()
        .map(|(piece, hit)| {
            let piece = piece.to_string();
            if hit {
                view! { <mark class="np-search__mark">{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

/// What a result shows under its title: the summary when a word matches there (or nothing
/// matches in the text), else the passage of the text around the first match.
fn excerpt(a: &Article, words: &[String]) -> Option<String> {
    let summary = a.summary.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = summary {
        if mentions(s, words) {
            return Some(snippet(s, words, SNIPPET_CHARS * 2));
        }
    }
    let text = a.plain_text().unwrap_or_default();
    if summary.is_none() || mentions(&text, words) {
        let s = snippet(&text, words, SNIPPET_CHARS);
        return (!s.is_empty()).then_some(s);
    }
    summary.map(|s| snippet(s, words, SNIPPET_CHARS * 2))
}

fn hit(q: &str) -> ItemView {
    let words = Arc::new(query_words(q));
    Arc::new(move |a: &Article, _| {
        let portal = use_mount_context();
        let offset = portal.config.utc_offset_minutes;
        let title = a.display_title(offset);
        let when = a.date().map(|ts| {
            view! { <time class="np-teaser__date" datetime=date::iso_utc(ts)>{date::format_date(ts, offset)}</time> }
        });
        let section = a.section().map(|s| view! { <span class="np-teaser__section">{s.to_string()}</span> });
        let excerpt = excerpt(a, &words).map(|s| view! { <p class="np-teaser__summary">{marked(&s, &words)}</p> });
        view! {
            <article class="np-teaser np-search__hit">
                <h2 class="np-teaser__title"><a href=portal.article_href(&a.slug)>{marked(&title, &words)}</a></h2>
                <p class="np-teaser__meta">{when}{section}</p>
                {excerpt}
            </article>
        }
        .into_any()
    })
}
