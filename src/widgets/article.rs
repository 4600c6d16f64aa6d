//! `data-news-portal="article"`: one article, chosen by `data-slug`, without the app around it:
//! no router, no related news, the title as the block's heading (h2) rather than the page's.

use crate::api::http::Abort;
use crate::app::{use_portal, Portal};
use crate::components::{error_view::ErrorView, loading::Loading};
use crate::config::Config;
use crate::routes::article::{load, ArticleView};
use crate::components::load::Load;
use leptos::prelude::*;

#[component]
pub fn ArticleWidget(config: Config) -> impl IntoView {
    let slug = config.slug.clone().unwrap_or_default();
    provide_context(Portal::new(config));
    let portal = use_portal();
    let article = {
        let portal = portal.clone();
        Load::new(move || load(portal.clone(), slug.clone(), Abort::new()))
    };
    let retry = {
        let portal = portal.clone();
        Callback::new(move |_| {
            portal.feed.refetch();
            article.refetch();
        })
    };
    let home = portal.home_href();
    view! {
        <div class="np-app np-app--widget np-app--article">
            {move || match article.get() {
                None => view! { <Loading lines=6/> }.into_any(),
                Some(Err(error)) if error.is_not_found() => view! { <ErrorView error home_href=home.clone()/> }.into_any(),
                Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
                Some(Ok(a)) => view! { <ArticleView article=(*a).clone()/> }.into_any(),
            }}
        </div>
    }
}
