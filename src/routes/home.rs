//! `/`: the latest news, newest first, a page at a time.

use crate::app::use_portal;
use crate::components::{article_list::ArticleList, error_view::ErrorView, loading::Loading, page_heading::PageHeading};
use crate::model::related::newest_first;
use leptos::prelude::*;

pub const PAGE_SIZE: usize = 10;

#[component]
pub fn Home() -> impl IntoView {
    let portal = use_portal();
    let shown = RwSignal::new(PAGE_SIZE);
    let retry = Callback::new(move |_| portal.feed.refetch());
    move || match portal.feed.get() {
        None => view! { <Loading lines=8/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry/> }.into_any(),
        Some(Ok(feed)) => {
            let order = newest_first(&feed.articles);
            let total = order.len();
            let feed_for_list = feed.clone();
            view! {
                <section class="np-home">
                    <PageHeading text="Tin mới nhất"/>
                    {move || {
                        let list = order.iter().take(shown.get()).map(|&i| feed_for_list.articles[i].clone()).collect();
                        view! { <ArticleList articles=list/> }
                    }}
                    {move || (shown.get() < total).then(|| view! {
                        <button type="button" class="np-button np-home__more"
                            on:click=move |_| shown.update(|n| *n += PAGE_SIZE)>
                            "Xem thêm"
                        </button>
                    })}
                    {(total == 0).then(|| view! { <p class="np-home__empty">"Chưa có tin bài."</p> })}
                </section>
            }
            .into_any()
        }
    }
}
