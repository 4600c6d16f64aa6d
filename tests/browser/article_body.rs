//! `ArticleBody`: sanitized `content_html` put in place by an effect, else plain text as
//! paragraphs (never parsed as markup).

use crate::support::{all, assert_inert, attr, config, empty_feed, mount, text, wait_until};
use leptos::prelude::*;
use minh_long_portal::components::article_body::ArticleBody;
use minh_long_portal::model::Article;
use wasm_bindgen_test::*;

const ARTICLE_URL: &str = "https://minhlong.gov.vn/tin-tuc/hoi-nghi.html";

#[wasm_bindgen_test]
async fn html_content_is_sanitized_into_the_body() {
    let article = Article {
        id: "1".into(),
        content_html: Some(
            r#"<h1>Hội nghị</h1><p onclick="alert(1)" class="x">Nội dung <a href="../van-ban/qd-12.pdf">Quyết định 12</a></p>
               <script>alert(2)</script><img src="anh.jpg" onerror="alert(3)"><iframe src="https://evil.example/"></iframe>"#
                .into(),
        ),
        ..Default::default()
    };
    let m = mount(config(empty_feed()), move || view! { <ArticleBody article base_url=ARTICLE_URL/> });
    let body = m.one(".np-article__body");
    wait_until("the sanitized body", || body.child_element_count() > 0).await;
    assert_inert(&body);
    assert_eq!(text(&m.one("h2")), "Hội nghị");
    assert!(m.find("h1").is_none());
    let link = m.one(".np-article__body a");
    assert_eq!(attr(&link, "href").as_deref(), Some("https://minhlong.gov.vn/van-ban/qd-12.pdf"));
    assert_eq!(
        attr(&m.one(".np-article__body img"), "src").as_deref(),
        Some("https://minhlong.gov.vn/tin-tuc/anh.jpg")
    );
    assert!(!body.inner_html().contains("alert"), "{}", body.inner_html());
}

#[wasm_bindgen_test]
fn text_content_becomes_paragraphs_and_stays_text() {
    let article = Article {
        id: "2".into(),
        content_text: Some("Đoạn một.\n\n  \n\nĐoạn <b>hai</b> & ba.\n\n  Đoạn cuối.  ".into()),
        summary: Some("không dùng".into()),
        ..Default::default()
    };
    let m = mount(config(empty_feed()), move || view! { <ArticleBody article base_url=ARTICLE_URL/> });
    let paragraphs: Vec<_> = m.all(".np-article__body > p").iter().map(text).collect();
    assert_eq!(paragraphs, ["Đoạn một.", "Đoạn <b>hai</b> & ba.", "Đoạn cuối."]);
    assert!(m.find("b").is_none());
}

#[wasm_bindgen_test]
fn summary_is_the_last_resort() {
    let article = Article { id: "3".into(), summary: Some("Chỉ có tóm tắt.".into()), ..Default::default() };
    let m = mount(config(empty_feed()), move || view! { <ArticleBody article base_url=ARTICLE_URL/> });
    assert_eq!(all(&m.root, "p").iter().map(text).collect::<Vec<_>>(), ["Chỉ có tóm tắt."]);
}
