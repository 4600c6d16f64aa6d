//! Feeds as they are really written: one fixture (tests/fixtures/feeds/) per awkwardness, each
//! test saying what it guards.

use crate::common::{article, feed, fixture, ids, parse_json, slugs, try_feed, try_feed_at, VN};
use minh_long_portal::model::date::{format_date_time, iso_utc};
use minh_long_portal::model::feed::{parse_item, strip_bom, FeedError};
use minh_long_portal::model::{Author, Stats};

fn assert_not_a_feed(name: &str) -> String {
    match try_feed(name) {
        Err(FeedError::NotAFeed(why)) => {
            assert!(!why.is_empty(), "{name}: the error should say why");
            why
        }
        Ok(f) => panic!("{name} must be rejected, got {} articles", f.articles.len()),
    }
}

// ---- version strings -------------------------------------------------------------------------

/// Guards: the short version string "1.0" some generators write is accepted.
#[test]
fn version_1_0_string() {
    assert_eq!(ids(&feed("version-1.0.json")), ["v"]);
}

/// Guards: the short version string "1.1" is accepted.
#[test]
fn version_1_1_string() {
    assert_eq!(ids(&feed("version-1.1.json")), ["v"]);
}

/// Guards: the 1.0 version URL (no "/1.1") is accepted.
#[test]
fn version_1_url() {
    assert_eq!(ids(&feed("version-url-1.json")), ["v"]);
}

/// Guards: a version this reader does not know is refused rather than half-read.
#[test]
fn unsupported_version_is_an_error() {
    let why = assert_not_a_feed("version-unsupported.json");
    assert!(why.contains("version/2"), "{why}");
}

// ---- dates --------------------------------------------------------------------------------------

/// Guards: RFC 2822 dates (RSS habits) with numeric and named zones; a garbled one is just absent.
/// Regression: RFC 2822 years are free-form digits and a year near i64::MAX overflowed the day
/// arithmetic (a panic in debug builds, a garbage date in release); years past 9999 are refused.
#[test]
fn rfc2822_dates() {
    let f = feed("dates-rfc2822.json");
    let a = article(&f, "rfc2822-offset");
    assert_eq!(iso_utc(a.published.unwrap()), "2019-05-31T19:17:58Z");
    assert_eq!(format_date_time(a.published.unwrap(), VN), "02:17 01/06/2019");
    assert_eq!(iso_utc(a.modified.unwrap()), "2019-06-01T08:00:00Z");
    assert_eq!(article(&f, "rfc2822-no-weekday").published, a.published);
    assert_eq!(article(&f, "rfc2822-named-zone").published, a.published, "EDT is UTC-4");
    let broken = article(&f, "rfc2822-garbage");
    assert_eq!((broken.published, broken.modified), (None, None));
    let huge = article(&f, "rfc2822-huge-year");
    assert_eq!((huge.published, huge.modified), (None, None));
    assert!(f.skipped.is_empty(), "a bad date does not cost the item");
}

/// Guards: dates without a zone are wall-clock time at the portal's offset: UTC+7 by default,
/// another offset when the operator configures one.
#[test]
fn dates_without_zone_use_the_configured_offset() {
    let vn = feed("dates-no-zone.json");
    assert_eq!(iso_utc(article(&vn, "local-datetime").published.unwrap()), "2022-04-12T17:30:00Z");
    assert_eq!(iso_utc(article(&vn, "local-date-only").published.unwrap()), "2022-04-12T17:00:00Z");
    assert_eq!(iso_utc(article(&vn, "local-space").published.unwrap()), "2022-04-12T16:59:59Z");
    assert_eq!(format_date_time(article(&vn, "local-datetime").published.unwrap(), VN), "00:30 13/04/2022");

    let utc = try_feed_at("dates-no-zone.json", 0).unwrap();
    assert_eq!(iso_utc(article(&utc, "local-datetime").published.unwrap()), "2022-04-13T00:30:00Z");
    let new_york = try_feed_at("dates-no-zone.json", -5 * 60).unwrap();
    assert_eq!(iso_utc(article(&new_york, "local-date-only").published.unwrap()), "2022-04-13T05:00:00Z");
    assert_eq!(format_date_time(article(&new_york, "local-space").published.unwrap(), -300), "23:59 12/04/2022");
}

