//! The WordPress REST API (`/wp/v2/posts?_embed`) against realistic responses and awkward ones.

use minh_long_portal::model::date::{format_date, format_date_time, iso_utc, VIETNAM_OFFSET_MINUTES};
use minh_long_portal::model::wordpress::{
    parse_post, parse_post_list_first, parse_posts, post_by_slug_url, posts_url, total_pages, PROTECTED_SUMMARY,
};
use minh_long_portal::model::{Article, Author, FeedError};

const VN: i32 = VIETNAM_OFFSET_MINUTES;

const POSTS: &str = include_str!("../fixtures/wordpress/posts.json");
const SINGLE: &str = include_str!("../fixtures/wordpress/single-no-embed.json");
const PROTECTED: &str = include_str!("../fixtures/wordpress/protected.json");
const ODD: &str = include_str!("../fixtures/wordpress/odd.json");
const NO_ROUTE: &str = include_str!("../fixtures/wordpress/error-no-route.json");
const INVALID_PAGE: &str = include_str!("../fixtures/wordpress/error-invalid-page.json");
const EMPTY: &str = include_str!("../fixtures/wordpress/empty.json");

fn posts(json: &str) -> Result<(Vec<Article>, Vec<String>), FeedError> {
    parse_posts(json, VN)
}

fn post(json: &str) -> Result<Article, FeedError> {
    parse_post(json, VN)
}

fn first(json: &str) -> Result<Option<Article>, FeedError> {
    parse_post_list_first(json, VN)
}

fn err_text(e: FeedError) -> String {
    let FeedError::NotAFeed(why) = e;
    why
}

#[test]
fn a_normal_page_with_embeds() {
    let (articles, skipped) = posts(POSTS).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(articles.len(), 3);

    let a = &articles[0];
    let link = "https://minhlong.quangngai.gov.vn/2022/04/13/hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022/";
    assert_eq!(a.id, link);
    assert_eq!(a.url.as_deref(), Some(link));
    assert_eq!(a.slug, "hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022");
    assert_eq!(a.title.as_deref(), Some("Hội nghị trực báo công tác dân vận quý I – 2022"));
    assert_eq!(
        a.summary.as_deref(),
        Some("Sáng 13/4, Ban Dân vận Huyện ủy Minh Long tổ chức hội nghị “trực báo” công tác dân vận, mặt trận & lực lượng vũ trang quý I năm 2022…")
    );
    // Content stays HTML, untouched: the DOM sanitizer deals with it.
    let html = a.content_html.as_deref().unwrap();
    assert!(html.starts_with("<p>Sáng 13/4"), "{html}");
    assert!(html.contains("&#8220;trực báo&#8221;") && html.contains("<figure"));
    assert_eq!(a.content_text, None);
    assert_eq!(format_date_time(a.published.unwrap(), VN), "08:00 13/04/2022");
    assert_eq!(iso_utc(a.modified.unwrap()), "2022-04-14T02:15:30Z");
    assert_eq!(
        a.authors,
        vec![Author {
            name: "Ban Dân vận Huyện ủy".into(),
            url: Some("https://minhlong.quangngai.gov.vn/author/bandanvan/".into()),
        }]
    );
    // The full-size source_url, not a thumbnail; alt_text is not used.
    assert_eq!(a.image.as_deref(), Some("https://minhlong.quangngai.gov.vn/wp-content/uploads/2022/04/hoi-nghi.jpg"));
    // "Chưa phân loại" (the default category, slug "uncategorized") is neither category nor tag.
    assert_eq!(a.category.as_deref(), Some("Dân vận"));
    assert_eq!(a.tags, vec!["Mặt trận", "Quý I", "Dân vận"]);
    assert_eq!(a.views, Some(1234));
    assert!(a.attachments.is_empty());
    assert_eq!(a.external_url, None);
    assert_eq!(a.banner_image, None);

    let b = &articles[1];
    // A percent-encoded Vietnamese slug becomes ASCII.
    assert_eq!(b.slug, "kinh-te-xa-hoi-quy-i");
    assert_eq!(b.title.as_deref(), Some("Kinh tế & Xã hội: Minh Long phát triển nông thôn mới"));
    assert_eq!(b.summary.as_deref(), Some("Quý I/2022, tổng giá trị sản xuất trên địa bàn huyện ước đạt 210 tỷ đồng…"));
    // Empty archive link: the author's own website instead; the name's entity is decoded.
    assert_eq!(b.authors[0].name, "Phòng Tài chính – Kế hoạch");
    assert_eq!(b.authors[0].url.as_deref(), Some("https://tckh.minhlong.gov.vn"));
    // The featured media is an embedded error object (private attachment): no image.
    assert_eq!(b.image, None);
    assert_eq!(b.category.as_deref(), Some("Kinh tế & Xã hội"));
    assert_eq!(b.tags, vec!["Kinh tế & Xã hội", "Nông thôn mới"]);
    assert_eq!(b.views, Some(57), "meta.views");
    assert_eq!(b.category_slug().as_deref(), Some("kinh-te-xa-hoi"));

    let c = &articles[2];
    assert_eq!(c.title.as_deref(), Some("Lễ hội dân gian H’re “Ăn trâu”"));
    // Theme "read more" links are plain text like the rest; &nbsp; is whitespace.
    assert_eq!(c.summary.as_deref(), Some("Đồng bào H’re ở xã Thanh An tổ chức lễ hội… Đọc tiếp"));
    // The embedded author is an error object (deleted user): no author rather than a blank one.
    assert!(c.authors.is_empty());
    // No wp:featuredmedia: Jetpack's shortcut field.
    assert_eq!(
        c.image.as_deref(),
        Some("https://i0.wp.com/minhlong.quangngai.gov.vn/wp-content/uploads/2022/04/le-hoi.jpg")
    );
    // A tag named like the category is listed once; custom taxonomies are ignored.
    assert_eq!(c.category.as_deref(), Some("Văn hóa"));
    assert_eq!(c.tags, vec!["Dân tộc thiểu số", "Văn hóa"]);
    assert_eq!(c.views, None);
}

