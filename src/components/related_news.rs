//! "Tin liên quan": other articles of the same category or sharing a tag, newest first. Loads on
//! its own so the article text never waits for it.

use crate::components::news_links::{Link, NewsLinks};
use crate::context::use_mount_context;
use crate::load::Load;
use crate::load::RequestScope;
use crate::model::Article;
use leptos::prelude::*;

pub const RELATED_LIMIT: usize = 5;

#[component]
pub fn RelatedNews(current: Article) -> impl IntoView {
    let portal = use_mount_context();
    let offset = portal.config.utc_offset_minutes;
    let links = {
        let portal = portal.clone();
        let requests = RequestScope::new();
        Load::new(move || {
            let (portal, current, abort) = (portal.clone(), current.clone(), requests.next());
            async move {
                let found =
                    portal.config.source.related(&current, RELATED_LIMIT, offset, portal.feed, Some(&abort)).await?;
                Ok::<_, crate::api::ApiError>(
                    found
                        .iter()
                        .map(|a| Link {
                            href: portal.article_href(&a.slug),
                            title: a.display_title(offset),
                            when: a.date(),
                        })
                        .collect::<Vec<Link>>(),
                )
            }
        })
    };
    let links = Signal::derive(move || links.get().map(|r| r.map_err(|_| ())));
    view! { <NewsLinks title="Tin liên quan" noun="tin liên quan" class="np-related" links/> }
}
