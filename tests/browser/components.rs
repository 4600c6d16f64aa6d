//! Components mounted for real (`leptos::mount::mount_to`) under a `MountContext` context whose feed is
//! a `data:` URL, so the resource goes through the browser's `fetch` without any server.

use crate::support::{attr, config, data_url, empty_feed, feed_with_stats, mount, text, wait_for_text};
use leptos::prelude::*;
use minh_long_portal::api::ApiError;
use minh_long_portal::components::article_list::Teaser;
use minh_long_portal::components::attachment_list::AttachmentList;
use minh_long_portal::components::error_view::ErrorView;
use minh_long_portal::components::paged_list::{newest_first, ItemView, Order, PagedList};
use minh_long_portal::components::visit_counter::VisitCounter;
use minh_long_portal::model::{date, Article, Attachment, Feed};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

// ---- the feed resource itself ---------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_data_url_feed_loads_through_the_portal_resource() {
    let m = mount(config(feed_with_stats(r#"{"visits":1}"#)), || ());
    let feed = m.feed_settled().await.expect("data: feed should load");
    assert_eq!(feed.title.as_deref(), Some("Thử nghiệm"));
    assert_eq!(feed.articles.len(), 1);
    assert_eq!(feed.stats.visits, Some(1));
}

#[wasm_bindgen_test]
async fn a_feed_that_is_not_json_settles_to_a_decode_error() {
    let m = mount(config(data_url("<!doctype html><p>Lỗi máy chủ</p>")), || ());
    match m.feed_settled().await {
        Err(ApiError::Decode(why)) => assert!(why.contains("HTML"), "{why}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// ---- VisitCounter ---------------------------------------------------------------------------

fn counter_rows(m: &crate::support::Mounted) -> Vec<String> {
    m.all("li.np-counter__row").iter().map(|li| text(li).trim().to_string()).collect()
}

#[wasm_bindgen_test]
async fn visit_counter_groups_thousands_vietnamese_style() {
    let m = mount(config(feed_with_stats(r#"{"visits":1790,"page_views":13832759}"#)), || view! { <VisitCounter/> });
    wait_for_text(&m.root, "13.832.759").await;
    assert_eq!(counter_rows(&m), ["Số lượt truy cập: 1.790", "Tổng số lượt xem: 13.832.759"]);
    let section = m.one("section.np-counter");
    assert_eq!(attr(&section, "aria-label").as_deref(), Some("Thống kê truy cập"));
    assert!(m.find("[aria-label='chưa có số liệu']").is_none());
}

#[wasm_bindgen_test]
async fn visit_counter_shows_a_labelled_dash_for_a_missing_figure() {
    let m = mount(config(feed_with_stats(r#"{"visits":1790}"#)), || view! { <VisitCounter/> });
    wait_for_text(&m.root, "1.790").await;
    assert_eq!(counter_rows(&m), ["Số lượt truy cập: 1.790", "Tổng số lượt xem: —"]);
    let values = m.all("strong.np-counter__value");
    assert_eq!(attr(&values[0], "aria-label"), None);
    assert_eq!(text(&values[1]), "—");
    assert_eq!(attr(&values[1], "aria-label").as_deref(), Some("chưa có số liệu"));
}

#[wasm_bindgen_test]
async fn visit_counter_adds_optional_rows_only_when_present() {
    let m = mount(
        config(feed_with_stats(r#"{"visits":1790,"page_views":13832759,"online":12,"today":345,"this_month":6789}"#)),
        || view! { <VisitCounter/> },
    );
    wait_for_text(&m.root, "6.789").await;
    assert_eq!(
        counter_rows(&m),
        [
            "Số lượt truy cập: 1.790",
            "Tổng số lượt xem: 13.832.759",
            "Đang trực tuyến: 12",
            "Hôm nay: 345",
            "Tháng này: 6.789",
        ]
    );

    let m = mount(
        config(feed_with_stats(r#"{"visits":1790,"page_views":13832759,"today":0}"#)),
        || view! { <VisitCounter/> },
    );
    wait_for_text(&m.root, "Hôm nay").await;
    assert_eq!(counter_rows(&m), ["Số lượt truy cập: 1.790", "Tổng số lượt xem: 13.832.759", "Hôm nay: 0"]);
}

#[wasm_bindgen_test]
async fn visit_counter_shows_dashes_when_the_feed_fails() {
    let m = mount(config(data_url("{\"items\": 3}")), || view! { <VisitCounter/> });
    assert!(m.feed_settled().await.is_err());
    sleep_a_tick().await;
    assert_eq!(counter_rows(&m), ["Số lượt truy cập: —", "Tổng số lượt xem: —"]);
    assert_eq!(m.all("[aria-label='chưa có số liệu']").len(), 2);
}

async fn sleep_a_tick() {
    crate::support::sleep(20).await;
}

// ---- ErrorView ------------------------------------------------------------------------------

fn click(el: &web_sys::Element) {
    el.dyn_ref::<HtmlElement>().expect("an HTML element").click();
}

#[wasm_bindgen_test]
async fn error_view_for_a_server_error_is_an_alert_with_a_working_retry() {
    // `Callback` requires `Send + Sync`, so the click count is an Arc<AtomicUsize>, not Rc<Cell>.
    let clicks = Arc::new(AtomicUsize::new(0));
    let on_retry = {
        let clicks = clicks.clone();
        Callback::new(move |()| {
            clicks.fetch_add(1, Ordering::SeqCst);
        })
    };
    let m = mount(config(empty_feed()), move || view! { <ErrorView error=ApiError::Http(500) on_retry/> });
    let alert = m.one("[role=alert]");
    assert!(text(&alert).contains("Máy chủ trả về lỗi HTTP 500."), "{}", text(&alert));
    assert!(text(&m.one("h1")).contains("Không tải được dữ liệu"));
    let button = m.one("[role=alert] button");
    assert_eq!(text(&button).trim(), "Thử lại");
    assert_eq!(attr(&button, "type").as_deref(), Some("button"));
    assert_eq!(clicks.load(Ordering::SeqCst), 0);
    click(&button);
    // Busy until the retried load ends (the view is then replaced): a second click is ignored.
    click(&button);
    assert_eq!(clicks.load(Ordering::SeqCst), 1);
    assert_eq!(attr(&button, "aria-disabled").as_deref(), Some("true"));
    assert_eq!(text(&m.one("[role=status]")), "Đang thử lại…");
}

#[wasm_bindgen_test]
fn error_view_offers_no_retry_without_a_callback_or_for_a_config_error() {
    let m = mount(config(empty_feed()), || view! { <ErrorView error=ApiError::Timeout/> });
    assert!(text(&m.one("[role=alert]")).contains("Máy chủ không phản hồi kịp thời"));
    assert!(m.find("button").is_none());

    let on_retry = Callback::<()>::new(|()| panic!("a configuration error cannot be retried"));
    let m = mount(config(empty_feed()), move || {
        view! { <ErrorView error=ApiError::Config("thiếu data-feed".into()) on_retry/> }
    });
    assert!(text(&m.one("[role=alert]")).contains("Cấu hình trang chưa đúng: thiếu data-feed."));
    assert!(m.find("button").is_none());
}

#[wasm_bindgen_test]
fn error_view_for_not_found_has_a_heading_and_a_way_home() {
    let m = mount(config(empty_feed()), || {
        view! { <ErrorView error=ApiError::NotFound home_href="/tin-huyen/".to_string()/> }
    });
    let h1 = m.one("h1");
    assert!(text(&h1).contains("Không tìm thấy"), "{}", text(&h1));
    let home = m.one("a.np-error__home");
    assert_eq!(text(&home), "Về trang chủ");
    assert_eq!(attr(&home, "href").as_deref(), Some("/tin-huyen/"));
    assert!(m.find("[role=alert]").is_none(), "not found is not an alert");
    assert!(m.find("button").is_none());
}

// ---- AttachmentList -------------------------------------------------------------------------

fn pdf() -> Attachment {
    Attachment {
        url: "https://minhlong.gov.vn/files/K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%2012.pdf".into(),
        mime_type: "application/pdf".into(),
        title: None,
        size_in_bytes: Some(1_258_291),
        duration_in_seconds: None,
    }
}

#[wasm_bindgen_test]
fn attachment_link_names_the_file_its_type_and_size() {
    let m = mount(config(empty_feed()), || view! { <AttachmentList attachments=vec![pdf()]/> });
    assert_eq!(attr(&m.one("section.np-attachments"), "aria-label").as_deref(), Some("Tài liệu đính kèm"));
    let link = m.one("a.np-attachments__link");
    let name = text(&link);
    assert!(name.contains("Kế hoạch số 12.pdf"), "{name}");
    assert!(name.contains("PDF"), "{name}");
    assert!(name.contains("1,2 MB"), "{name}");
    assert_eq!(name, "Kế hoạch số 12.pdf (PDF, 1,2 MB)");
    assert_eq!(attr(&link, "rel").as_deref(), Some("external"));
    assert_eq!(attr(&link, "type").as_deref(), Some("application/pdf"));
    assert_eq!(attr(&link, "href").as_deref(), Some(pdf().url.as_str()));
    // The icon repeats the type for sighted readers only.
    let icon = m.one(".np-attachments__icon");
    assert_eq!(attr(&icon, "aria-hidden").as_deref(), Some("true"));
    assert!(!link.contains(Some(&icon)));
}

#[wasm_bindgen_test]
fn attachment_titles_durations_and_relative_urls() {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    // An http(s) feed URL, as in production, so relative attachment URLs resolve against it.
    // (Nothing serves it; the resource's 404 is irrelevant to AttachmentList.)
    let source = format!("{origin}/du-lieu/feed.json");
    let list = vec![
        Attachment {
            url: "tep/bao-cao.docx".into(),
            mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
            title: Some("Báo cáo tổng kết".into()),
            size_in_bytes: Some(87_347),
            duration_in_seconds: None,
        },
        Attachment {
            url: "https://minhlong.gov.vn/am-thanh/ban-tin.mp3".into(),
            mime_type: "audio/mpeg".into(),
            title: None,
            size_in_bytes: None,
            duration_in_seconds: Some(205),
        },
    ];
    let m = mount(config(source), move || view! { <AttachmentList attachments=list/> });
    let links = m.all("a.np-attachments__link");
    assert_eq!(links.len(), 2);
    assert_eq!(text(&links[0]), "Báo cáo tổng kết (DOCX, 85,3 KB)");
    assert_eq!(attr(&links[0], "href"), Some(format!("{origin}/du-lieu/tep/bao-cao.docx")));
    assert_eq!(text(&links[1]), "ban-tin.mp3 (MP3, 3:25)");
}

#[wasm_bindgen_test]
fn no_attachments_render_nothing() {
    let m = mount(config(empty_feed()), || view! { <AttachmentList attachments=Vec::new()/> });
    assert!(m.find("section").is_none(), "{}", m.root.inner_html());
    assert_eq!(m.text().trim(), "");
}

// ---- Teaser / PagedList ---------------------------------------------------------------------

/// 20:00 UTC on the 14th is 03:00 on the 15th in Vietnam (UTC+7, the config's 420 minutes).
const PUBLISHED: &str = "2024-03-14T20:00:00Z";

fn article(slug: &str, title: &str) -> Article {
    Article {
        id: format!("https://minhlong.gov.vn/tin-tuc/{slug}"),
        slug: slug.into(),
        title: Some(title.into()),
        summary: Some(format!("Tóm tắt: {title}")),
        category: Some("Chính trị".into()),
        published: date::parse(PUBLISHED, 420),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
fn teaser_links_to_the_article_and_dates_it() {
    let a = article("khai-mac-ky-hop-thu-7", "Khai mạc kỳ họp thứ 7");
    let m = mount(config(empty_feed()), move || view! { <Teaser article=a/> });
    let link = m.one("h2 a");
    assert_eq!(attr(&link, "href").as_deref(), Some("/tin-tuc/khai-mac-ky-hop-thu-7"));
    assert_eq!(text(&link), "Khai mạc kỳ họp thứ 7");
    let time = m.one("time");
    assert_eq!(attr(&time, "datetime").as_deref(), Some(PUBLISHED));
    assert_eq!(text(&time), "15/03/2024");
    assert_eq!(text(&m.one(".np-teaser__section")), "Chính trị");
    assert_eq!(text(&m.one(".np-teaser__summary")), "Tóm tắt: Khai mạc kỳ họp thứ 7");
}

#[wasm_bindgen_test]
fn teaser_respects_the_base_path_and_optional_parts() {
    let mut cfg = config(empty_feed());
    cfg.base = "/tin-huyen".into();
    let a = Article { published: None, category: None, ..article("bai-khong-ngay", "Bài không ngày") };
    let m = mount(cfg, move || view! { <Teaser article=a summary=false/> });
    assert_eq!(attr(&m.one("h2 a"), "href").as_deref(), Some("/tin-huyen/tin-tuc/bai-khong-ngay"));
    assert!(m.find("time").is_none());
    assert!(m.find(".np-teaser__section").is_none());
    assert!(m.find(".np-teaser__summary").is_none());
}

#[wasm_bindgen_test]
fn teaser_of_a_title_less_item_uses_its_summary_as_link_text() {
    let a = Article {
        title: None,
        summary: Some("Thông báo lịch tiếp công dân tháng 4".into()),
        ..article("thong-bao", "")
    };
    let m = mount(config(empty_feed()), move || view! { <Teaser article=a summary=false/> });
    assert_eq!(text(&m.one("h2 a")), "Thông báo lịch tiếp công dân tháng 4");
}

#[wasm_bindgen_test]
fn paged_list_shows_a_page_newest_first_with_the_lead_first() {
    // 12 articles, day i of March: newest first is 12, 11, …; a page is 10.
    let articles: Vec<Article> = (1..=12)
        .map(|i| Article {
            published: date::parse(&format!("2024-03-{i:02}T08:00:00Z"), 420),
            ..article(&format!("tin-{i}"), &format!("Tin {i}"))
        })
        .collect();
    let feed = Arc::new(Feed { articles, ..Default::default() });
    let m = mount(config(empty_feed()), move || {
        let order: Order = Arc::new(|pages| newest_first(pages, &|_| true));
        let item: ItemView = Arc::new(|a: &Article, n| view! { <Teaser article=a.clone() lead=n == 0/> }.into_any());
        view! { <PagedList first=feed order item empty="Trống" lead=true/> }
    });
    let items = m.all("ul.np-list > li.np-list__item");
    assert_eq!(items.len(), 10);
    let titles: Vec<_> = m.all("li h2 a").iter().map(text).collect();
    assert_eq!(titles.first().map(String::as_str), Some("Tin 12"));
    assert_eq!(titles.last().map(String::as_str), Some("Tin 3"));
    assert_eq!(m.all("li.np-list__item--lead").len(), 1);
    assert!(items[0].class_name().contains("np-list__item--lead"));
    assert_eq!(m.all(".np-teaser--lead").len(), 1);
    assert_eq!(text(&m.one("button.np-paged__more")), "Xem thêm");
}