#[test]
fn a_single_post_without_embedded() {
    let a = post(SINGLE).unwrap();
    assert_eq!(a.id, "https://minhlong.quangngai.gov.vn/2022/05/02/thong-bao-lich-tiep-cong-dan-thang-5/");
    assert_eq!(a.slug, "thong-bao-lich-tiep-cong-dan-thang-5");
    assert_eq!(a.title.as_deref(), Some("Thông báo lịch tiếp công dân tháng 5/2022"));
    assert_eq!(a.summary.as_deref(), Some("UBND huyện Minh Long thông báo lịch tiếp công dân…"));
    assert!(a.content_html.as_deref().unwrap().contains("lich-tiep.pdf"));
    assert_eq!(format_date(a.published.unwrap(), VN), "02/05/2022");
    assert!(a.authors.is_empty());
    assert_eq!(a.image, None);
    assert_eq!(a.category, None);
    assert!(a.tags.is_empty());
    assert!(a.attachments.is_empty());

    // The same object is not a page of posts.
    let why = err_text(posts(SINGLE).unwrap_err());
    assert!(why.contains("không phải là một mảng"), "{why}");
    // Through the list-first reader it is accepted as is.
    assert_eq!(first(SINGLE).unwrap(), Some(a));
}

#[test]
fn a_password_protected_post_shows_no_content() {
    let a = first(PROTECTED).unwrap().expect("one post");
    assert_eq!(a.content_html, None);
    assert_eq!(a.content_text, None);
    assert_eq!(a.summary.as_deref(), Some(PROTECTED_SUMMARY));
    assert_eq!(a.summary.as_deref(), Some("Bài viết được bảo vệ bằng mật khẩu."));
    assert_eq!(a.title.as_deref(), Some("Được bảo vệ: Tài liệu họp nội bộ"));
    assert_eq!(a.authors[0].name, "Văn phòng HĐND & UBND");
    assert_eq!(a.category, None, "Uncategorized is not a category");
    assert!(a.tags.is_empty());
    // parse_post accepts the one-element array too.
    assert_eq!(post(PROTECTED).unwrap(), a);
    // Protected even when the server leaks the rendered content.
    let leaky = r#"[{"id":1,"title":{"rendered":"Mật"},"content":{"rendered":"<p>bí mật</p>","protected":true}}]"#;
    let (list, _) = posts(leaky).unwrap();
    assert_eq!(list[0].content_html, None);
    assert_eq!(list[0].summary.as_deref(), Some(PROTECTED_SUMMARY));
}

