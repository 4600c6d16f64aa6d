//! A list of article teasers: linked title, date, section and summary.

use crate::app::use_portal;
use crate::model::{date, Article};
use leptos::prelude::*;

#[component]
pub fn ArticleList(articles: Vec<Article>, #[prop(default = true)] summaries: bool) -> impl IntoView {
    view! {
        <ul class="np-list">
            {articles.into_iter().map(|a| view! { <li class="np-list__item"><Teaser article=a summary=summaries/></li> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn Teaser(article: Article, #[prop(default = true)] summary: bool) -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    let href = portal.article_href(&article.slug);
    let title = article.display_title(offset);
    let when = article.date().map(|ts| {
        view! { <time class="np-teaser__date" datetime=date::iso_utc(ts)>{date::format_date(ts, offset)}</time> }
    });
    let section = article.section().map(|s| view! { <span class="np-teaser__section">{s.to_string()}</span> });
    let summary = summary.then(|| article.summary.clone()).flatten().map(|s| view! { <p class="np-teaser__summary">{s}</p> });
    view! {
        <article class="np-teaser">
            <h2 class="np-teaser__title"><a href=href>{title}</a></h2>
            <p class="np-teaser__meta">{when}{section}</p>
            {summary}
        </article>
    }
}
