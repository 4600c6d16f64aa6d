//! `/tin-tuc/{slug}`: one article with its attachments and related news. The text renders as
//! soon as the article itself is known; related news and the view counter load on their own.

use crate::api::http::Abort;
use crate::api::{live_stats, source, ApiError};
use crate::app::{use_portal, Portal};
use crate::components::{
    article_body::ArticleBody, attachment_list::AttachmentList, error_view::ErrorView, loading::Loading,
    page_heading::PageHeading, related_news::RelatedNews,
};
use crate::config::Source;
use crate::model::{date, format::group_thousands, Article};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let portal = use_portal();
    let params = use_params_map();
    // The request of the article on screen; aborted when the reader moves on.
    let in_flight = StoredValue::new_local(None::<Abort>);
    on_cleanup(move || in_flight.with_value(|a| if let Some(a) = a { a.abort() }));
    let article = {
        let portal = portal.clone();
        LocalResource::new(move || {
            let key = params.read().get("slug").unwrap_or_default();
            let abort = Abort::new();
            in_flight.update_value(|slot| {
                if let Some(previous) = slot.replace(abort.clone()) {
                    previous.abort();
                }
            });
            load(portal.clone(), key, abort)
        })
    };
    let retry = Callback::new(move |_| {
        portal.feed.refetch();
        article.refetch();
    });
    let home = use_portal().home_href();
    move || match article.get() {
        None => view! { <Loading lines=10/> }.into_any(),
        Some(Err(error)) if error.is_not_found() => {
            view! { <ErrorView error home_href=home.clone()/> }.into_any()
        }
        Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
        Some(Ok(a)) => view! {
            <ArticleView article=(*a).clone()/>
            <RelatedNews current=(*a).clone()/>
        }
        .into_any(),
    }
}

async fn load(portal: Portal, key: String, abort: Abort) -> Result<Arc<Article>, ApiError> {
    let offset = portal.config.utc_offset_minutes;
    match &portal.config.source {
        // The API and WordPress answer one item: the article does not wait for any list.
        Source::Api(_) | Source::WordPress(_) => {
            source::article(&portal.config.source, &key, offset, Some(&abort)).await.map(Arc::new)
        }
        Source::Feed(_) => {
            let feed = portal.feed.await?;
            feed.articles.iter().find(|a| a.slug == key).cloned().map(Arc::new).ok_or(ApiError::NotFound)
        }
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    let base_url = article.url.clone().unwrap_or_else(|| portal.source_url().to_string());
    let views = RwSignal::new(article.views);
    if let Source::Api(api) = &portal.config.source {
        let (api, key) = (api.clone(), article.slug.clone());
        leptos::task::spawn_local(async move {
            if let Some(n) = live_stats::count_view(&api, &key).await {
                views.set(Some(n));
            }
        });
    }
    let when = article.date().map(|ts| {
        view! { <time class="np-article__date" datetime=date::iso_utc(ts)>{date::format_date(ts, offset)}</time> }
    });
    let authors = (!article.authors.is_empty()).then(|| {
        let names = article.authors.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join(", ");
        view! { <p class="np-article__author">{names}</p> }
    });
    view! {
        <article class="np-article">
            <PageHeading text=article.display_title(offset)/>
            <p class="np-article__meta">
                {when}
                {move || views.get().map(|v| view! {
                    <span class="np-article__views">
                        <svg class="np-article__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <path d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-7a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"/>
                        </svg>
                        <span class="np-visually-hidden">"Lượt xem: "</span>
                        {group_thousands(v)}
                    </span>
                })}
            </p>
            <ArticleBody article=article.clone() base_url/>
            {authors}
            <AttachmentList attachments=article.attachments.clone()/>
        </article>
    }
}