// ---- lenient values ---------------------------------------------------------------------------

/// Guards: counts written as strings (with grouping) or floats, and a string "true" for `expired`.
/// Regression: "1.790" (Vietnamese grouping, as the portal itself prints 1790) was read as the
/// decimal 1.79, i.e. 1 visit.
#[test]
fn numbers_as_strings() {
    let f = feed("numbers-as-strings.json");
    assert!(f.expired);
    assert_eq!(
        f.stats,
        Stats {
            visits: Some(1790),
            page_views: Some(13_832_759),
            online: Some(12),
            today: Some(57),
            this_month: Some(1204)
        }
    );
    let a = article(&f, "numbers");
    assert_eq!(a.views, Some(131));
    assert_eq!(a.attachments[0].size_in_bytes, Some(1024));
    assert_eq!(a.attachments[0].duration_in_seconds, Some(60));
    // Unreadable or negative counts are absent, the attachment itself stays.
    assert_eq!(a.attachments[1].size_in_bytes, None);
    assert_eq!(a.attachments[1].duration_in_seconds, None);
    // Grouping in text; a JSON fraction is still a fraction, not a grouped number.
    assert_eq!(a.attachments[2].size_in_bytes, Some(1_048_576));
    assert_eq!(a.attachments[2].duration_in_seconds, Some(6629));
}

/// Guards: a UTF-8 byte-order mark (which JSON parsers reject) is stripped before parsing.
#[test]
fn utf8_bom() {
    let raw = fixture("bom.json");
    assert!(raw.starts_with('\u{feff}'), "the fixture must keep its BOM");
    assert!(parse_json(&raw, VN).is_err(), "without strip_bom the document is not JSON");
    let f = parse_json(strip_bom(&raw), VN).unwrap();
    assert_eq!(f.title.as_deref(), Some("Có BOM"));
    assert_eq!(ids(&f), ["bom"]);
    assert_eq!(strip_bom("{}"), "{}", "no BOM, nothing stripped");
}

/// Guards: numeric ids are coerced to their decimal text, as the spec asks.
#[test]
fn numeric_ids() {
    let f = feed("numeric-ids.json");
    assert_eq!(ids(&f), ["123", "4", "9007199254740993", "2.5"]);
    assert_eq!(slugs(&f), ["123", "4", "9007199254740993", "2-5"]);
}

/// Guards: empty or blank strings mean "absent", never an empty link, image, tag or author.
#[test]
fn empty_strings_are_absent_fields() {
    let f = feed("empty-strings.json");
    assert_eq!((f.title.as_deref(), f.home_page_url.as_deref(), f.feed_url.as_deref()), (None, None, None));
    assert_eq!((f.description.as_deref(), f.icon.as_deref(), f.favicon.as_deref()), (None, None, None));
    assert_eq!((f.next_url.as_deref(), f.language.as_deref()), (None, None));
    assert!(f.authors.is_empty());
    assert_eq!((f.site.name.as_deref(), f.site.agency.as_deref(), f.site.phone.as_deref()), (None, None, None));

    let a = article(&f, "empty-fields");
    assert_eq!(a.title.as_deref(), Some("Có tiêu đề"));
    assert_eq!((a.url.as_deref(), a.external_url.as_deref()), (None, None));
    assert_eq!((a.content_html.as_deref(), a.content_text.as_deref(), a.summary.as_deref()), (None, None, None));
    assert_eq!((a.image.as_deref(), a.banner_image.as_deref()), (None, None));
    assert_eq!((a.published, a.modified, a.language.as_deref()), (None, None, None));
    assert!(a.authors.is_empty());
    assert_eq!(a.tags, ["Dân vận"]);
    assert_eq!((a.category.as_deref(), a.views), (None, None));
    assert_eq!(a.slug, "empty-fields", "an empty _portal.slug falls back to the id");
    assert_eq!(a.attachments.len(), 1, "an attachment without a URL is dropped");
    assert_eq!(a.attachments[0].mime_type, "application/octet-stream");
    assert_eq!(a.attachments[0].title, None);

    // An empty id falls back to the URL; an item whose title and contents are all empty is skipped.
    let from_url = article(&f, "https://example.org/id-from-url");
    assert_eq!(from_url.slug, "id-from-url");
    assert_eq!(ids(&f).len(), 2);
    assert_eq!(f.skipped.len(), 1);
    assert!(f.skipped[0].starts_with("items[2]"), "{:?}", f.skipped);
}

