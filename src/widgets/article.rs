//! `data-news-portal="article"`: one article, chosen by `data-slug`, without the app around it:
//! no router, no related news, the title as the block's heading (h2) rather than the page's.

use crate::api::http::Abort;
use crate::components::article_view::{load, LoadedArticle};
use crate::config::Config;
use crate::context::{use_mount_context, MountContext};
use crate::load::Load;
use leptos::prelude::*;

#[component]
pub fn ArticleWidget(config: Config) -> impl IntoView {
    let slug = config.slug.clone().unwrap_or_default();
    provide_context(MountContext::new(config));
    let portal = use_mount_context();
    let article = Load::new(move || load(portal.clone(), slug.clone(), Abort::new()));
    view! {
        <div class="np-app np-app--widget np-app--article">
            <LoadedArticle article lines=6 neighbours=false/>
        </div>
    }
}