#[test]
fn odd_types_and_broken_posts() {
    let (articles, skipped) = posts(ODD).unwrap();
    assert_eq!(
        articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        vec![
            "https://minhlong.quangngai.gov.vn/?p=812",
            "813",
            "https://minhlong.quangngai.gov.vn/2022/04/13/tin-ngan-mua-lon-o-long-son-2/"
        ]
    );
    assert_eq!(skipped.len(), 4, "{skipped:?}");
    assert!(skipped[0].starts_with("posts[0]: ") && skipped[0].contains("không phải là đối tượng"), "{skipped:?}");
    assert!(skipped[1].starts_with("posts[2]: "), "{skipped:?}");
    assert!(skipped[2].starts_with("posts[4]: ") && skipped[2].contains("không có tiêu đề"), "{skipped:?}");
    assert!(skipped[3].starts_with("posts[5]: ") && skipped[3].contains("id"), "{skipped:?}");

    // id as a string, title as a plain string, no date_gmt, no excerpt, empty slug.
    let a = &articles[0];
    assert_eq!(a.title.as_deref(), Some("Tin ngắn: mưa lớn ở Long Sơn"));
    assert_eq!(a.slug, "812", "a ?p= link has no path: the numeric id");
    assert_eq!(a.summary, None);
    assert_eq!(a.content_html.as_deref(), Some("<p>Chiều 12/4, mưa lớn kéo dài&#8230;</p>"));
    // `date` is the site's local time.
    assert_eq!(iso_utc(a.published.unwrap()), "2022-04-12T20:30:00Z");
    assert_eq!(format_date(a.published.unwrap(), VN), "13/04/2022");
    assert_eq!(a.modified, None);
    assert_eq!(a.views, Some(42));

    // URL safety: the javascript: link is dropped (the id falls back to the number), so is the
    // author's, and an SVG data URL is no image.
    let b = &articles[1];
    assert_eq!(b.url, None);
    assert_eq!(b.slug, "tin-ngan-mua-lon-o-long-son");
    assert_eq!(b.authors, vec![Author { name: "Kẻ xấu".into(), url: None }]);
    assert_eq!(b.image, None);
    assert_eq!(b.published, None, "date_gmt null and date 0000-00-00");
    assert_eq!(b.summary.as_deref(), Some("Tóm tắt"));
    // wp:term as a flat object instead of an array of arrays.
    assert_eq!(b.tags, vec!["Một thẻ"]);
    assert_eq!(b.category, None);
    assert_eq!(b.views, None, "meta value as an array is not a count");

    let c = &articles[2];
    assert_eq!(c.slug, "tin-ngan-mua-lon-o-long-son-2", "duplicate slugs are made unique");
    assert_eq!(c.title.as_deref(), Some("2022"));
    assert_eq!(c.content_html.as_deref(), Some("<p>Nội dung</p>"), "\"protected\": \"0\" is false");
    assert_eq!(c.summary, None);
    assert_eq!(c.published, a.published, "date_gmt 0000-00-00 falls back to date");
    assert_eq!(iso_utc(c.modified.unwrap()), "2022-04-13T05:00:00Z");
}