/// Regression: text that decodes to nothing ("&nbsp;", "&#32;") used to give an empty feed title,
/// summary, category, attachment title and an author with an empty name; it is now absent like
/// an empty string, and an item left with nothing to show is skipped.
#[test]
fn text_that_decodes_to_nothing_is_absent() {
    let f = feed("blank-after-decoding.json");
    assert_eq!(f.title, None);
    let a = article(&f, "blank-after-decoding");
    assert_eq!((a.title.as_deref(), a.summary.as_deref(), a.category.as_deref()), (None, None, None));
    assert_eq!(
        a.authors,
        [Author { name: "https://example.org/tac-gia".into(), url: Some("https://example.org/tac-gia".into()) }]
    );
    assert_eq!(a.attachments[0].title, None);
    assert_eq!(a.attachments[0].display_name(), "a.pdf");
    assert_eq!(a.tags, ["Tin tức"]);
    assert_eq!(a.section(), Some("Tin tức"), "an empty category no longer hides the first tag");
    assert_eq!(a.display_title(VN), "Chỉ có nội dung.");
    assert_eq!(ids(&f), ["blank-after-decoding"]);
    assert_eq!(f.skipped.len(), 1, "{:?}", f.skipped);
}

/// Guards: HTML character references in plain-text fields (titles, summary, tags, category,
/// author names, attachment titles) are decoded, including the Latin-1 names (`&atilde;`) and
/// `&abreve;`/`&Dstrok;` that PHP's htmlentities() writes into Vietnamese text; content_html is
/// left for the sanitizer; markup-looking titles stay text.
#[test]
fn entities_in_plain_text_fields() {
    let f = feed("entities-in-titles.json");
    assert_eq!(f.title.as_deref(), Some("Tin tức – UBND huyện"));
    let a = article(&f, "entities");
    assert_eq!(a.title.as_deref(), Some("Kinh tế & Xã hội"));
    assert_eq!(a.content_html.as_deref(), Some("<p>Kinh t&#7871; &amp; X&atilde; h&#7897;i</p>"));
    assert_eq!(a.summary.as_deref(), Some("\"Chương trình\" mục tiêu"));
    assert_eq!(a.tags, ["Dân vận"], "decoded before de-duplication");
    assert_eq!(a.authors, [Author { name: "Công Hoan".into(), url: None }]);
    assert_eq!(a.category.as_deref(), Some("Đảng & Đoàn thể"));
    assert_eq!(a.attachments[0].title.as_deref(), Some("Đại hội ăn mừng.jpg"));

    let m = article(&f, "markup-as-text");
    assert_eq!(m.title.as_deref(), Some("<script>alert(1)</script> AT&T &unknown; &#xZZ;"));
}

