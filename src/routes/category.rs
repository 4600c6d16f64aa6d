//! `/chuyen-muc/{slug}`: the articles of one section, newest first, a page at a time ("Xem thêm").
//! The API answers a section by `tag=`; a feed (or WordPress) is filtered as loaded, following
//! its `next_url` when the reader asks for more. A slug no loaded article has is the not-found page.

use crate::components::paged_list::{newest_first, ApiList, ItemView, Order, PagedList};
use crate::components::{article_list::Teaser, error_view::ErrorView, loading::Loading, page_heading::PageHeading};
use crate::context::use_mount_context;
use crate::model::category::{categories, in_category, Category};
use crate::model::{Article, Feed};
use crate::routes::not_found::NotFound;
use crate::routing::hooks::use_slug;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let portal = use_mount_context();
    let slug = use_slug();
    let retry = {
        let portal = portal.clone();
        Callback::new(move |_| portal.feed.refetch())
    };
    // The section, once the first page is known; drawn anew when the slug or the feed changes.
    let section = move || {
        portal.feed.get().map(|r| {
            r.map(|f| {
                let slug = slug.get();
                let found = categories(&f.articles).into_iter().find(|c| c.slug == slug);
                (f, found)
            })
        })
    };
    move || match section() {
        None => view! { <Loading lines=8/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
        Some(Ok((_, None))) => view! { <NotFound/> }.into_any(),
        Some(Ok((feed, Some(category)))) => view! { <Section feed category/> }.into_any(),
    }
}

#[component]
fn Section(feed: Arc<Feed>, category: Category) -> impl IntoView {
    let portal = use_mount_context();
    portal.set_head({
        let (portal, name) = (portal.clone(), category.name.clone());
        move || {
            let description = format!("Tin bài chuyên mục {name} – {}.", portal.site_name());
            portal.page_meta(&name, Some(description))
        }
    });
    let list = match portal.config.source.list_api() {
        Some(api) => {
            let order: Order = Arc::new(|pages| newest_first(pages, &|_| true));
            view! { <ApiList api=api.to_string() tag=category.name.clone() order item=teaser() empty=EMPTY/> }
                .into_any()
        }
        None => {
            let slug = category.slug.clone();
            let order: Order = Arc::new(move |pages| newest_first(pages, &|a| in_category(a, &slug)));
            view! { <PagedList first=feed order item=teaser() empty=EMPTY/> }.into_any()
        }
    };
    view! {
        <section class="np-category">
            <PageHeading text=category.name.clone()/>
            {list}
        </section>
    }
}

const EMPTY: &str = "Chưa có tin bài trong chuyên mục này.";

fn teaser() -> ItemView {
    Arc::new(|a: &Article, _| view! { <Teaser article=a.clone()/> }.into_any())
}