/// Guards: a post with an unpaired surrogate escape or a key given twice (both taken by
/// `JSON.parse`) is read like the browser reads it, and the page around it still shows.
#[test]
fn a_lone_surrogate_or_a_repeated_key_keeps_the_page() {
    let page = r#"[
        {"id": 1, "link": "https://site.vn/mot/", "title": {"rendered": "Một \ud83c"}},
        {"id": 2, "link": "https://site.vn/hai/", "title": {"rendered": "cũ"}, "title": {"rendered": "Hai"}},
        {"id": 3, "link": "https://site.vn/ba/", "title": "Ba", "title": {"rendered": "Ba", "rendered": "Ba!"}}
    ]"#;
    let (articles, skipped) = posts(page).expect("the page must not fail");
    assert!(skipped.is_empty(), "{skipped:?}");
    let titles: Vec<_> = articles.iter().map(|a| a.title.as_deref().unwrap_or("")).collect();
    assert_eq!(titles, ["Một \u{fffd}", "Hai", "Ba!"]);
    let one = post(r#"{"id": 4, "link": "https://site.vn/bon/", "title": "a", "title": "Bốn \udc00"}"#).unwrap();
    assert_eq!(one.title.as_deref(), Some("Bốn \u{fffd}"));
}

#[test]
fn dates_gmt_are_utc_and_local_dates_use_the_offset() {
    let one = |date_gmt: &str, date: &str| {
        let json = format!(r#"[{{"id":1,"title":{{"rendered":"x"}},"date_gmt":{date_gmt},"date":{date}}}]"#);
        posts(&json).unwrap().0.remove(0).published
    };
    let ts = one("\"2022-04-13T01:00:00\"", "null").unwrap();
    assert_eq!(format_date(ts, 420), "13/04/2022");
    assert_eq!(iso_utc(ts), "2022-04-13T01:00:00Z");
    // 20:30 UTC on the 12th is already the 13th in Vietnam.
    let late = one("\"2022-04-12T20:30:00\"", "\"2022-04-13T03:30:00\"").unwrap();
    assert_eq!(format_date(late, 420), "13/04/2022");
    assert_eq!(format_date(late, 0), "12/04/2022");
    // Without date_gmt, `date` is local time at the configured offset.
    assert_eq!(one("null", "\"2022-04-13T03:30:00\""), Some(late));
    assert_eq!(one("\"\"", "\"2022-04-13T03:30:00\""), Some(late));
    // date_gmt wins over a disagreeing date.
    assert_eq!(one("\"2022-04-12T20:30:00\"", "\"1999-01-01T00:00:00\""), Some(late));
    assert_eq!(one("\"garbage\"", "\"also garbage\""), None);

    // Another configured offset moves only the local reading.
    let json = r#"{"id":1,"title":"x","date":"2022-04-13T03:30:00"}"#;
    let a = parse_post(json, 0).unwrap();
    assert_eq!(iso_utc(a.published.unwrap()), "2022-04-13T03:30:00Z");
}

#[test]
fn error_bodies_and_non_arrays_are_errors() {
    let why = err_text(posts(NO_ROUTE).unwrap_err());
    assert_eq!(why, "No route was found matching the URL and request method.");
    // Asking past the last page.
    let why = err_text(posts(INVALID_PAGE).unwrap_err());
    assert!(why.contains("larger than the number of pages"), "{why}");
    // The single-post readers report it the same way.
    assert!(err_text(post(NO_ROUTE).unwrap_err()).contains("No route"));
    assert!(err_text(first(NO_ROUTE).unwrap_err()).contains("No route"));
    // An error body without a message still says something.
    assert_eq!(err_text(posts(r#"{"code":"rest_forbidden"}"#).unwrap_err()), "rest_forbidden");

    for body in [r#"{"posts":[]}"#, r#""<html>""#, "42", "null", "true", "{}"] {
        let e = posts(body).expect_err(body);
        assert!(err_text(e).contains("không phải là một mảng"), "{body}");
        assert!(post(body).is_err(), "{body}");
    }
    // Malformed JSON is reported, not a panic.
    assert!(posts("[{\"id\": 1,").is_err());
}

#[test]
fn empty_results() {
    assert_eq!(posts(EMPTY).unwrap(), (vec![], vec![]));
    // The slug lookup found nothing.
    assert_eq!(first(EMPTY).unwrap(), None);
    assert!(err_text(post(EMPTY).unwrap_err()).contains("không tìm thấy"));
    // An array holding only broken posts is an error, not "not found".
    assert!(first(r#"["x", null]"#).is_err());
    // The first usable post wins.
    let a = first(r#"[null, {"id": 9, "title": "Chín"}]"#).unwrap().unwrap();
    assert_eq!(a.id, "9");
    assert_eq!(a.slug, "9");
}

#[test]
fn total_pages_header() {
    assert_eq!(total_pages(Some("3")), Some(3));
    assert_eq!(total_pages(Some(" 12 ")), Some(12));
    assert_eq!(total_pages(Some("0")), Some(0));
    assert_eq!(total_pages(Some("3, 3")), Some(3));
    assert_eq!(total_pages(Some("\"4\"")), Some(4));
    assert_eq!(total_pages(Some("5.0")), Some(5));
    assert_eq!(total_pages(Some("")), None);
    assert_eq!(total_pages(Some("nhiều")), None);
    assert_eq!(total_pages(Some("-1")), None);
    assert_eq!(total_pages(Some("2.5")), None);
    assert_eq!(total_pages(None), None);
}

#[test]
fn urls() {
    let root = "https://minhlong.quangngai.gov.vn/wp-json";
    assert_eq!(
        posts_url(root, 2, 10, None, None),
        "https://minhlong.quangngai.gov.vn/wp-json/wp/v2/posts?_embed&page=2&per_page=10"
    );
    // A trailing slash on the root is dropped; the search is UTF-8 percent-encoded.
    assert_eq!(
        posts_url("https://minhlong.quangngai.gov.vn/wp-json/", 1, 12, Some("dân vận"), Some(5)),
        "https://minhlong.quangngai.gov.vn/wp-json/wp/v2/posts?_embed&page=1&per_page=12&search=d%C3%A2n%20v%E1%BA%ADn&categories=5"
    );
    // Query syntax in the search text cannot add parameters.
    assert_eq!(
        posts_url(root, 1, 10, Some("a&per_page=1#x"), None),
        format!("{root}/wp/v2/posts?_embed&page=1&per_page=10&search=a%26per_page%3D1%23x")
    );
    // Blank searches are left out; page and per_page are kept in the range WordPress accepts.
    assert_eq!(posts_url(root, 0, 500, Some("   "), None), format!("{root}/wp/v2/posts?_embed&page=1&per_page=100"));
    assert_eq!(posts_url(root, 3, 0, None, None), format!("{root}/wp/v2/posts?_embed&page=3&per_page=1"));
    // Sites without pretty permalinks.
    assert_eq!(
        posts_url("https://site.vn/?rest_route=", 1, 10, None, None),
        "https://site.vn/?rest_route=/wp/v2/posts&_embed&page=1&per_page=10"
    );

    assert_eq!(
        post_by_slug_url(root, "le-hoi-dan-gian-hre"),
        format!("{root}/wp/v2/posts?slug=le-hoi-dan-gian-hre&_embed")
    );
    assert_eq!(
        post_by_slug_url(&format!("{root}/"), "lễ hội"),
        format!("{root}/wp/v2/posts?slug=l%E1%BB%85%20h%E1%BB%99i&_embed")
    );
}
