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
use crate::api::source::Source;
use crate::components::visit_counter::{CounterWidget, Figure, SavedNote, ROWS};
use crate::config::{Config, Mode, DEFAULT_LANG};
use crate::model::date::VIETNAM_OFFSET_MINUTES;
use crate::model::feed::SUPPORTED_VERSIONS;
use crate::model::Figures;
use crate::routing::Routing;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use serde_json::json;

pub const LABEL: &str = "%LABEL%";
pub const HREF: &str = "%HREF%";
pub const TITLE: &str = "%TITLE%";
pub const ISO: &str = "%ISO%";
pub const DATE: &str = "%DATE%";
pub const MESSAGE: &str = "%MESSAGE%";
/// Letters only: `Route::article` percent-encodes what it is given.
pub const SLUG: &str = "NPSLUG";
pub const CODE: u16 = 999;
pub const VALUE: &str = "%VALUE%";
pub const WHEN: &str = "%WHEN%";

/// The HTML of `view`, without the `<!>` markers and comments the renderer leaves between text nodes and at
/// dynamic children: the script inserts this markup as it is, and the marker comments are nothing a
/// reader or assistive technology sees.
fn render<V: RenderHtml>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    let html = owner.with(|| view().to_html());
    owner.cleanup();
    // `<!>` and the placeholder comments of empty children (`<!--<() />-->`): the views have none
    // of their own.
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<!") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end =
            if rest.starts_with("<!--") { rest.find("-->").map(|e| e + 3) } else { rest.find('>').map(|e| e + 1) };
        rest = &rest[end.unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
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
        "latest": latest_kit(),
        "text": text_kit(),
        "errors": errors_kit(),
        "counter": {
            "html": loading,
            "row": row,
            "missing": missing,
            "saved": saved,
            "rows": rows,
        },
        "placeholders": {
            "label": LABEL, "value": VALUE, "when": WHEN,
            "href": HREF, "title": TITLE, "iso": ISO, "date": DATE, "message": MESSAGE, "slug": SLUG, "code": CODE.to_string(),
        },
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

/// The latest widget's markup (src/widgets/latest.rs), its status texts and the settings it lists by.
fn latest_kit() -> serde_json::Value {
    use crate::config::{DEFAULT_LATEST_LIMIT, MAX_LATEST_LIMIT};
    use crate::model::portal_api::DEFAULT_PER_PAGE;
    use crate::model::related::CLOCK_SKEW_SECONDS;
    use crate::routing::table::Route;
    use crate::widgets::latest::{LatestFrame, LatestItem, LatestList, LatestStatus, EMPTY, LOADING};
    let when = Some((ISO.to_string(), DATE.to_string()));
    json!({
        "html": render(|| view! { <LatestFrame><LatestStatus message=LOADING.to_string() live=true/></LatestFrame> }),
        "status": render(|| view! { <LatestStatus message=MESSAGE.to_string()/> }),
        "list": render(|| view! { <LatestList>{None::<()>}</LatestList> }),
        "item": render(|| view! { <LatestItem href=HREF.to_string() title=TITLE.to_string() when=when/> }),
        "undated": render(|| view! { <LatestItem href=HREF.to_string() title=TITLE.to_string() when=None/> }),
        "empty": EMPTY,
        "defaultLimit": DEFAULT_LATEST_LIMIT,
        "maxLimit": MAX_LATEST_LIMIT,
        "perPage": DEFAULT_PER_PAGE,
        "clockSkew": CLOCK_SKEW_SECONDS,
        "articlePath": Route::article(SLUG).to_path(),
    })
}

/// Inclusive ranges of the code points where `keep` holds.
fn ranges(keep: impl Fn(char) -> bool) -> Vec<[u32; 2]> {
    let mut out: Vec<[u32; 2]> = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| keep(c)) {
        match out.last_mut() {
            Some(r) if r[1] + 1 == c as u32 => r[1] = c as u32,
            _ => out.push([c as u32, c as u32]),
        }
    }
    out
}

