//! "Thống kê truy cập": the site's visit figures, grouped the Vietnamese way.
//!
//! One markup for both ways the counter reaches a reader: the app (and the wasm widget) render it
//! here, and the build renders the same views natively into the widget script that shows a
//! counter-only host page without the wasm (`crate::prerender::widgets`, README "Embedding").

use crate::context::use_mount_context;
use crate::model::date;
use crate::model::format::group_thousands;
use crate::model::{Figures, Stats};
use leptos::prelude::*;

/// One figure of the counter: its field in the stats object of the portal API and of a feed's
/// `_portal.stats` (README, "Portal API"), its label, and whether it shows when the source does not
/// give it ("—"); the optional ones show only when present.
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub always: bool,
    pub value: fn(&Stats) -> Option<u64>,
}

/// The figures in the order they are shown.
pub const ROWS: [Row; 5] = [
    Row { key: "visits", label: "Số lượt truy cập", always: true, value: |s| s.visits },
    Row { key: "page_views", label: "Tổng số lượt xem", always: true, value: |s| s.page_views },
    Row { key: "online", label: "Đang trực tuyến", always: false, value: |s| s.online },
    Row { key: "today", label: "Hôm nay", always: false, value: |s| s.today },
    Row { key: "this_month", label: "Tháng này", always: false, value: |s| s.this_month },
];

/// The counter in the app's sidebar, with the figures of the page's [`crate::app::MountContext`].
#[component]
pub fn VisitCounter() -> impl IntoView {
    let portal = use_mount_context();
    let offset = portal.config.utc_offset_minutes;
    view! { <CounterFigures figures=move || portal.stats() offset/> }
}

/// `data-news-portal="counter"`: the counter alone, as a block of a host portal's layout.
#[component]
pub fn CounterWidget(figures: impl Fn() -> Figures + Clone + Send + Sync + 'static, offset: i32) -> impl IntoView {
    view! { <div class="np-app np-app--widget"><CounterFigures figures offset/></div> }
}

#[component]
fn CounterFigures(figures: impl Fn() -> Figures + Clone + Send + Sync + 'static, offset: i32) -> impl IntoView {
    let saved = figures.clone();
    view! {
        <section class="np-counter" aria-label="Thống kê truy cập">
            <h2 class="np-counter__title">"Thống kê truy cập"</h2>
            <ul class="np-counter__list">
                {move || {
                    let (s, complete) = match figures() {
                        Figures::Loading => (Stats::default(), false),
                        Figures::Live(s) | Figures::Saved { stats: s, .. } => (s, true),
                        Figures::Unknown => (Stats::default(), true),
                    };
                    rows(&s, complete)
                        .into_iter()
                        .map(|(label, value)| view! { <Figure label value=value.map(group_thousands)/> })
                        .collect_view()
                }}
            </ul>
            {move || match saved() {
                Figures::Saved { at, .. } => Some(view! { <SavedNote when=date::format_date_time(at, offset)/> }),
                _ => None,
            }}
        </section>
    }
}

/// The two figures the portal always shows, then the optional ones the source provides.
fn rows(s: &Stats, loaded: bool) -> Vec<(&'static str, Option<u64>)> {
    ROWS.iter()
        .map(|row| (row, (row.value)(s)))
        .filter(|(row, v)| row.always || (loaded && v.is_some()))
        .map(|(row, v)| (row.label, v))
        .collect()
}

/// One row; `value` already grouped ("13.832.759"), `None` when the source has not given it.
#[component]
pub fn Figure(label: &'static str, value: Option<String>) -> impl IntoView {
    match value {
        Some(v) => view! {
            <li class="np-counter__row">{label}": "<strong class="np-counter__value">{v}</strong></li>
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

/// Under the figures when they are the last ones this browser saw; `when` as `HH:MM dd/mm/yyyy`.
#[component]
pub fn SavedNote(when: String) -> impl IntoView {
    view! { <p class="np-counter__saved">"Số liệu đã lưu lúc "{when}", chưa cập nhật được."</p> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_two_figures_then_the_optional_ones_given() {
        let some = Stats { visits: Some(1), online: Some(3), this_month: Some(5), ..Stats::default() };
        assert_eq!(
            rows(&some, true),
            vec![
                ("Số lượt truy cập", Some(1)),
                ("Tổng số lượt xem", None),
                ("Đang trực tuyến", Some(3)),
                ("Tháng này", Some(5)),
            ]
        );
        // Still loading: the optional figures are not known to exist yet.
        assert_eq!(rows(&some, false), vec![("Số lượt truy cập", Some(1)), ("Tổng số lượt xem", None)]);
    }
}
