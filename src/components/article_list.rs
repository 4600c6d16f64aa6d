//! An article teaser: linked title, date, section and summary. On the home page the first entry
//! leads: larger, with its image.

use crate::context::use_mount_context;
use crate::model::{date, Article};
use leptos::prelude::*;

#[component]
pub fn Teaser(
    article: Article,
    #[prop(default = true)] summary: bool,
    /// Larger, with the article's image when it has one.
    #[prop(default = false)]
    lead: bool,
) -> impl IntoView {
    let portal = use_mount_context();
    let offset = portal.config.utc_offset_minutes;
    let href = portal.article_href(&article.slug);
    let title = article.display_title(offset);
    let when = article.date().map(|ts| {
        view! { <time class="np-teaser__date" datetime=date::iso_utc(ts)>{date::format_date(ts, offset)}</time> }
    });
    let section = article.section().map(|s| view! { <span class="np-teaser__section">{s.to_string()}</span> });
    let summary =
        summary.then(|| article.summary.clone()).flatten().map(|s| view! { <p class="np-teaser__summary">{s}</p> });
    // The feed has no caption for the image: it illustrates the linked title, so alt="".
    let image = lead
        .then(|| article.image.clone().or_else(|| article.banner_image.clone()))
        .flatten()
        .map(|src| view! { <img class="np-teaser__image" src=portal.resolve(&src) alt="" loading="eager" decoding="async"/> });
    let class = match (lead, image.is_some()) {
        (true, true) => "np-teaser np-teaser--lead np-teaser--with-image",
        (true, false) => "np-teaser np-teaser--lead",
        _ => "np-teaser",
    };
    view! {
        <article class=class>
            {image}
            <div class="np-teaser__text">
                <h2 class="np-teaser__title"><a href=href>{title}</a></h2>
                <p class="np-teaser__meta">{when}{section}</p>
                {summary}
            </div>
        </article>
    }
}
