//! The widget script's kit (README, "Embedding: widget-only pages"): the counter widget's markup,
//! rendered natively by the same views the wasm runs, with the constants the script shares with
//! the app. `scripts/post-build.mjs` writes it into the script at build time (`prerender
//! --widget-kit`), so the markup is never copied by hand into JavaScript.
//!
//! Placeholders (`%LABEL%`, `%VALUE%`, `%WHEN%`) stand where the script puts a row's label, its
//! grouped figure or the time of saved figures; each is text it makes from numbers and the labels
//! of [`ROWS`], so nothing it inserts needs escaping.

use crate::api::counting::{STATS_KEY, VISIT_KEY};
use crate::api::http::{ACCEPT, DEFAULT_TIMEOUT_MS, MAX_BODY_BYTES};
use crate::api::live_stats::RETRY_DELAY_MS;
use crate::api::portal_api::COUNTER_TIMEOUT_MS;
use crate::components::visit_counter::{CounterWidget, Figure, SavedNote, ROWS};
use crate::config::DEFAULT_LANG;
use crate::model::date::VIETNAM_OFFSET_MINUTES;
use crate::model::feed::SUPPORTED_VERSIONS;
use crate::model::Figures;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use serde_json::json;

pub const LABEL: &str = "%LABEL%";
pub const VALUE: &str = "%VALUE%";
pub const WHEN: &str = "%WHEN%";

/// The HTML of `view`, without the `<!>` markers the renderer leaves between text nodes and at
/// dynamic children: the script inserts this markup as it is, and the marker comments are nothing a
/// reader or assistive technology sees.
fn render<V: RenderHtml>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    let html = owner.with(|| view().to_html());
    owner.cleanup();
    html.replace("<!>", "")
}

/// The kit as JSON.
pub fn kit() -> String {
    let loading = render(|| {
        view! { <CounterWidget figures=|| Figures::Loading offset=VIETNAM_OFFSET_MINUTES/> }
    });
    let row = render(|| view! { <Figure label=LABEL value=Some(VALUE.to_string())/> });
    let missing = render(|| view! { <Figure label=LABEL value=None/> });
    let saved = render(|| view! { <SavedNote when=WHEN.to_string()/> });
    let rows: Vec<_> = ROWS.iter().map(|r| json!({ "key": r.key, "label": r.label, "always": r.always })).collect();
    json!({
        "counter": {
            "html": loading,
            "row": row,
            "missing": missing,
            "saved": saved,
            "rows": rows,
        },
        "placeholders": { "label": LABEL, "value": VALUE, "when": WHEN },
        "lang": DEFAULT_LANG,
        "feedVersions": SUPPORTED_VERSIONS,
        "visitKey": VISIT_KEY,
        "statsKey": STATS_KEY,
        "accept": ACCEPT,
        "counterTimeoutMs": COUNTER_TIMEOUT_MS,
        "retryDelayMs": RETRY_DELAY_MS,
        "dataTimeoutMs": DEFAULT_TIMEOUT_MS,
        "maxBodyBytes": MAX_BODY_BYTES,
        "savedAtHeader": crate::api::http::SAVED_AT_HEADER,
        "utcOffsetMinutes": VIETNAM_OFFSET_MINUTES,
    })
    .to_string()
}

/// What the app makes of sample inputs of every rule the counter script mirrors (reading a count, a
/// UTC offset and a language tag, grouping digits, writing a time), as JSON: the script's own test
/// (`tests/widgets/counter.test.mjs`) checks it gives the same answers, so the two cannot drift apart.
pub fn vectors() -> String {
    use crate::config::is_language_tag;
    use crate::model::date::{format_date_time, parse_offset};
    use crate::model::de::Count;
    use crate::model::format::group_thousands;
    let counts = json!([
        1790,
        0,
        -1,
        2.5,
        1.8e19,
        "1790",
        " 1790 ",
        "+5",
        "13.832.759",
        "1,790",
        "1 790",
        "1\u{a0}790",
        "2.125",
        "12.34",
        "1.2345",
        "abc",
        "",
        "1e3",
        ".5",
        null,
        true,
        [],
        {}
    ]);
    let counts: Vec<_> = counts
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| json!([v, serde_json::from_value::<Count>(v.clone()).map(|c| c.0).unwrap_or(None)]))
        .collect();
    let offsets: Vec<_> =
        ["+07:00", "-0330", "7", "07", "Z", "utc", "+14:00", "+15:00", "+07:60", "+7:30", "0700", "abc", "+", "+123"]
            .iter()
            .map(|o| json!([o, parse_offset(o)]))
            .collect();
    let tags: Vec<_> = ["vi", "vi-VN", "zh-Hant-TW", "vi_VN", "", "-vi", "vi-", "abcdefghi", "x-123456789"]
        .iter()
        .map(|t| json!([t, is_language_tag(t)]))
        .collect();
    let grouped: Vec<_> = [0u64, 7, 999, 1000, 1790, 13_832_759, 1_234_567_890_123]
        .iter()
        .map(|n| json!([n, group_thousands(*n)]))
        .collect();
    let times: Vec<_> =
        [(0i64, 0i32), (1_765_000_000, 420), (1_765_000_000, -210), (951_782_400, 420), (4_102_444_799, 0)]
            .iter()
            .map(|(ts, offset)| json!([ts, offset, format_date_time(*ts, *offset)]))
            .collect();
    json!({ "counts": counts, "offsets": offsets, "languageTags": tags, "grouped": grouped, "dateTimes": times })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::saved::encode_stats;
    use crate::model::Stats;

    /// The script stores the last figures in the order of ROWS; the app reads them as encode_stats
    /// writes them. Guards the two orders against drifting apart.
    #[test]
    fn rows_are_in_the_order_of_the_saved_figures() {
        let stats =
            Stats { visits: Some(1), page_views: Some(2), online: Some(3), today: Some(4), this_month: Some(5) };
        let in_row_order: Vec<String> = ROWS.iter().map(|r| (r.value)(&stats).unwrap_or(0).to_string()).collect();
        assert_eq!(encode_stats(&stats, 9), format!("9;{}", in_row_order.join(",")));
    }

    #[test]
    fn the_kit_holds_the_counter_markup_and_its_placeholders() {
        let kit: serde_json::Value = serde_json::from_str(&kit()).unwrap();
        let html = kit["counter"]["html"].as_str().unwrap();
        assert!(html.starts_with(r#"<div class="np-app np-app--widget"><section "#), "{html}");
        assert!(
            html.contains(r#"aria-label="Thống kê truy cập""#) && html.contains(r#"<ul class="np-counter__list">"#)
        );
        assert!(!html.contains("<!"), "no marker comments: {html}");
        assert_eq!(html.matches("chưa có số liệu").count(), 2, "{html}");
        assert!(kit["counter"]["row"].as_str().unwrap().contains(VALUE));
        assert!(kit["counter"]["missing"].as_str().unwrap().contains(LABEL));
        assert!(kit["counter"]["saved"].as_str().unwrap().contains(WHEN));
        assert_eq!(kit["counter"]["rows"].as_array().unwrap().len(), ROWS.len());
    }
}