/// Guards: unknown keys and `_extensions` anywhere (feed, item, author, attachment, _portal) are
/// ignored without disturbing the known fields.
#[test]
fn unknown_keys_and_extensions_are_ignored() {
    let f = feed("unknown-keys.json");
    assert_eq!(f.title.as_deref(), Some("Khóa lạ"));
    assert_eq!(f.site.name.as_deref(), Some("Cổng"));
    assert_eq!(f.stats.visits, Some(1));
    let a = article(&f, "unknown-keys");
    assert_eq!((a.slug.as_str(), a.views), ("bai-co-khoa-la", Some(9)));
    assert_eq!(a.authors, [Author { name: "Tác giả".into(), url: None }]);
    assert_eq!(a.attachments.len(), 1);
    assert!(f.skipped.is_empty());
}

// ---- broken items and broken documents ---------------------------------------------------------

/// Guards: items that cannot be used are skipped one by one, with their index and reason, while
/// the good ones still render.
#[test]
fn broken_items_are_skipped_and_counted() {
    let f = feed("broken-items.json");
    assert_eq!(ids(&f), ["good-1", "https://example.org/good-2"]);
    let skipped_indices: Vec<&str> = f.skipped.iter().map(|s| s.split(':').next().unwrap()).collect();
    assert_eq!(
        skipped_indices,
        ["items[0]", "items[1]", "items[2]", "items[4]", "items[5]", "items[6]", "items[7]", "items[8]"],
        "{:#?}",
        f.skipped
    );
    assert!(f.skipped.iter().all(|s| s.len() > "items[0]: ".len()), "each skip says why: {:?}", f.skipped);
}

/// Guards: `items` that is not an array makes the document unusable.
#[test]
fn items_not_an_array_is_an_error() {
    assert_not_a_feed("items-not-array.json");
    assert_not_a_feed("items-string.json");
}

/// A feed of three items around `middle` (the JSON text of the second).
fn three_items_around(middle: &str) -> String {
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","items":[
            {{"id":"1","title":"Một"}}, {middle}, {{"id":"3","title":"Ba"}}]}}"#
    )
}

