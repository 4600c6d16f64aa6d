//! `RelatedNews` in feed mode: same category or shared tag from the portal's feed, newest first,
//! never the article itself, at most `RELATED_LIMIT`.

use crate::support::{attr, config, data_url, mount, text, wait_until};
use leptos::prelude::*;
use minh_long_portal::components::related_news::{RelatedNews, RELATED_LIMIT};
use minh_long_portal::model::Article;
use wasm_bindgen_test::*;

/// (slug, day of March 2024 at 00:00 UTC, category)
fn feed(items: &[(&str, u32, &str)]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|(slug, day, cat)| {
            format!(
                r#"{{"id":"{slug}","title":"Tin {slug}","content_text":"x","date_published":"2024-03-{day:02}T00:00:00Z","_portal":{{"slug":"{slug}","category":"{cat}"}}}}"#
            )
        })
        .collect();
    data_url(&format!(r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{}]}}"#, items.join(",")))
}

fn current(slug: &str, category: &str) -> Article {
    Article { id: slug.into(), slug: slug.into(), category: Some(category.into()), ..Default::default() }
}

#[wasm_bindgen_test]
async fn related_news_lists_the_same_section_newest_first() {
    let source =
        feed(&[("hien-tai", 5, "Dân vận"), ("cu", 1, "Dân vận"), ("khac-muc", 9, "Kinh tế"), ("moi", 8, "dân vận")]);
    let article = current("hien-tai", "Dân vận");
    let m = mount(config(source), move || view! { <RelatedNews current=article/> });
    wait_until("related links", || m.find("li a").is_some()).await;
    assert_eq!(attr(&m.one("section"), "aria-label").as_deref(), Some("Tin liên quan"));
    let links: Vec<_> = m.all("li a").iter().map(|a| (attr(a, "href").unwrap_or_default(), text(a))).collect();
    assert_eq!(links, [("/tin-tuc/moi".into(), "Tin moi".into()), ("/tin-tuc/cu".to_string(), "Tin cu".to_string())]);
    // 2024-03-08 00:00 UTC is 07:00 the same day in Vietnam.
    let first_time = m.one("li time");
    assert_eq!(attr(&first_time, "datetime").as_deref(), Some("2024-03-08T00:00:00Z"));
    assert_eq!(text(&first_time), "(08/03/2024)");
}

#[wasm_bindgen_test]
async fn related_news_is_capped() {
    let items: Vec<(String, u32, &str)> = (1..=9).map(|i| (format!("tin-{i}"), i, "Y tế")).collect();
    let items: Vec<(&str, u32, &str)> = items.iter().map(|(s, d, c)| (s.as_str(), *d, *c)).collect();
    let article = current("tin-1", "Y tế");
    let m = mount(config(feed(&items)), move || view! { <RelatedNews current=article/> });
    wait_until("related links", || m.find("li a").is_some()).await;
    assert_eq!(m.all("li").len(), RELATED_LIMIT);
    assert_eq!(attr(&m.one("li a"), "href").as_deref(), Some("/tin-tuc/tin-9"));
}

#[wasm_bindgen_test]
async fn related_news_says_so_when_there_is_none_or_the_feed_fails() {
    let article = current("le-loi", "Giáo dục");
    let m = mount(
        config(feed(&[("le-loi", 3, "Giáo dục"), ("y-te", 4, "Y tế")])),
        move || view! { <RelatedNews current=article/> },
    );
    wait_until("the empty message", || m.text().contains("Chưa có tin liên quan.")).await;
    assert!(m.find("ul").is_none());

    let article = current("le-loi", "Giáo dục");
    let m = mount(config(data_url("not json")), move || view! { <RelatedNews current=article/> });
    wait_until("the failure message", || m.text().contains("Không tải được tin liên quan.")).await;
}
