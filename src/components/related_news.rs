//! "Tin liên quan": other articles of the same category or sharing a tag, newest first. Loads on
//! its own so the article text never waits for it.

use crate::api::http::RequestScope;
use crate::api::portal as portal_api;
use crate::app::use_portal;
use crate::components::load::Load;
use crate::components::news_links::{Link, NewsLinks};
use crate::config::Source;
use crate::model::{related::related, Article};
use leptos::prelude::*;

pub const RELATED_LIMIT: usize = 5;

#[component]
pub fn RelatedNews(current: Article) -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    let links = {
        let portal = portal.clone();
        let requests = RequestScope::new();
        Load::new(move || {
            let (portal, current, abort) = (portal.clone(), current.clone(), requests.next());
            async move {
                let to_links = |list: &[Article]| -> Vec<Link> {
                    related(list, &current, RELATED_LIMIT)
                        .into_iter()
                        .map(|a| Link {
                            href: portal.article_href(&a.slug),
                            title: a.display_title(offset),
                            when: a.date(),
                        })
                        .collect()
                };
                match (&portal.config.source, current.section()) {
                    (Source::Api(api), Some(section)) => {
                        portal_api::list(api, 1, Some(section), None, offset, Some(&abort))
                            .await
                            .map(|page| to_links(&page.articles))
                    }
                    _ => portal.feed.await.map(|f| to_links(&f.articles)),
                }
            }
        })
    };
    let links = Signal::derive(move || links.get().map(|r| r.map_err(|_| ())));
    view! { <NewsLinks title="Tin liên quan" noun="tin liên quan" class="np-related" links/> }
}