/// The tables of the model's text rules the script repeats: character references, the tags read as
/// breaks, combining marks, the Vietnamese vowels' folding, title-less items, slugs, RFC 2822 dates.
fn text_kit() -> serde_json::Value {
    use crate::model::article::{DATED, TITLE_CHARS, UNTITLED};
    use crate::model::date::{MONTHS, ZONES};
    use crate::model::entities::{LATIN1, NAMED};
    use crate::model::slug::{fold_vowel, is_combining, MAX_SLUG_LEN};
    use crate::model::text::BREAKING;
    let named: serde_json::Map<String, serde_json::Value> =
        NAMED.iter().map(|(name, c)| (name.to_string(), json!(c.to_string()))).collect();
    let vowels: serde_json::Map<String, serde_json::Value> = (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| fold_vowel(c) != c)
        .map(|c| (c.to_string(), json!(fold_vowel(c).to_string())))
        .collect();
    let whitespace = ranges(char::is_whitespace);
    let control = ranges(char::is_control);
    json!({
        "named": named,
        "latin1": LATIN1.to_vec(),
        "breaking": BREAKING,
        "combining": ranges(is_combining),
        "whitespace": whitespace,
        "control": control,
        "vowels": vowels,
        "dated": DATED,
        "untitled": UNTITLED,
        "titleChars": TITLE_CHARS,
        "maxSlugLen": MAX_SLUG_LEN,
        "months": MONTHS,
        "zones": ZONES,
    })
}

