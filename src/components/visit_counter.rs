//! "Thống kê truy cập": the site's visit figures, grouped the Vietnamese way.

use crate::context::use_portal;
use crate::model::date;
use crate::model::format::group_thousands;
use crate::model::{Figures, Stats};
use leptos::prelude::*;

#[component]
pub fn VisitCounter() -> impl IntoView {
    let portal = use_portal();
    let offset = portal.config.utc_offset_minutes;
    let saved_portal = portal.clone();
    let stats = move || portal.stats();
    view! {
        <section class="np-counter" aria-label="Thống kê truy cập">
            <h2 class="np-counter__title">"Thống kê truy cập"</h2>
            <ul class="np-counter__list">
                {move || {
                    let (s, complete) = match stats() {
                        Figures::Loading => (Stats::default(), false),
                        Figures::Live(s) | Figures::Saved { stats: s, .. } => (s, true),
                        Figures::Unknown => (Stats::default(), true),
                    };
                    rows(&s, complete)
                        .into_iter()
                        .map(|(label, value)| view! { <Figure label value/> })
                        .collect_view()
                }}
            </ul>
            {move || match saved_portal.stats() {
                Figures::Saved { at, .. } => Some(view! {
                    <p class="np-counter__saved">
                        "Số liệu đã lưu lúc "{date::format_date_time(at, offset)}", chưa cập nhật được."
                    </p>
                }),
                _ => None,
            }}
        </section>
    }
}

/// The two figures the portal always shows, then the optional ones the source provides.
fn rows(s: &Stats, loaded: bool) -> Vec<(&'static str, Option<u64>)> {
    let mut rows = vec![("Số lượt truy cập", s.visits), ("Tổng số lượt xem", s.page_views)];
    if loaded {
        for (label, v) in [("Đang trực tuyến", s.online), ("Hôm nay", s.today), ("Tháng này", s.this_month)] {
            if v.is_some() {
                rows.push((label, v));
            }
        }
    }
    rows
}

#[component]
fn Figure(label: &'static str, value: Option<u64>) -> impl IntoView {
    match value {
        Some(v) => view! {
            <li class="np-counter__row">{label}": "<strong class="np-counter__value">{group_thousands(v)}</strong></li>
        }
        .into_any(),
        None => view! {
            <li class="np-counter__row">
                {label}": "
                <strong class="np-counter__value" aria-label="chưa có số liệu">"—"</strong>
            </li>
        }
        .into_any(),
    }
}
