//! `SiteFooter` (contact block from the feed's `_portal.contact`) and `Loading`.

use crate::support::{attr, config, data_url, empty_feed, mount, text, wait_for_text};
use leptos::prelude::*;
use minh_long_portal::components::loading::Loading;
use minh_long_portal::components::site_footer::SiteFooter;
use minh_long_portal::context::DEFAULT_SITE_NAME;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn footer_shows_the_contact_block_of_the_feed() {
    let feed = data_url(
        r#"{"version":"1.1","items":[],"_portal":{"contact":{
            "agency":"Ủy ban nhân dân huyện Thử","address":"Xã Long Hiệp","phone":"0255 3867 135",
            "email":"thu@quangngai.gov.vn","responsible":"Chánh Văn phòng","licence":"Giấy phép số 05/GP"}}}"#,
    );
    let m = mount(config(feed), || view! { <SiteFooter/> });
    wait_for_text(&m.root, "Ủy ban nhân dân huyện Thử").await;
    let lines: Vec<_> = m.all("footer p").iter().map(text).collect();
    assert_eq!(
        lines,
        [
            "Ủy ban nhân dân huyện Thử",
            "Địa chỉ: Xã Long Hiệp",
            "Điện thoại: 0255 3867 135",
            "Email: thu@quangngai.gov.vn",
            "Chịu trách nhiệm chính: Chánh Văn phòng",
            "Giấy phép số 05/GP",
        ]
    );
    let mail = m.one("footer a");
    assert_eq!(attr(&mail, "href").as_deref(), Some("mailto:thu@quangngai.gov.vn"));
    assert_eq!(attr(&mail, "rel").as_deref(), Some("external"));
}

#[wasm_bindgen_test]
async fn footer_falls_back_to_the_default_agency_name() {
    let m = mount(config(empty_feed()), || view! { <SiteFooter/> });
    m.feed_settled().await.expect("empty feed loads");
    wait_for_text(&m.root, DEFAULT_SITE_NAME).await;
    assert_eq!(m.all("footer p").len(), 1);
}

#[wasm_bindgen_test]
fn loading_is_one_status_message_and_hidden_placeholder_lines() {
    let m = mount(config(empty_feed()), || view! { <Loading lines=3/> });
    assert_eq!(attr(&m.one(".np-loading"), "aria-busy").as_deref(), Some("true"));
    let status = m.all("[role=status]");
    assert_eq!(status.len(), 1);
    assert_eq!(text(&status[0]), "Đang tải…");
    let lines = m.all(".np-loading__line");
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| attr(l, "aria-hidden").as_deref() == Some("true")));
}
