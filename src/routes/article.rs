//! `/tin-tuc/{slug}`: one article with its reading tools (text size, print), attachments, share
//! block, related and other news, and its head tags (description, canonical, OpenGraph, JSON-LD),
//! shown by [`LoadedArticle`] (shared with the single-article widget). The text renders as soon as
//! the article itself is known; related news and the view counter load on their own.

use crate::components::article_view::{load, LoadedArticle};
use crate::context::use_mount_context;
use crate::load::{Load, RequestScope};
use crate::routing::hooks::use_slug;
use leptos::prelude::*;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let portal = use_mount_context();
    let slug = use_slug();
    // The request of the article on screen; aborted when the reader moves on.
    let requests = RequestScope::new();
    let article = Load::new(move || load(portal.clone(), slug.get(), requests.next()));
    view! { <LoadedArticle article lines=10 neighbours=true/> }
}
