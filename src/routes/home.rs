//! `/`: the latest news, newest first, a page at a time, the first entry as the lead article.
//! "Xem thêm" shows more of what is loaded, then follows the source's `next_url`.

use crate::components::article_list::Teaser;
use crate::components::paged_list::{newest_first, ItemView, Order, PagedList};
use crate::components::{error_view::ErrorView, loading::Loading, page_heading::PageHeading};
use crate::context::use_mount_context;
use crate::model::{Article, Feed};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Home() -> impl IntoView {
    let portal = use_mount_context();
    let retry = Callback::new(move |_| portal.feed.refetch());
    move || match portal.feed.get() {
        None => view! { <Loading lines=8/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
        Some(Ok(feed)) => view! { <Latest first=feed/> }.into_any(),
    }
}

#[component]
fn Latest(first: Arc<Feed>) -> impl IntoView {
    let portal = use_mount_context();
    let description = first.description.clone();
    portal.set_head({
        let portal = portal.clone();
        move || portal.page_meta("Tin mới nhất", description.clone())
    });
    // Positions only: of a 10,000-item feed, only the shown entries are ever cloned.
    let order: Order = Arc::new(|pages| newest_first(pages, &|_| true));
    let item: ItemView = Arc::new(|a: &Article, n| view! { <Teaser article=a.clone() lead=n == 0/> }.into_any());
    view! {
        <section class="np-home">
            <PageHeading text="Tin mới nhất"/>
            <PagedList first order item empty="Chưa có tin bài." lead=true/>
        </section>
    }
}
