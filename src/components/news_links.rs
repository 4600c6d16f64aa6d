//! The lists of links under an article ("Tin liên quan", "Tin khác"): a titled section with the
//! links and their dates, or one line while loading, on failure or when there is none.

use crate::context::use_mount_context;
use crate::model::date;
use leptos::either::Either;
use leptos::prelude::*;

#[derive(Clone)]
pub struct Link {
    pub href: String,
    pub title: String,
    pub when: Option<i64>,
}

/// `None` while loading; `Some(Err(()))` when the list could not be loaded.
pub type Links = Option<Result<Vec<Link>, ()>>;

/// `title` names the section ("Tin liên quan"), `noun` the items in its messages ("tin liên quan").
#[component]
pub fn NewsLinks(title: &'static str, noun: &'static str, class: &'static str, links: Signal<Links>) -> impl IntoView {
    let offset = use_mount_context().config.utc_offset_minutes;
    view! {
        <section class=class aria-label=title>
            <h2 class="np-related__title">{title}</h2>
            {move || match links.get() {
                Some(Ok(items)) if !items.is_empty() => Either::Left(view! {
                    <ul class="np-related__list">
                        {items
                            .into_iter()
                            .map(|l| view! {
                                <li class="np-related__item">
                                    <a href=l.href>{l.title}</a>
                                    {l.when.map(|ts| view! {
                                        " "<time class="np-related__date" datetime=date::iso_utc(ts)>"("{date::format_date(ts, offset)}")"</time>
                                    })}
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }),
                state => Either::Right(view! {
                    <p class="np-related__empty">
                        {match state {
                            None => "Đang tải…".to_string(),
                            Some(Err(())) => format!("Không tải được {noun}."),
                            Some(Ok(_)) => format!("Chưa có {noun}."),
                        }}
                    </p>
                }),
            }}
        </section>
    }
}