/// Guards: an unpaired surrogate escape (what a JavaScript `.slice()` through an emoji writes),
/// which `JSON.parse` takes, neither fails the feed nor loses its item: it reads as U+FFFD.
#[test]
fn a_lone_surrogate_reads_as_a_replacement_character() {
    let f = parse_json(&three_items_around(r#"{"id":"2","title":"Tết 🎉 \ud83c","tags":["\udc00x"]}"#), VN)
        .expect("one odd escape must not fail the feed");
    assert_eq!(ids(&f), ["1", "2", "3"]);
    assert_eq!(article(&f, "2").title.as_deref(), Some("Tết 🎉 \u{fffd}"));
    assert_eq!(article(&f, "2").tags, ["\u{fffd}x"]);
    assert!(f.skipped.is_empty(), "{:?}", f.skipped);
    // Also in the document's own fields, and in a single item.
    let top = r#"{"version":"1.1","title":"Cổng \ud83d","items":[{"id":"1","title":"x"}]}"#;
    assert_eq!(parse_json(top, VN).unwrap().title.as_deref(), Some("Cổng \u{fffd}"));
    let item = parse_item(r#"{"id":"9","summary":"\ude00 tóm tắt"}"#, VN).unwrap();
    assert_eq!(item.summary.as_deref(), Some("\u{fffd} tóm tắt"));
}

/// Guards: a key given twice, which `JSON.parse` takes (the last wins), neither fails the feed nor
/// loses its item; the last value wins here too, in items and in the document itself.
#[test]
fn a_key_given_twice_keeps_the_last() {
    let f = parse_json(
        &three_items_around(r#"{"id":"2","title":"cũ","title":"mới","_portal":{"views":1,"views":"1.790"}}"#),
        VN,
    )
    .expect("a repeated key must not fail the feed");
    assert_eq!(ids(&f), ["1", "2", "3"]);
    assert_eq!(article(&f, "2").title.as_deref(), Some("mới"));
    assert_eq!(article(&f, "2").views, Some(1790));
    let top = r#"{"version":"1.1","title":"a","title":"b","items":[{"id":"1","title":"x","id":"2"}]}"#;
    let f = parse_json(top, VN).unwrap();
    assert_eq!((f.title.as_deref(), ids(&f)), (Some("b"), vec!["2"]));
}

/// Guards: an item the reader cannot hold at all (a number beyond any float) is skipped with its
/// index and the reason, and the others still render, instead of the whole portal failing.
#[test]
fn an_unreadable_item_is_skipped_and_names_itself() {
    let f = parse_json(&three_items_around(r#"{"id":"2","title":1e400}"#), VN).expect("the other items still show");
    assert_eq!(ids(&f), ["1", "3"]);
    assert_eq!(f.skipped.len(), 1, "{:?}", f.skipped);
    assert!(f.skipped[0].starts_with("items[1]: ") && f.skipped[0].len() > "items[1]: ".len(), "{:?}", f.skipped);
}

/// Guards: a document without `items` (or with `items: null`) is not a feed.
#[test]
fn missing_items_is_an_error() {
    assert_not_a_feed("missing-items.json");
    assert_not_a_feed("items-null.json");
}

/// Guards: only a JSON object can be a feed: arrays, numbers, strings and null are refused.
#[test]
fn top_level_non_objects_are_errors() {
    for name in ["top-level-array.json", "top-level-number.json", "top-level-string.json", "top-level-null.json"] {
        assert_not_a_feed(name);
    }
}

/// Regression: serde's derived struct visitor also accepts a JSON array, reading it field by field
/// in declaration order, so a 13-element array with an array in 13th place used to parse as a feed.
#[test]
fn positional_array_is_not_a_feed() {
    assert_not_a_feed("top-level-positional-array.json");
}

// ---- display --------------------------------------------------------------------------------------

/// Guards: title-less (microblog) items still get readable link text: summary, text, HTML without
/// tags, else the date, else a fixed label.
#[test]
fn title_less_items_get_a_display_title() {
    let f = feed("title-less-items.json");
    assert!(f.skipped.is_empty(), "{:?}", f.skipped);
    let title = |id: &str| article(&f, id).display_title(VN);
    assert_eq!(title("summary"), "Tóm tắt ngắn");
    assert_eq!(title("text"), "Cats are neat. https://example.org/cats");
    let long = title("long-text");
    assert!(long.ends_with('…') && long.chars().count() <= 81, "{long}");
    assert!(long.starts_with("Sáng ngày 6/4/2022, Thường trực Huyện ủy Minh Long"), "{long}");
    assert!(title("html").starts_with("Kinh tế & Xã hội"), "{}", title("html"));
    assert_eq!(title("only-markup-dated"), "Bài viết ngày 13/04/2022");
    assert_eq!(title("only-markup-undated"), "Bài viết không có tiêu đề");
    assert_eq!(article(&f, "blank-title").title, None);
    assert_eq!(title("blank-title"), "Tiêu đề trắng thì dùng nội dung.");
}

/// Guards: the `_portal` extension at feed level (site name, visit counter, contact block) and at
/// item level (slug, views, category); a `_portal` that is not an object is ignored.
#[test]
fn portal_extension() {
    let f = feed("portal-extension.json");
    assert_eq!(f.site.name.as_deref(), Some("ỦY BAN NHÂN DÂN HUYỆN MINH LONG"));
    assert_eq!(f.site.agency.as_deref(), Some("Ủy ban nhân dân huyện Minh Long"));
    assert_eq!(f.site.address.as_deref(), Some("Xã Long Hiệp, huyện Minh Long, tỉnh Quảng Ngãi"));
    assert_eq!(f.site.phone.as_deref(), Some("0255 3867 135"));
    assert_eq!(f.site.email.as_deref(), Some("minhlong@quangngai.gov.vn"));
    assert_eq!(f.site.responsible.as_deref(), Some("Chánh Văn phòng HĐND và UBND huyện Minh Long"));
    assert_eq!(f.site.licence.as_deref(), Some("Giấy phép số 05/GP-STTTT"));
    assert_eq!(
        f.stats,
        Stats {
            visits: Some(1790),
            page_views: Some(13_832_759),
            online: Some(12),
            today: Some(57),
            this_month: Some(1204)
        }
    );

    let a = article(&f, "https://minhlong.quangngai.gov.vn/tin-tuc/123");
    assert_eq!((a.slug.as_str(), a.views, a.category.as_deref()), ("hoi-nghi-dan-van", Some(131), Some("Dân vận")));
    assert_eq!(a.section(), Some("Dân vận"), "the category wins over the first tag");
    assert_eq!(a.category_slug().as_deref(), Some("dan-van"));
    assert_eq!(article(&f, "portal-slug-needs-slugifying").slug, "tin-noi-bat-2022");
    let plain = article(&f, "portal-not-an-object");
    assert_eq!((plain.slug.as_str(), plain.views, plain.category.as_deref()), ("portal-not-an-object", None, None));
    assert_eq!(plain.section(), Some("Kinh tế"));
    assert_eq!(article(&f, "portal-slug-empty-after-slugify").slug, "portal-slug-empty-after-slugify");
}

/// Guards: without `_portal.slug` the slug comes from the id alone (last URL path segment, extension
/// dropped, %-escapes decoded, Vietnamese folded; a query, or an id without letters, adds a six-
/// character FNV-1a hash of the id, checked here against an independent computation), and true
/// duplicates get -2, -3, … so every reader URL is unique.
#[test]
fn slugs_from_ids_are_unique() {
    let f = feed("slugs-from-ids.json");
    assert_eq!(
        slugs(&f),
        [
            "le-hoi-hre",
            "le-hoi-hre-yfs2db",
            "le-hoi-hre-2",
            "post",
            "cong-tac",
            "tag-example-org-2022-bai-12",
            "12345",
            "bai-viet-yciw7o",
            "bai-viet-ckr8de",
        ]
    );
}

/// Guards: a derived slug does not move when an article is published before it (SharePoint-style
/// ids share their path and differ in the query).
#[test]
fn derived_slugs_stay_when_an_article_is_published() {
    let item = |n: u32| {
        format!(
            r#"{{"id":"https://minhlong.gov.vn/Pages/tin-tuc.aspx?ItemID={n}","title":"Tin số {n}","content_text":"x"}}"#
        )
    };
    let feed_of = |ns: &[u32]| {
        let items: Vec<String> = ns.iter().map(|&n| item(n)).collect();
        let json =
            format!(r#"{{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{}]}}"#, items.join(","));
        parse_json(&json, VN).expect("feed parses")
    };
    let before = feed_of(&[3, 2, 1]);
    let after = feed_of(&[4, 3, 2, 1]);
    for a in &before.articles {
        let same = after.articles.iter().find(|b| b.slug == a.slug).expect("the slug still exists");
        assert_eq!(same.id, a.id, "/tin-tuc/{} shows the same article", a.slug);
    }
}

/// Guards: an attachment's `mime_type` reaches the link's `type` attribute only as `type/subtype`
/// (found by the 100,000-case prerender fuzz: `"javascript:alert(1)"` was written there, inert but
/// not a type).
#[test]
fn attachment_types_are_mime_types_or_generic() {
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"a","title":"x","attachments":[
        {"url":"https://x.example/a.pdf","mime_type":"application/pdf"},
        {"url":"https://x.example/b","mime_type":"javascript:alert(1)"},
        {"url":"https://x.example/c","mime_type":"text/html; charset=utf-8"},
        {"url":"https://x.example/d","mime_type":"image/svg+xml"}]}]}"#;
    let f = parse_json(json, VN).expect("feed parses");
    let types: Vec<&str> = f.articles[0].attachments.iter().map(|a| a.mime_type.as_str()).collect();
    assert_eq!(types, ["application/pdf", "application/octet-stream", "application/octet-stream", "image/svg+xml"]);
}

/// Guards: script-capable URLs (javascript:, data:text/html, vbscript:, however disguised) never
/// reach a link or image; an attachment whose URL is unsafe is dropped entirely; an author with an
/// unsafe URL keeps the name only, and one with nothing else is dropped.
#[test]
fn unsafe_urls_are_dropped() {
    let f = feed("unsafe-urls.json");
    assert_eq!((f.home_page_url.as_deref(), f.feed_url.as_deref(), f.next_url.as_deref()), (None, None, None));
    assert_eq!(f.icon, None);
    assert_eq!(f.favicon.as_deref(), Some("data:image/png;base64,iVBORw0KGgo="), "raster data: images are fine");
    assert_eq!(f.authors, [Author { name: "Kẻ xấu".into(), url: None }]);

    let bad = article(&f, "unsafe");
    assert_eq!((bad.url.as_deref(), bad.external_url.as_deref()), (None, None));
    assert_eq!((bad.image.as_deref(), bad.banner_image.as_deref()), (None, None));
    assert_eq!(bad.authors, [Author { name: "Tác giả".into(), url: None }]);
    assert_eq!(bad.attachments.len(), 1, "{:?}", bad.attachments);
    assert_eq!(bad.attachments[0].url, "https://example.org/files/that.pdf");
    assert_eq!(bad.slug, "unsafe", "the item itself is kept");

    let ok = article(&f, "safe");
    assert_eq!(ok.url.as_deref(), Some("/tin-tuc/safe"));
    assert_eq!(ok.external_url.as_deref(), Some("HTTPS://Example.org/x"));
    assert_eq!(ok.image.as_deref(), Some("//cdn.example.org/a.png"));
    assert_eq!(ok.banner_image.as_deref(), Some("data:image/jpeg;base64,/9j/4AAQ"));
    assert_eq!(ok.attachments.len(), 1);
}

/// Guards: the deprecated singular `author` of items is read when `authors` is absent or holds no
/// usable object, and ignored when `authors` is present.
#[test]
fn deprecated_item_author() {
    let f = feed("authors-deprecated.json");
    let names = |id: &str| article(&f, id).authors.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        article(&f, "item-author").authors,
        [Author { name: "Công Hoan".into(), url: Some("https://example.org/cong-hoan".into()) }]
    );
    assert_eq!(names("both"), ["Được ưu tiên"]);
    assert_eq!(names("authors-all-garbage"), ["Dự phòng"]);
    assert_eq!(names("url-only"), ["https://example.org/anon"], "no name: the URL is shown");
    assert!(names("none").is_empty());
    assert_eq!(f.authors, [Author { name: "Tác giả cả kênh".into(), url: None }]);
}

/// Guards: attachments without a title are named after their URL's file name, %-decoded, with
/// query and fragment dropped. Regression: "%+1" used to be decoded as byte 0x01 because
/// `u8::from_str_radix` accepts a leading '+'.
#[test]
fn attachment_names_from_urls() {
    let f = feed("attachment-names.json");
    let att = &article(&f, "attachment-names").attachments;
    assert_eq!(att.len(), 4);
    assert_eq!(att[0].display_name(), "Công tác dân vận.pdf");
    assert_eq!(att[0].kind_label(), "PDF");
    assert_eq!(att[1].display_name(), "lai-suat-5%+1.pdf");
    assert_eq!(att[2].mime_type, "application/octet-stream");
    assert_eq!((att[2].display_name().as_str(), att[2].kind_label().as_str()), ("bao-cao.docx", "DOCX"));
    assert!(att[3].is_image());
    assert_eq!(att[3].display_name(), "example.org", "blank title: the last non-empty path segment");
}
