//! One article as the article page and the single-article widget show it: loading it, its
//! placeholder and errors, the article itself (title, date, views, reading tools, text,
//! attachments, source line, share block) and, when it is the page's own, its head tags.

use crate::api::http::Abort;
use crate::api::live_stats;
use crate::api::ApiError;
use crate::components::{
    article_body::ArticleBody, article_tools::ArticleTools, attachment_list::AttachmentList, error_view::ErrorView,
    loading::Loading, other_news::OtherNews, page_heading::PageHeading, related_news::RelatedNews,
    saved_articles::SavedArticles, share_block::ShareBlock,
};
use crate::context::{use_mount_context, MountContext};
use crate::dom::head;
use crate::load::Load;
use crate::model::{date, format::group_thousands, Article};
use crate::routing::hooks::use_slug;
use leptos::prelude::*;
use std::sync::Arc;

/// The article once loaded, else its placeholder or its error (with "Thử lại", which loads the
/// feed again too). The article page and the article widget share it; only the page shows related
/// and other news (`neighbours`).
#[component]
pub(crate) fn LoadedArticle(
    article: Load<Result<Arc<Article>, ApiError>>,
    lines: usize,
    neighbours: bool,
) -> impl IntoView {
    let portal = use_mount_context();
    let home = portal.home_href();
    let retry = Callback::new(move |_| {
        portal.feed.refetch();
        article.refetch();
    });
    // Widgets have no route of their own (and never show the saved articles).
    let slug = portal.owns_page().then(use_slug);
    move || match article.get() {
        None => view! { <Loading lines/> }.into_any(),
        Some(Err(error)) if portal.owns_page() && not_saved(&error) => view! {
            <ErrorView error=ApiError::NotSaved(error.detail()) on_retry=retry>
                <SavedArticles except=slug.map(|s| s.get_untracked()).unwrap_or_default()/>
            </ErrorView>
        }
        .into_any(),
        Some(Err(error)) if error.is_not_found() => view! { <ErrorView error home_href=home.clone()/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
        Some(Ok(a)) => view! {
            <ArticleView article=(*a).clone()/>
            {neighbours.then(|| view! {
                <RelatedNews current=(*a).clone()/>
                <OtherNews current=(*a).clone()/>
            })}
        }
        .into_any(),
    }
}

/// The article could not be shown because it is not among the copies the offline worker saved: no
/// answer at all, or "not found" in a saved list older than the article.
fn not_saved(error: &ApiError) -> bool {
    crate::dom::offline::available()
        && (error.is_no_answer() || (error.is_not_found() && crate::api::freshness::saved_at().is_some()))
}

pub(crate) async fn load(portal: MountContext, key: String, abort: Abort) -> Result<Arc<Article>, ApiError> {
    let offset = portal.config.utc_offset_minutes;
    portal.config.source.article(&key, offset, portal.feed, Some(&abort)).await.map(Arc::new)
}

#[component]
pub(crate) fn ArticleView(article: Article) -> impl IntoView {
    let portal = use_mount_context();
    let offset = portal.config.utc_offset_minutes;
    let base_url = article.url.clone().unwrap_or_else(|| portal.source_url().to_string());
    let views = RwSignal::new(article.views);
    // Counted by the reader's browser only, never by the prerender.
    if let Some(api) = portal.config.counter_api() {
        live_stats::count_view_later(api.to_string(), article.slug.clone(), move |n| views.set(Some(n)));
    }
    let when = article.date().map(|ts| {
        view! { <time class="np-article__date" datetime=date::iso_utc(ts)>{date::format_date(ts, offset)}</time> }
    });
    let authors = (!article.authors.is_empty()).then(|| {
        let names = article.authors.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join(", ");
        view! { <p class="np-article__author">{names}</p> }
    });
    let owns_page = portal.owns_page();
    // The address readers share and print: this page in the app; in a widget, the article's own
    // page (data-href, else its permalink in the feed), never the host page.
    let address = if owns_page || (portal.config.href.is_none() && article.url.is_none()) {
        portal.canonical_address()
    } else if portal.config.href.is_some() {
        absolute(&portal.article_href(&article.slug))
    } else {
        article.url.clone().unwrap_or_default()
    };
    if owns_page {
        // Offered, when another article is not saved, as one to read offline.
        crate::dom::offline::remember_read(&article.slug, &article.display_title(offset));
        let (page, article, address) = (portal.clone(), article.clone(), address.clone());
        portal.set_head(move || page_meta(&page, &article, &address));
    }
    let source_line = format!("Nguồn: {} – {}", portal.site_name(), address);
    view! {
        <article class="np-article">
            <PageHeading text=article.display_title(offset)/>
            <p class="np-article__meta">
                {when}
                {move || views.get().map(|v| view! {
                    <span class="np-article__views">
                        <svg class="np-article__icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <path d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-7a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"/>
                        </svg>
                        <span class="np-visually-hidden">"Lượt xem: "</span>
                        {group_thousands(v)}
                    </span>
                })}
            </p>
            <ArticleTools print=owns_page/>
            <ArticleBody article=article.clone() base_url/>
            {authors}
            <AttachmentList attachments=article.attachments.clone()/>
            <p class="np-article__source">{source_line}</p>
            <ShareBlock url=address/>
        </article>
    }
}

/// An in-app link made absolute against the page.
fn absolute(href: &str) -> String {
    crate::platform::resolve_url(href, &head::page_address()).unwrap_or_else(|| href.to_string())
}

/// Plain text of the article for the meta description: the summary, else the start of the text.
fn description(article: &Article) -> Option<String> {
    let text = article.summary.clone().or_else(|| article.plain_text())?;
    let text = crate::model::text::collapse_whitespace(&text);
    (!text.is_empty()).then(|| crate::model::text::shorten(&text, 200).into_owned())
}

/// The head tags of an article page, with its schema.org `NewsArticle`.
fn page_meta(portal: &MountContext, article: &Article, url: &str) -> head::PageMeta {
    let offset = portal.config.utc_offset_minutes;
    let title = article.display_title(offset);
    let site_name = portal.site_name();
    let description = description(article);
    // The article's image, else its first image attachment, else the site's.
    let image = [&article.image, &article.banner_image]
        .into_iter()
        .flatten()
        .chain(article.attachments.iter().filter(|a| a.mime_type.starts_with("image/")).map(|a| &a.url))
        .map(|i| portal.public_url(portal.resolve(i)))
        .find(|i| i.starts_with("https://") || i.starts_with("http://"))
        .or_else(|| portal.site_image());
    let publisher = serde_json::json!({ "@type": "Organization", "name": site_name });
    let authors: Vec<serde_json::Value> = article
        .authors
        .iter()
        .map(|a| {
            let mut person = serde_json::json!({ "@type": "Person", "name": a.name });
            if let Some(url) = a.url.as_deref().map(|u| portal.resolve(u)) {
                person["url"] = url.into();
            }
            person
        })
        .collect();
    let published = article.date().map(date::iso_utc);
    let modified = article.modified.map(date::iso_utc).or_else(|| published.clone());
    let mut json_ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "author": if authors.is_empty() { serde_json::Value::Array(vec![publisher.clone()]) } else { authors.into() },
        "publisher": publisher,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "inLanguage": article.language.as_deref().unwrap_or("vi"),
    });
    for (key, value) in
        [("description", &description), ("datePublished", &published), ("dateModified", &modified), ("image", &image)]
    {
        if let Some(v) = value {
            json_ld[key] = v.as_str().into();
        }
    }
    head::PageMeta {
        title,
        description,
        url: url.to_string(),
        kind: "article",
        image,
        site_name,
        published,
        // "<" escaped so the text can never read as the end of its script element.
        json_ld: Some(json_ld.to_string().replace('<', "\\u003c")),
    }
}
