//! `/`: the latest news, newest first, a page at a time. "Xem thêm" shows more of what is loaded,
//! then follows the source's `next_url`.

use crate::api::{source, ApiError};
use crate::app::use_portal;
use crate::components::{article_list::ArticleList, error_view::ErrorView, loading::Loading, page_heading::PageHeading};
use crate::dom::head;
use crate::model::{Article, Feed};
use crate::api::http::RequestScope;
use leptos::prelude::*;
use std::sync::Arc;

pub const PAGE_SIZE: usize = 10;

#[component]
pub fn Home() -> impl IntoView {
    let portal = use_portal();
    let retry = Callback::new(move |_| portal.feed.refetch());
    move || match portal.feed.get() {
        None => view! { <Loading lines=8/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
        Some(Ok(feed)) => view! { <Latest first=feed/> }.into_any(),
    }
}

#[component]
fn Latest(first: Arc<Feed>) -> impl IntoView {
    let portal = use_portal();
    let requests = RequestScope::new();
    if portal.owns_page() {
        let token = head::set(&head::PageMeta {
            title: "Tin mới nhất".into(),
            description: first.description.clone(),
            url: head::page_address(),
            kind: "website",
            image: first.icon.as_deref().map(|i| portal.resolve(i)).filter(|i| i.starts_with("http")),
            site_name: portal.site_name(),
            json_ld: None,
        });
        on_cleanup(move || head::clear(token));
    }
    let pages = RwSignal::new(vec![first]);
    let shown = RwSignal::new(PAGE_SIZE);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    // (page, index) of every loaded article, newest first: only the shown ones are ever cloned
    // (a 10,000-item feed used to be copied twice to show ten).
    let articles = Memo::new(move |_| {
        pages.with(|pages| {
            let mut refs: Vec<(usize, usize)> =
                pages.iter().enumerate().flat_map(|(p, f)| (0..f.articles.len()).map(move |a| (p, a))).collect();
            refs.sort_by_key(|&(p, a)| (std::cmp::Reverse(pages[p].articles[a].date().unwrap_or(i64::MIN)), p, a));
            refs
        })
    });
    let next_url = move || pages.with(|p| p.last().and_then(|f| f.next_url.clone()));
    // After "Xem thêm", focus moves to the first new entry: the button may disappear, and the
    // reader continues where the new items start (WCAG 2.4.3).
    let list_box = NodeRef::<leptos::html::Div>::new();
    let focus_entry = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let (Some(n), Some(el)) = (focus_entry.get(), list_box.get()) else { return };
        if n >= articles.with(Vec::len).min(shown.get()) {
            return;
        }
        let selector = format!(".np-list__item:nth-child({}) a", n + 1);
        if let Ok(Some(link)) = el.query_selector(&selector) {
            if let Some(link) = crate::dom::page::html_element(&link) {
                let _ = link.focus();
            }
            focus_entry.set(None);
        }
    });
    let more = move |_| {
        let first_new = shown.get_untracked();
        if first_new < articles.with_untracked(Vec::len) {
            shown.update(|n| *n += PAGE_SIZE);
            focus_entry.set(Some(first_new));
            return;
        }
        let Some(url) = next_url() else { return };
        let cfg = portal.config.clone();
        loading.set(true);
        failed.set(None);
        let abort = requests.next();
        leptos::task::spawn_local(async move {
            match source::next_page(&cfg.source, &url, cfg.utc_offset_minutes, Some(&abort)).await {
                Ok(page) => {
                    pages.update(|p| p.push(Arc::new(page)));
                    shown.update(|n| *n += PAGE_SIZE);
                    focus_entry.set(Some(first_new));
                }
                Err(e) => failed.set(Some(e)),
            }
            loading.set(false);
        });
    };
    let has_more = move || shown.get() < articles.with(Vec::len) || next_url().is_some();
    view! {
        <section class="np-home">
            <PageHeading text="Tin mới nhất"/>
            <div node_ref=list_box>
                {move || {
                    let list: Vec<Article> = articles.with(|refs| {
                        pages.with(|p| refs.iter().take(shown.get()).map(|&(pi, ai)| p[pi].articles[ai].clone()).collect())
                    });
                    let empty = list.is_empty();
                    view! {
                        <ArticleList articles=list lead=true/>
                        {empty.then(|| view! { <p class="np-home__empty">"Chưa có tin bài."</p> })}
                    }
                }}
            </div>
            {move || failed.get().map(|e| view! { <p class="np-home__error" role="alert">{e.message()}</p> })}
            {move || {
                let more = more.clone();
                has_more().then(move || view! {
                    <button type="button" class="np-button np-home__more" on:click=more disabled=move || loading.get()>
                        {move || if loading.get() { "Đang tải…" } else { "Xem thêm" }}
                    </button>
                })
            }}
        </section>
    }
}
