//! The prerender: one page per route with its head tags, text escaped, and a second run that
//! rewrites only what changed.

use minh_long_portal::api::http_native::serve_local_file;
use minh_long_portal::config::Source;
use minh_long_portal::model::date::VIETNAM_OFFSET_MINUTES;
use minh_long_portal::prerender::site::{run, Options, Report};
use std::fs;
use std::path::{Path, PathBuf};

const SITE: &str = "https://minhlong.example.gov.vn";
const SEED: &str = "hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A dist/ with Trunk's index.html and `feed` as feed.json.
fn dist(name: &str, feed: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("np-prerender-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(repo("index.html"), dir.join("index.html")).unwrap();
    fs::write(dir.join("feed.json"), feed).unwrap();
    dir
}

fn prerender(dir: &Path, base: &str) -> Report {
    let url = format!("{SITE}{base}/feed.json");
    serve_local_file(&url, dir.join("feed.json"));
    let options = Options {
        source: Source::Feed(url),
        dist: dir.to_path_buf(),
        site_url: SITE.into(),
        base: base.into(),
        utc_offset_minutes: VIETNAM_OFFSET_MINUTES,
    };
    run(&options).unwrap()
}

fn bundled() -> String {
    fs::read_to_string(repo("public/feed.json")).unwrap()
}

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn every_route_gets_a_page() {
    let dir = dist("routes", &bundled());
    let report = prerender(&dir, "");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let feed: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    let items = feed["items"].as_array().unwrap();
    for item in items {
        let slug = item["_portal"]["slug"].as_str().unwrap();
        let page = read(&dir, &format!("tin-tuc/{slug}/index.html"));
        let title = item["title"].as_str().unwrap();
        assert!(
            page.contains(&format!("<h1 tabindex=\"-1\" class=\"np-page-heading\">{}</h1>", escape(title))),
            "{slug}"
        );
    }
    // 24 articles, 10 a page: the home page and two more.
    for file in [
        "index.html",
        "trang/2/index.html",
        "trang/3/index.html",
        "tim-kiem/index.html",
        "404.html",
        "chuyen-muc/dan-van/index.html",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    assert!(!dir.join("trang/4/index.html").exists());
    let page2 = read(&dir, "trang/2/index.html");
    assert!(page2.contains(r#"href="/trang/3""#), "page 2 links to page 3");
    assert!(!read(&dir, "trang/3/index.html").contains("np-paged__more"), "the last page has no Xem thêm");
    let sitemap = read(&dir, "sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), items.len() + 3 + 1 + count_sections(&dir));
    assert!(read(&dir, "robots.txt").contains(&format!("Sitemap: {SITE}/sitemap.xml")));
    assert!(read(&dir, "404.html").contains("Không tìm thấy trang"));
}

/// The text of the page's JSON-LD block.
fn json_ld_text(page: &str) -> &str {
    let after = page.split(r#"<script type="application/ld+json" data-np-head>"#).nth(1).expect("a JSON-LD block");
    after.split("</script>").next().unwrap_or_default()
}

fn count_sections(dir: &Path) -> usize {
    fs::read_dir(dir.join("chuyen-muc")).unwrap().count()
}

fn escape(s: &str) -> String {
    minh_long_portal::prerender::head::text(s).into_owned()
}

#[test]
fn an_article_page_has_its_head_tags() {
    let dir = dist("head", &bundled());
    prerender(&dir, "");
    let page = read(&dir, &format!("tin-tuc/{SEED}/index.html"));
    let url = format!("{SITE}/tin-tuc/{SEED}");
    for needle in [
        "<title>Hội nghị trực báo công tác dân vận, mặt trận, các tổ chức chính trị- xã hội ,lực lượng vũ trang quý I năm 2022. | ".to_string(),
        format!(r#"<link rel="canonical" href="{url}" data-np-head>"#),
        format!(r#"<meta property="og:url" content="{url}" data-np-head>"#),
        r#"<meta property="og:type" content="article" data-np-head>"#.into(),
        r#"<meta property="og:locale" content="vi_VN" data-np-head>"#.into(),
        r#"<meta property="article:published_time" content="2022-04-13T01:00:00Z" data-np-head>"#.into(),
        r#"<meta name="twitter:card" content="summary_large_image" data-np-head>"#.into(),
        format!(r#"<meta property="og:image" content="{SITE}/files/"#),
        r#"<script type="application/ld+json" data-np-head>{"@context":"https://schema.org","@type":"NewsArticle""#.into(),
        format!(r#"data-np-prerendered="/tin-tuc/{SEED}""#),
        "Sáng ngày 6/4/2022, Thường trực Huyện ủy Minh Long".into(),
    ] {
        assert!(page.contains(&needle), "missing {needle}");
    }
    let ld = json_ld_text(&page);
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    for key in ["headline", "datePublished", "dateModified", "author", "image", "publisher"] {
        assert!(!ld[key].is_null(), "JSON-LD {key}");
    }
    // The page does not start the wasm before its first paint: no preloads left.
    assert!(!page.contains("rel=\"preload\"") && !page.contains("rel=\"modulepreload\""));
    // Home and sections have their own tags.
    let section = read(&dir, "chuyen-muc/dan-van/index.html");
    assert!(section.contains("<title>Dân vận | "));
    assert!(section.contains(&format!(r#"<link rel="canonical" href="{SITE}/chuyen-muc/dan-van" data-np-head>"#)));
    assert!(section.contains(r#"<meta property="og:type" content="website" data-np-head>"#));
    let home = read(&dir, "index.html");
    assert!(home.contains("<title>Tin mới nhất | "));
    assert!(home.contains(&format!(r#"<link rel="canonical" href="{SITE}/" data-np-head>"#)));
}

#[test]
fn under_a_base_path() {
    let dir = dist("base", &bundled());
    prerender(&dir, "/tin-huyen");
    let page = read(&dir, &format!("tin-tuc/{SEED}/index.html"));
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{SITE}/tin-huyen/tin-tuc/{SEED}" data-np-head>"#)));
    assert!(page.contains(r#"href="/tin-huyen/chuyen-muc/dan-van""#));
    assert!(read(&dir, "trang/2/index.html").contains(r#"href="/tin-huyen/trang/3""#));
    assert!(read(&dir, "robots.txt").contains(&format!("Sitemap: {SITE}/tin-huyen/sitemap.xml")));
}

#[test]
fn every_text_field_is_escaped() {
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "<b>Cổng</b> \"tin\"",
        "items": [{
            "id": "1",
            "title": "Tiêu đề <script>alert(1)</script> & \"ngoặc\" 'đơn'",
            "summary": "</title><script>alert(2)</script>",
            "content_text": "<img src=x onerror=alert(3)>",
            "date_published": "2022-04-13T08:00:00+07:00",
            "tags": ["<i>Mục</i>"],
            "authors": [{ "name": "</script><script>alert(4)</script>" }],
            "_portal": { "slug": "bai-1" }
        }]
    });
    let dir = dist("escape", &feed.to_string());
    prerender(&dir, "");
    let page = read(&dir, "tin-tuc/bai-1/index.html");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"));
    assert!(!page.contains("<i>Mục</i>"));
    assert!(page.contains("Tiêu đề &lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
    // Inside the JSON-LD block "<" is \u003c: its text cannot close the element.
    let ld = json_ld_text(&page);
    assert!(!ld.contains('<'));
    assert_eq!(page.matches("<script").count(), page.matches("</script>").count());
}

#[test]
fn a_second_run_rewrites_only_what_changed() {
    let dir = dist("incremental", &bundled());
    let first = prerender(&dir, "");
    assert!(first.written.len() > 30);
    let again = prerender(&dir, "");
    assert!(again.written.is_empty(), "unchanged source, nothing rewritten: {:?}", again.written);
    assert!(again.removed.is_empty());

    // One article changes its title; another is taken down.
    let mut feed: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    let items = feed["items"].as_array_mut().unwrap();
    let changed = items.iter().position(|i| i["_portal"]["slug"] == "le-giao-nhan-quan-nam-2022").unwrap();
    items[changed]["title"] = "Lễ giao nhận quân năm 2022 (cập nhật)".into();
    let gone = items.remove(items.iter().position(|i| i["_portal"]["slug"] == "khai-giang-nam-hoc-2021-2022").unwrap());
    fs::write(dir.join("feed.json"), feed.to_string()).unwrap();
    let third = prerender(&dir, "");
    assert!(
        third.written.contains(&"tin-tuc/le-giao-nhan-quan-nam-2022/index.html".to_string()),
        "{:?}",
        third.written
    );
    assert!(third.removed.contains(&format!("tin-tuc/{}/index.html", gone["_portal"]["slug"].as_str().unwrap())));
    assert!(!dir.join("tin-tuc/khai-giang-nam-hoc-2021-2022").exists());
    assert!(third.written.len() < first.written.len(), "{:?}", third.written);
    assert!(third.unchanged > 0);
}

#[test]
fn a_future_or_placeholder_date_is_not_the_lead() {
    let feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[
        {"id":"a","title":"Ngày giữ chỗ","content_text":"x","date_published":"9999-12-31T23:00:00Z","_portal":{"slug":"giu-cho"}},
        {"id":"b","title":"Bài hẹn giờ","content_text":"x","date_published":"2999-01-01T00:00:00+07:00","_portal":{"slug":"hen-gio"}},
        {"id":"c","title":"Tin hôm qua","content_text":"x","date_published":"2026-01-02T08:00:00+07:00","_portal":{"slug":"hom-qua"}}
    ]}"#;
    let dir = dist("future-lead", feed);
    prerender(&dir, "");
    let home = read(&dir, "index.html");
    let order: Vec<usize> = ["hom-qua", "hen-gio", "giu-cho"]
        .iter()
        .map(|slug| home.find(&format!("/tin-tuc/{slug}\"")).unwrap_or_else(|| panic!("{slug} listed")))
        .collect();
    assert!(order[0] < order[1] && order[1] < order[2], "past first, then the future soonest first: {order:?}");
    assert!(!home.contains("10000"), "no date shows the year 10000");
    assert!(read(&dir, "tin-tuc/giu-cho/index.html").contains("Ngày giữ chỗ"));
}

/// A feed in pages (`next_url`): the home list's following pages hold the items of the later
/// source pages, and every article of every page gets its page.
#[test]
fn the_lists_following_pages_come_from_every_source_page() {
    let item = |n: usize| {
        format!(
            r#"{{"id":"n{n}","title":"Tin số {n}","content_text":"x","date_published":"2026-01-{:02}T08:00:00+07:00","_portal":{{"slug":"tin-so-{n}"}}}}"#,
            28 - n
        )
    };
    let page = |range: std::ops::Range<usize>, next: Option<&str>| {
        let items: Vec<String> = range.map(item).collect();
        let next = next.map(|u| format!(r#","next_url":"{u}""#)).unwrap_or_default();
        format!(r#"{{"version":"https://jsonfeed.org/version/1.1","title":"t"{next},"items":[{}]}}"#, items.join(","))
    };
    let second = format!("{SITE}/feed-2.json");
    let dir = dist("paged-source", &page(0..10, Some(&second)));
    fs::write(dir.join("feed-2.json"), page(10..25, None)).unwrap();
    serve_local_file(&second, dir.join("feed-2.json"));
    let report = prerender(&dir, "");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    for n in 0..25 {
        assert!(dir.join(format!("tin-tuc/tin-so-{n}/index.html")).exists(), "article {n}");
    }
    let page2 = read(&dir, "trang/2/index.html");
    let page3 = read(&dir, "trang/3/index.html");
    assert!(
        page2.contains("/tin-tuc/tin-so-10\"") && page2.contains("/tin-tuc/tin-so-19\""),
        "items 10–19 on /trang/2"
    );
    assert!(page3.contains("/tin-tuc/tin-so-24\""), "items 20–24 on /trang/3");
    assert!(!dir.join("trang/4/index.html").exists());
    assert!(page2.contains("href=\"/trang/3\""), "\"Xem thêm\" links the next page");
    assert!(!page3.contains("href=\"/trang/4\""));
}

/// A feed of two files chained by `next_url`, with one slug on both pages: every article gets its
/// page (those of page 2 too), and the later of the two same-slug articles its own address.
#[test]
fn articles_of_later_pages_get_pages_under_the_lists_addresses() {
    let item = |n: u32, slug: &str| {
        serde_json::json!({
            "id": format!("https://minhlong.example.gov.vn/tin/{n}"),
            "title": format!("Tin số {n}"),
            "content_text": format!("Nội dung tin số {n}."),
            "date_published": format!("2022-04-{:02}T08:00:00+07:00", 28 - n),
            "_portal": { "slug": slug },
        })
    };
    let page1: Vec<_> = (1..=10).map(|n| item(n, &format!("tin-{n}"))).chain([item(11, "trung-ten")]).collect();
    let page2: Vec<_> = (12..=15).map(|n| item(n, &format!("tin-{n}"))).chain([item(16, "trung-ten")]).collect();
    let url2 = format!("{SITE}/trang-2.json");
    let feed1 = serde_json::json!({ "version": "https://jsonfeed.org/version/1.1", "title": "T", "next_url": url2, "items": page1 });
    let feed2 = serde_json::json!({ "version": "https://jsonfeed.org/version/1.1", "title": "T", "items": page2 });
    let dir = dist("paged", &feed1.to_string());
    fs::write(dir.join("trang-2.json"), feed2.to_string()).unwrap();
    serve_local_file(&url2, dir.join("trang-2.json"));
    let report = prerender(&dir, "");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    for n in (1..=10).chain(12..=15) {
        assert!(read(&dir, &format!("tin-tuc/tin-{n}/index.html")).contains(&format!(">Tin số {n}</h1>")), "tin-{n}");
    }
    assert!(read(&dir, "tin-tuc/trung-ten/index.html").contains(">Tin số 11</h1>"));
    assert!(read(&dir, "tin-tuc/trung-ten-2/index.html").contains(">Tin số 16</h1>"));
}

/// An article whose slug is too long for a file name (300 characters) gets a page under a shortened
/// address, and the home page and the sitemap link that same address: nothing is left out silently.
#[test]
fn an_article_with_a_slug_too_long_for_a_file_name_gets_its_page_under_a_safe_address() {
    let long = "bao-cao-ket-qua-thuc-hien-nhiem-vu".repeat(9); // 306 characters
    assert!(long.len() > 255);
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [
            {
                "id": "https://minhlong.example.gov.vn/tin/dai",
                "title": "Tin có địa chỉ rất dài",
                "content_text": "Nội dung.",
                "date_published": "2022-04-20T08:00:00+07:00",
                "_portal": { "slug": long },
            },
            {
                "id": "https://minhlong.example.gov.vn/tin/ngan",
                "title": "Tin ngắn",
                "content_text": "Nội dung.",
                "date_published": "2022-04-19T08:00:00+07:00",
                "_portal": { "slug": "tin-ngan" },
            },
        ],
    });
    let dir = dist("long-slug", &feed.to_string());
    let report = prerender(&dir, "");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let home = read(&dir, "index.html");
    let href = home
        .split("href=\"/tin-tuc/")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|slug| long.starts_with(slug.rsplit_once('-').map_or(*slug, |(head, _)| head)) && *slug != "tin-ngan")
        .unwrap_or_else(|| panic!("the home page links the long article"));
    assert!(href.len() <= 200, "a safe directory name: {} bytes", href.len());
    let page = read(&dir, &format!("tin-tuc/{href}/index.html"));
    assert!(page.contains(">Tin có địa chỉ rất dài</h1>"));
    assert!(read(&dir, "sitemap.xml").contains(&format!("<loc>{SITE}/tin-tuc/{href}</loc>")), "in the sitemap");
}
