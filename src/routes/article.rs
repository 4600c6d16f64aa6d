//! `/tin-tuc/{slug}`: one article with its attachments and related news.

use crate::api::ApiError;
use crate::app::use_portal;
use crate::components::{
    article_body::ArticleBody, attachment_list::AttachmentList, error_view::ErrorView, loading::Loading,
    page_heading::PageHeading, related_news::RelatedNews,
};
use crate::model::{date, format::group_thousands, Article};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let portal = use_portal();
    let params = use_params_map();
    let retry = Callback::new(move |_| portal.feed.refetch());
    let home = portal.home_href();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        match portal.feed.get() {
            None => view! { <Loading lines=10/> }.into_any(),
            Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
            Some(Ok(feed)) => match feed.articles.iter().find(|a| a.slug == slug) {
                None => view! { <ErrorView error=ApiError::NotFound home_href=home.clone()/> }.into_any(),
                Some(article) => {
                    let article = article.clone();
                    view! {
                        <ArticleView article=article.clone()/>
                        <RelatedNews all=feed.clone() current=article/>
                    }
                    .into_any()
                }
            },
        }
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    let base_url = article.url.clone().unwrap_or_else(|| portal.source_url().to_string());
    let when = article.date().map(|ts| {
        view! { <time class="np-article__date" datetime=date::iso_utc(ts)>{date::format_date(ts, offset)}</time> }
    });
    let views = article.views.map(|v| {
        view! {
            <span class="np-article__views">
                <svg class="np-article__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-7a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"/>
                </svg>
                <span class="np-visually-hidden">"Lượt xem: "</span>
                {group_thousands(v)}
            </span>
        }
    });
    let authors = (!article.authors.is_empty()).then(|| {
        let names = article.authors.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join(", ");
        view! { <p class="np-article__author">{names}</p> }
    });
    view! {
        <article class="np-article">
            <PageHeading text=article.display_title(offset)/>
            <p class="np-article__meta">{when}{views}</p>
            <ArticleBody article=article.clone() base_url/>
            {authors}
            <AttachmentList attachments=article.attachments.clone()/>
        </article>
    }
}