/// What a reader is shown when the list cannot be loaded, as the app words it (`ApiError::message`,
/// the feed reader's reasons).
fn errors_kit() -> serde_json::Value {
    use crate::api::decode::Undecodable;
    use crate::api::http::MAX_BODY_BYTES;
    use crate::api::json_feed::read;
    use crate::api::ApiError;
    let why = |doc: &str| match read(doc.as_bytes(), 0) {
        Err(e @ ApiError::Decode(_)) => e.message(),
        other => panic!("{doc}: {other:?}"),
    };
    let http = ApiError::Http(CODE).message();
    assert!(http.contains(&CODE.to_string()));
    json!({
        "network": ApiError::Network(String::new()).message(),
        "unreachable": ApiError::Unreachable(String::new()).message(),
        "timeout": ApiError::Timeout.message(),
        "http404": ApiError::Http(404).message(),
        "http": http,
        "tooLarge": ApiError::TooLarge(MAX_BODY_BYTES).message(),
        "html": ApiError::from(Undecodable::Html).message(),
        "empty": ApiError::from(Undecodable::Empty).message(),
        "notJson": ApiError::from(Undecodable::NotJson).message(),
        // The feed reader's reasons (model::feed::from_raw), read from the reader itself.
        "notObject": why("[]"),
        "itemsNotArray": why(r#"{"items": 1}"#),
        "noItems": why("{}"),
        "version": why(&format!(r#"{{"version": "{MESSAGE}", "items": []}}"#)),
    })
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
    json!({
        "counts": counts,
        "offsets": offsets,
        "languageTags": tags,
        "grouped": grouped,
        "dateTimes": times,
        "latest": latest_vectors(),
    })
    .to_string()
}

/// The clock of the latest widget's vectors: 2025-12-06T05:46:40Z.
const NOW: i64 = 1_765_000_000;

/// The configuration a vector's widget runs with, as the script reads it from its mount point.
fn latest_config(limit: usize, offset: i32, base: &str, hash: bool, href: Option<&str>) -> (Config, serde_json::Value) {
    let mut config = Config::new(Source::Feed("https://example.org/feed.json".into()));
    config.mode = Mode::Latest;
    config.limit = limit;
    config.utc_offset_minutes = offset;
    config.base = base.to_string();
    config.routing = if hash { Routing::Hash } else { Routing::History };
    config.href = href.map(str::to_string);
    let js = json!({ "limit": limit, "offset": offset, "base": base, "hash": hash, "href": href });
    (config, js)
}

/// What the latest widget shows for the feed `body`: its rows, or the one status line.
fn latest_answer(body: &str, config: &Config) -> serde_json::Value {
    use crate::widgets::latest::{rows, EMPTY};
    match crate::api::json_feed::read(body.as_bytes(), config.utc_offset_minutes) {
        Err(e) => json!({ "status": e.message() }),
        Ok(feed) if feed.articles.is_empty() => json!({ "status": EMPTY }),
        Ok(feed) => {
            let rows: Vec<_> = rows(&feed, config, NOW)
                .into_iter()
                .map(|r| {
                    let (iso, date) = r.when.unzip();
                    json!({ "href": r.href, "title": r.title, "iso": iso, "date": date })
                })
                .collect();
            json!({ "rows": rows })
        }
    }
}

/// Feeds as they come, hostile and odd ones included, for the latest widget's vectors.
fn latest_feeds() -> Vec<(&'static str, String)> {
    let item = |fields: &str| format!(r#"{{"version": "https://jsonfeed.org/version/1.1", "items": [{fields}]}}"#);
    let deep = |n: usize| format!(r#"{{"items": [], "x": {}1{}}}"#, "[".repeat(n), "]".repeat(n));
    let many: Vec<String> = (0..60)
        .map(|i| {
            format!(
                r#"{{"id": "{i}", "title": "Tin {i}", "date_published": "2025-{:02}-{:02}T08:00:00+07:00"}}"#,
                i % 12 + 1,
                i % 28 + 1
            )
        })
        .collect();
    let mut feeds = vec![
        ("the bundled feed", include_str!("../../public/feed.json").to_string()),
        ("sixty items, dates repeating", item(&many.join(","))),
        (
            "titles: entities, white space, numbers, other types",
            item(concat!(
                r#"{"id": "a", "title": "Kinh t&#7871; &amp; x&atilde; h&#x1ED9;i &bogus; AT&T &#0; &#xD800; &;", "date_published": "2025-01-01"},"#,
                r#"{"id": "b", "title": "  Dân \t vận\n\u00a0quý\u0085I \u2028 \ufeff ", "date_published": "2025-01-02"},"#,
                r#"{"id": "c", "title": 42, "date_published": "2025-01-03"},"#,
                r#"{"id": "d", "title": 4.0, "date_published": "2025-01-04"},"#,
                r#"{"id": "e", "title": 2.5, "date_published": "2025-01-05"},"#,
                r#"{"id": "f", "title": true, "summary": "Tóm &lt;b&gt; tắt", "date_published": "2025-01-06"},"#,
                r#"{"id": "g", "title": {}, "content_text": "  văn bản\n\nthuần ", "date_published": "2025-01-07"},"#,
                r#"{"id": "h", "title": [], "content_html": "<p>Một &amp; hai</p><br/>ba <sub>2</sub>O <!-- x > y --> c <unclosed", "date_published": "2025-01-08"},"#,
                r#"{"id": "i", "title": "<script>alert(1)</script><img src=x onerror=alert(1)>", "date_published": "2025-01-09"},"#,
                r#"{"id": "j", "title": "\ud800 lẻ \udc00 cặp \ud83d\ude00", "date_published": "2025-01-10"},"#,
                r#"{"id": "k", "title": "a", "title": "khóa sau cùng", "date_published": "2025-01-11"},"#,
                r#"{"id": "l", "title": "   ", "content_html": "<p>&nbsp;</p>", "date_published": "2025-01-12"},"#,
                r#"{"id": "m", "content_html": "<br>"},"#,
                r#"{"id": "n", "title": "&#32;", "summary": "x", "__proto__": {"title": "proto"}, "date_published": "2025-01-13"},"#,
                r#"{"id": "o", "title": -0, "date_published": "2025-01-14"},"#,
                r#"{"id": "p", "title": 1e3, "date_published": "2025-01-15"}"#
            )),
        ),
        (
            "titles from long text: shortened on a word, never inside a letter",
            item(&format!(
                r#"{{"id": "1", "content_text": "{}", "date_published": "2025-02-01"}}, {{"id": "2", "summary": "{}", "date_published": "2025-02-02"}}, {{"id": "3", "content_html": "<p>{}</p>", "date_published": "2025-02-03"}}, {{"id": "4", "content_text": "{}"}}"#,
                "Hội nghị trực báo công tác dân vận, mặt trận, lực lượng vũ trang quý I năm 2022 tại huyện Minh Long tỉnh Quảng Ngãi",
                "va\\u0323\\u0302n ".repeat(30),
                "đ".repeat(120),
                "abcdefghij ".repeat(7) + "abcdefghi, klmnop"
            )),
        ),
        (
            "items that are skipped, and ids",
            item(concat!(
                r#"1, "x", null, [], {},"#,
                r#"{"title": "không id"},"#,
                r#"{"url": "https://example.org/tin-tuc/chi-co-url/", "title": "Chỉ có url", "date_published": "2025-03-01"},"#,
                r#"{"id": 12345, "title": "id là số", "date_published": "2025-03-02"},"#,
                r#"{"id": "x1", "date_published": "2025-03-03"},"#,
                r#"{"id": "x2", "title": "", "summary": "&nbsp;", "content_text": " "},"#,
                r#"{"id": "x3", "title": "Còn lại", "date_published": "2025-03-04"}"#
            )),
        ),
        (
            "slugs: given, slugified, from the id, too long, repeated",
            item(&format!(
                concat!(
                    r#"{{"id": "1", "title": "s1", "_portal": {{"slug": "tin-hay"}}}},"#,
                    r#"{{"id": "2", "title": "s2", "_portal": {{"slug": "Tin Hay"}}}},"#,
                    r#"{{"id": "3", "title": "s3", "_portal": {{"slug": "tin-hay-2"}}}},"#,
                    r#"{{"id": "4", "title": "s4", "_portal": {{"slug": "Hội nghị – ĐẢNG ỦY İstanbul K ß/a?b#c%20d"}}}},"#,
                    r#"{{"id": "5", "title": "s5", "_portal": {{"slug": "--"}}}},"#,
                    r#"{{"id": "https://example.org/2019/05/post.html?x=1", "title": "s6"}},"#,
                    r#"{{"id": "https://minhlong.gov.vn/tin-tuc/l%E1%BB%85-h%E1%BB%99i/", "title": "s7"}},"#,
                    r#"{{"id": "/Pages/tin-tuc.aspx?ItemID=7", "title": "s8"}},"#,
                    r#"{{"id": "tag:example.org,2022:Bài 12", "title": "s9"}},"#,
                    r#"{{"id": "???", "title": "s10"}},"#,
                    r#"{{"id": "https://example.org/%ZZ%e1%bb/", "title": "s11"}},"#,
                    r#"{{"id": "12", "title": "s12", "_portal": {{"slug": "{}"}}}},"#,
                    r#"{{"id": "13", "title": "s13", "_portal": {{"slug": "{}"}}}},"#,
                    r#"{{"id": "14", "title": "s14", "_portal": {{"slug": "{}"}}}},"#,
                    r#"{{"id": "15", "title": "s15", "_portal": {{"slug": "tin-hay"}}}},"#,
                    r#"{{"id": "16", "title": "s16", "_portal": {{"slug": 2025}}}},"#,
                    r#"{{"id": "17", "title": "s17", "_portal": "tin-hay"}}"#
                ),
                "hoi-nghi-tong-ket".repeat(20),
                "x".repeat(300),
                "Dân vận ".repeat(40)
            )),
        ),
        (
            "dates: future, within the clock skew, bad, RFC 2822, no zone, modified only",
            item(concat!(
                r#"{"id": "d1", "title": "ngày mai", "date_published": "2025-12-07T05:46:40Z"},"#,
                r#"{"id": "d2", "title": "trong 30 phút", "date_published": "2025-12-06T06:16:40Z"},"#,
                r#"{"id": "d3", "title": "năm 2099", "date_published": "2099-01-01T00:00:00+07:00"},"#,
                r#"{"id": "d4", "title": "30/02", "date_published": "2022-02-30"},"#,
                r#"{"id": "d5", "title": "RFC 2822", "date_published": "Fri, 31 May 2019 12:17:58 -0700"},"#,
                r#"{"id": "d6", "title": "không múi giờ", "date_published": "2025-12-06 01:00"},"#,
                r#"{"id": "d7", "title": "chỉ sửa", "date_modified": "2025-06-01T00:00:00.123456Z"},"#,
                r#"{"id": "d8", "title": "9999", "date_published": "9999-12-31T23:00:00Z"},"#,
                r#"{"id": "d9", "title": "ngày cuối", "date_published": "9999-12-31"},"#,
                r#"{"id": "d10", "title": "rác", "date_published": "hôm qua"},"#,
                r#"{"id": "d11", "title": "không ngày"},"#,
                r#"{"id": "d12", "title": "RFC 2822 ICT", "date_published": "31 may 19 19:17 ict"},"#,
                r#"{"id": "d13", "title": "năm 2 số", "date_published": "1 Jan 70 00:00 +0000"},"#,
                r#"{"id": "d14", "title": "dấu +", "date_published": "+1 Jan 2020 +1:+2:+3 GMT"},"#,
                r#"{"id": "d15", "title": "giờ 2 số", "date_published": "2020-1-2T3:04Z"},"#,
                r#"{"id": "d16", "title": "offset lạ", "date_published": "2020-01-02T03:04:05 -03:30"},"#,
                r#"{"id": "d17", "title": "số", "date_published": 20200102},"#,
                r#"{"id": "d18", "title": "giây 60", "date_published": "2016-12-31T23:59:60Z"},"#,
                r#"{"id": "d19", "title": "t thường", "date_published": "2020-01-02t03:04:05,5+14:00"},"#,
                r#"{"id": "d20", "title": "không ngày 2"},"#,
                r#"{"id": "d21", "title": "cũ", "date_published": "1900-03-01T00:00:00Z"},"#,
                r#"{"id": "d22", "title": "tháng dài", "date_published": "Mon, 2 Sept 2024 10:00:00 +0700"}"#
            )),
        ),
        ("an empty list", item("")),
        ("items null", r#"{"items": null}"#.to_string()),
        ("no items", "{}".to_string()),
        ("items not a list", r#"{"items": {"0": {}}}"#.to_string()),
        ("not an object", "[]".to_string()),
        ("a string", r#""feed""#.to_string()),
        ("another version", "{\"version\": \" 2.0\\nline two \", \"items\": []}".to_string()),
        ("a version spelled otherwise", r#"{"version": "HTTPS://JSONFEED.ORG/VERSION/1/", "items": [{"id": "v", "title": "ok"}]}"#.to_string()),
        ("a long version", format!(r#"{{"version": "{}", "items": []}}"#, "v".repeat(300))),
        ("an HTML page", "  <!doctype html><title>Đăng nhập</title>".to_string()),
        ("nothing", String::new()),
        ("white space", " \n\t ".to_string()),
        ("cut short", r#"{"items": [{"id": "1", "title": "cắt"#.to_string()),
        ("a byte-order mark", format!("\u{feff}{}", item(r#"{"id": "1", "title": "BOM"}"#))),
        ("two byte-order marks", format!("\u{feff}\u{feff}{}", item(r#"{"id": "1", "title": "BOM"}"#))),
        ("a number out of range", r#"{"items": [], "x": 1e400}"#.to_string()),
        ("nested 127 deep", deep(126)),
        ("nested 128 deep", deep(127)),
        ("nested 129 deep", deep(128)),
        ("nested 130 deep", deep(129)),
        ("nested 131 deep", deep(130)),
        ("nested 200 deep", deep(199)),
        ("nested 200 deep in a title", item(&format!(r#"{{"id": "1", "title": {}1{}, "summary": "s"}}"#, "[".repeat(200), "]".repeat(200)))),
        ("nested 200 deep in an item", item(&format!(r#"{{"id": "1", "title": "t", "x": {}1{}}}"#, "[".repeat(200), "]".repeat(200)))),
        ("nested 200 deep in _portal", item(&format!(r#"{{"id": "1", "title": "t", "_portal": {{"slug": {}1{}}}}}"#, "[".repeat(200), "]".repeat(200)))),
        ("duplicate keys at the top", r#"{"items": [], "items": [{"id": "1", "title": "sau"}]}"#.to_string()),
        ("a trailing comma", r#"{"items": [],}"#.to_string()),
    ];
    feeds.push((
        "a lone surrogate escape in a key",
        r#"{"items": [{"id": "1", "title": "x", "\ud800": 1}]}"#.to_string(),
    ));
    feeds
}

/// The latest widget's vectors: what the app shows for each feed and configuration, and the rules
/// of its links and dates on their own.
fn latest_vectors() -> serde_json::Value {
    use crate::model::date::parse;
    use crate::model::slug::{fit, slug_from_id, slugify};
    use crate::model::text::{html_to_text, shorten};
    use crate::routing::table::normalize_base;
    let configs = [
        latest_config(5, VIETNAM_OFFSET_MINUTES, "", false, None),
        latest_config(50, -210, "/tin-huyen", false, None),
        latest_config(3, 14 * 60, "", true, None),
        latest_config(12, 0, "/a", false, Some("/trang-tin.html#/tin-tuc/{slug}")),
    ];
    let mut feeds = Vec::new();
    for (name, body) in latest_feeds() {
        for (config, js) in &configs {
            feeds.push(json!({ "name": name, "body": body, "config": js, "answer": latest_answer(&body, config) }));
        }
    }
    let slugs = ["tin-hay", "Dân vận", "a/b?c#d", "100%", "x y", "~._-", "İ", "\u{1F600}", ""];
    let templates = [
        None,
        Some("/tin?bai={slug}&lai={slug}"),
        Some("/tin-tuc/"),
        Some("/tin-tuc"),
        Some("/tin?bai="),
        Some("#"),
        Some("https://other.example/x"),
    ];
    let mut links = Vec::new();
    for (base, hash) in
        [("", false), ("/tin-huyen", false), ("/tin-t%E1%BB%A9c", false), ("", true), ("/tin-huyen", true)]
    {
        for href in templates {
            for slug in slugs {
                let (config, js) = latest_config(5, 0, base, hash, href);
                links.push(json!({ "config": js, "slug": slug, "href": crate::context::article_href(&config, slug) }));
            }
        }
    }
    let bases: Vec<_> = [
        "/tin-huyen",
        "tin-huyen/",
        "/",
        "",
        "  /a/b/  ",
        "/tin-tức",
        "/a b",
        "/a%2e%2E",
        "/a/%2e/b",
        "/a/../b",
        "//x",
        "/a//b",
        "https://x",
        "javascript:alert(1)",
        "mailto:a@b",
        "a:b",
        "1a:b",
        "/a:b",
        "/a?b",
        "/a#b",
        "/a\\b",
        "/a\u{7}b",
        "/a\u{85}b",
        "/%e1%BB%a9",
        "/%zz%",
        "/\"<>`{}|^",
        "/.../",
        "/..a",
    ]
    .iter()
    .map(|b| json!([b, normalize_base(b).ok()]))
    .collect();
    let dates: Vec<_> = [
        "2022-04-13T08:00:00+07:00",
        "2022-04-12T20:30:00Z",
        " 2022-04-13 ",
        "2022-04-13T00:30",
        "2021-12-31 23:59:59 +0700",
        "Fri, 31 May 2019 12:17:58 -0700",
        "31 May 2019 19:17:58 GMT",
        "Fri, 31 May 19 19:17 GMT",
        "Fri , 31 May 2019",
        "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2022-13-01",
        "yesterday",
        "2022",
        "2022-04-13T25:00:00Z",
        "2022-04-13T08:00:00+99:00",
        "2022-04-13T08:00:00 garbage",
        "1-1-1",
        "٢٠٢٢-٠٤-١٣",
        "9999-12-31T23:00:00Z",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "9999-12-31",
        "0000-01-01T00:00:00Z",
        "2020-01-01T00:00:00.1234567890Z",
        "2020-01-01T00:00Z",
        "2020-01-01T00:00:00+7",
        "2020-01-01T00:00:00 UTC",
        "31 Jan 1000 00:00 PST",
        "31 Jan 49 00:00 EDT",
        "31 Jan 50 00:00 cdt",
        "1 Janvier 2020",
        "1 Ja 2020",
        "1 Jan 2020 10",
        "1 Jan 2020 10:00:00:00",
        "Thu,1 Jan 2020 10:00",
        "12345 Jan 2020",
        "1 Jan -5 10:00",
        "1 Jan 99999 10:00",
        "1 Jan 100 00:00 GMT",
        "1 Jan 999 00:00 GMT",
        "1 Jan 1000 00:00 GMT",
        "1 Jan 49 00:00",
        "1 Jan 50 00:00",
    ]
    .iter()
    .flat_map(|d| [VIETNAM_OFFSET_MINUTES, -600].map(|o| json!([d, o, parse(d, o)])))
    .collect();
    let texts = [
        "",
        "plain",
        "<p>Một &amp; hai</p><br/>ba",
        "a > b < c",
        "<a <b> c",
        "x <unclosed",
        "<p>X&atilde; h&#7897;i &nbsp;&</p>>",
        "H<sub>2</sub>O <em>sạch</em>",
        "a < b <!-- x > y --> c",
        "<!-- never closed",
        "<BR>x<Td>y<?php z ?>w<!DOCTYPE html>",
        "&lt;script&gt;",
        "cắt <a href=\"x",
        "a<h2>b</h2\n>c",
        "<h7>x</h7>y",
    ];
    let html_to_text: Vec<_> = texts.iter().map(|t| json!([t, html_to_text(t)])).collect();
    let long =
        ["dân vận", "", "abc", "abcd", "ab cd", "va\u{323}\u{302}n", "a, b; c: d. e", "x\u{300}\u{301}\u{302}yz"];
    let shortened: Vec<_> =
        long.iter().flat_map(|t| [2usize, 3, 4, 80].map(|n| json!([t, n, shorten(t, n)]))).collect();
    let slugified: Vec<_> = ["Dân vận", "ĐẢNG ỦY", "  --  ", "İstanbul", "ΣΑΣ", "K", "ß", "a\u{301}b", "x_y.z"]
        .iter()
        .map(|s| json!([s, slugify(s)]))
        .collect();
    let from_id: Vec<_> = [
        "https://minhlong.gov.vn/tin-tuc/le-hoi-hre/",
        "https://e.org/p.html?x=1",
        "/a/b#",
        "/a/b?",
        "12345",
        "???",
        "!!!",
        "a://b/c.d.e/",
    ]
    .iter()
    .map(|s| json!([s, slug_from_id(s)]))
    .collect();
    let fitted: Vec<_> =
        ["hoi-nghi-tong-ket".repeat(20), "x".repeat(300), "a".repeat(200), "a-".repeat(100) + "b", "ab-".repeat(67)]
            .into_iter()
            .map(|s| json!([s.clone(), fit(s)]))
            .collect();
    let references = [
        "&#0000000065;",
        "&#00000000065;",
        "&#x+41;",
        "&#+65;",
        "&amp",
        "&ampx;",
        "ế&amp;ế",
        "&ếếế;",
        "&#1114112;",
        "&#99999999999;",
        "&Atilde;&atilde;&ATILDE;",
        "&&amp;;",
        "&#xd7ff;&#xe000;",
    ];
    let decoded: Vec<_> = references.iter().map(|r| json!([r, crate::model::entities::decode(r)])).collect();
    json!({
        "now": NOW,
        "decoded": decoded,
        "feeds": feeds,
        "links": links,
        "bases": bases,
        "dates": dates,
        "htmlToText": html_to_text,
        "shorten": shortened,
        "slugify": slugified,
        "slugFromId": from_id,
        "fit": fitted,
    })
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
