//! The measurement behind the choice of serde_json in the browser (BENCHMARKS.md, issue 15): the
//! same derived item shape read from a 10,000-item feed by serde_json from the text, and by
//! `JSON.parse` + serde-wasm-bindgen. A benchmark, not a test (ignored; timings belong to a quiet
//! machine): `cargo test --release --target wasm32-unknown-unknown --test browser -- --include-ignored parse_speed`.

use serde::Deserialize;
use wasm_bindgen_test::*;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    id: serde_json::Value,
    title: Option<String>,
    summary: Option<String>,
    content_html: Option<String>,
    date_published: Option<String>,
    tags: Option<Vec<String>>,
    #[serde(rename = "_portal")]
    portal: Option<Portal>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Portal {
    slug: Option<String>,
    category: Option<String>,
    views: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Feed {
    version: Option<String>,
    title: Option<String>,
    items: Vec<Item>,
}

fn feed_text(n: usize) -> String {
    let paragraph = "<p>Sáng ngày 13/4, Ban Dân vận Huyện ủy tổ chức hội nghị trực báo công tác dân vận, \
        mặt trận, các tổ chức chính trị - xã hội, lực lượng vũ trang quý I năm 2022.</p>";
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"https://minhlong.quangngai.gov.vn/tin/{i}","title":"Tin số {i} về công tác dân vận","summary":"Tóm tắt tin số {i}.","content_html":"{}","date_published":"2022-04-13T08:00:00+07:00","tags":["Dân vận","Tin tổng hợp"],"_portal":{{"slug":"tin-so-{i}","category":"Dân vận","views":"1.790"}}}}"#,
                paragraph.repeat(8)
            )
        })
        .collect();
    format!(r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Tin","items":[{}]}}"#, items.join(","))
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
#[ignore]
fn parse_speed() {
    let text = feed_text(10_000);
    let mut serde_json_ms = Vec::new();
    let mut json_parse_ms = Vec::new();
    for _ in 0..7 {
        let t0 = now();
        let a: Feed = serde_json::from_str(&text).expect("serde_json reads the feed");
        let t1 = now();
        let value = js_sys::JSON::parse(&text).expect("JSON.parse reads the feed");
        let b: Feed = serde_wasm_bindgen::from_value(value).expect("serde-wasm-bindgen reads the feed");
        let t2 = now();
        assert_eq!(a.items.len(), b.items.len());
        serde_json_ms.push(t1 - t0);
        json_parse_ms.push(t2 - t1);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let message = format!(
        "parse_speed: {} MB, 10,000 items, median of 7: serde_json {:.0} ms, JSON.parse + serde-wasm-bindgen {:.0} ms",
        text.len() / 1_000_000,
        median(&mut serde_json_ms),
        median(&mut json_parse_ms)
    );
    wasm_bindgen_test::console_log!("{message}");
}
