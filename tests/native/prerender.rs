//! The prerender: one page per route with its head tags, text escaped, and a second run that
//! rewrites only what changed.

use minh_long_portal::api::http::native::serve_local_file;
use minh_long_portal::api::source::Source;
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

// Pages at publish time (prerender/publish.rs): an archive the API answers in-process, one
// change, and exactly the pages it touched rewritten.

mod publish {
    use super::{dist, read, SITE};
    use minh_long_portal::api::ApiError;
    use minh_long_portal::model::date::VIETNAM_OFFSET_MINUTES;
    use minh_long_portal::prerender::publish::{list_page_of, publish, publish_all, Change, Site};
    use minh_long_portal::prerender::site::write_atomic;
    use serde_json::{json, Value};
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::Path;
    use std::rc::Rc;

    const API: &str = "https://minhlong.example.gov.vn/api";

    /// The articles of an API, newest first as its lists answer them.
    type Archive = Rc<RefCell<Vec<Value>>>;

    fn item(n: usize, section: &str) -> Value {
        json!({
            "id": format!("{SITE}/tin/{n}"),
            "title": format!("Tin số {n}"),
            "content_text": format!("Nội dung tin số {n}."),
            // Later n, newer.
            "date_published": format!("2026-01-{:02}T{:02}:00:00+07:00", 1 + n / 24, n % 24),
            "_portal": { "slug": format!("tin-so-{n}"), "category": section },
        })
    }

    /// `n` articles, every third in "Dân vận", the others in "Kinh tế".
    fn archive(n: usize) -> Archive {
        let mut items: Vec<Value> = (0..n).map(|i| item(i, if i % 3 == 0 { "Dân vận" } else { "Kinh tế" })).collect();
        items.reverse();
        Rc::new(RefCell::new(items))
    }

    /// The API's answers, as the portal server gives them: `articles?page&per_page[&tag]` pages
    /// with `next_url`, `articles/{key}` items. Counts the requests in `asked`.
    fn answerer(
        archive: &Archive,
        asked: &Rc<RefCell<Vec<String>>>,
    ) -> impl Fn(&str) -> Result<Vec<u8>, ApiError> + 'static {
        let (archive, asked) = (archive.clone(), asked.clone());
        move |address: &str| {
            asked.borrow_mut().push(address.to_string());
            let url = url::Url::parse(address).map_err(|e| ApiError::Network(e.to_string()))?;
            let items = archive.borrow();
            if let Some(key) = url.path().strip_prefix("/api/articles/") {
                let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy().into_owned();
                let found = items.iter().find(|i| i["_portal"]["slug"] == key.as_str()).ok_or(ApiError::NotFound)?;
                return Ok(found.to_string().into_bytes());
            }
            if url.path() == "/api/stats" {
                return Ok(br#"{"visits": 1790, "page_views": 13832759}"#.to_vec());
            }
            assert_eq!(url.path(), "/api/articles", "{address}");
            let query: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
            let page: usize = query["page"].parse().unwrap();
            let per_page: usize = query["per_page"].parse().unwrap();
            let listed: Vec<&Value> = items
                .iter()
                .filter(|i| query.get("tag").is_none_or(|t| i["_portal"]["category"] == t.as_str()))
                .collect();
            let chunk: Vec<&Value> = listed.iter().skip((page - 1) * per_page).take(per_page).copied().collect();
            let mut feed =
                json!({ "version": "https://jsonfeed.org/version/1.1", "title": "Minh Long", "items": chunk });
            if page * per_page < listed.len() {
                let tag =
                    query.get("tag").map(|t| format!("&tag={}", minh_long_portal::model::url::encode_component(t)));
                feed["next_url"] =
                    format!("{API}/articles?page={}&per_page={per_page}{}", page + 1, tag.unwrap_or_default()).into();
            }
            Ok(feed.to_string().into_bytes())
        }
    }

    fn site(dir: &Path) -> Site {
        Site {
            dist: dir.to_path_buf(),
            site_url: SITE.into(),
            base: String::new(),
            utc_offset_minutes: VIETNAM_OFFSET_MINUTES,
            api: API.into(),
        }
    }

    /// Every file below `dir` with its content.
    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.insert(name, fs::read(&path).unwrap());
                }
            }
        }
        out
    }

    /// The files that differ between two snapshots (changed, added or gone).
    fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
        let mut names: Vec<String> = before.keys().chain(after.keys()).cloned().collect();
        names.sort();
        names.dedup();
        names.into_iter().filter(|n| before.get(n) != after.get(n)).collect()
    }

    /// A dist/ prerendered whole from `archive` (the state before a change).
    fn prerendered(name: &str, archive: &Archive) -> std::path::PathBuf {
        let dir = dist(&format!("publish-{name}"), "{}");
        fs::remove_file(dir.join("feed.json")).unwrap();
        let asked = Rc::new(RefCell::new(Vec::new()));
        let report = publish_all(&site(&dir), answerer(archive, &asked)).unwrap();
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        dir
    }

    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }

    #[test]
    fn a_new_article_rewrites_its_page_the_lists_it_is_in_and_the_sitemap_only() {
        let archive = archive(25);
        let dir = prerendered("new", &archive);
        let before = snapshot(&dir);
        assert!(!dir.join("tin-tuc/tin-so-25").exists());

        archive.borrow_mut().insert(0, item(25, "Kinh tế"));
        let asked = Rc::new(RefCell::new(Vec::new()));
        let change = Change { key: "tin-so-25".into(), home_from_page: 1, ..Change::default() };
        let report = publish(&site(&dir), &change, answerer(&archive, &asked)).unwrap();
        let after = snapshot(&dir);

        // 26 articles: every item moved one place down the news list (3 pages) and the "Kinh tế"
        // list (17 articles, 2 pages); the "Dân vận" pages and the other articles' pages stay.
        let expected = [
            "tin-tuc/tin-so-25/index.html",
            "index.html",
            "trang/2/index.html",
            "trang/3/index.html",
            "chuyen-muc/kinh-te/index.html",
            "chuyen-muc/kinh-te/trang/2/index.html",
            "sitemap.xml",
            ".np-prerendered",
        ];
        assert_eq!(changed(&before, &after), sorted(expected.iter().map(|s| s.to_string()).collect()));
        assert!(report.removed.is_empty(), "{:?}", report.removed);
        let page = read(&dir, "tin-tuc/tin-so-25/index.html");
        assert!(page.contains("<title>Tin số 25 | "), "its own title");
        assert!(page.contains(r#"<meta property="og:title" content="Tin số 25" data-np-head>"#));
        assert!(page.contains(r#""@type":"NewsArticle""#) && page.contains(r#""headline":"Tin số 25""#));
        assert!(page.contains(r#"data-np-prerendered="/tin-tuc/tin-so-25""#));
        assert!(read(&dir, "index.html").contains("/tin-tuc/tin-so-25\""), "the home page lists it");
        let sitemap = read(&dir, "sitemap.xml");
        assert!(sitemap.contains(&format!("<loc>{SITE}/tin-tuc/tin-so-25</loc><lastmod>")));
        assert_eq!(sitemap.matches("<url>").count(), before_urls(&before) + 1);
        assert!(read(&dir, ".np-prerendered").lines().any(|l| l == "tin-tuc/tin-so-25/index.html"));
        // Nothing of the rest of the archive was asked for: the three news list pages and one more
        // to know the third is the last, the section's, the item.
        let asked = asked.borrow();
        assert!(!asked.iter().any(|u| u.contains("/articles/tin-so-3")), "{asked:?}");
        // No temporary file is left behind.
        assert!(!after.keys().any(|f| f.contains(".np-tmp-")), "{:?}", after.keys());
    }

    fn before_urls(before: &BTreeMap<String, Vec<u8>>) -> usize {
        String::from_utf8_lossy(&before["sitemap.xml"]).matches("<url>").count()
    }

    #[test]
    fn an_edit_deep_in_the_list_rewrites_the_list_page_it_is_on_not_the_first() {
        let archive = archive(25);
        let dir = prerendered("edit", &archive);
        let before = snapshot(&dir);
        // Place 14 of the news list (page 2): tin-so-10, in "Kinh tế".
        let at = archive.borrow().iter().position(|i| i["_portal"]["slug"] == "tin-so-10").unwrap();
        assert_eq!(at, 14);
        archive.borrow_mut()[at]["title"] = "Tin số 10 (đã sửa)".into();
        let asked = Rc::new(RefCell::new(Vec::new()));
        let change = Change {
            key: "tin-so-10".into(),
            previous_section: Some("Kinh tế".into()),
            home_from_page: list_page_of(at),
            removed: false,
        };
        publish(&site(&dir), &change, answerer(&archive, &asked)).unwrap();
        let after = snapshot(&dir);
        // Its page, the news list's page 2 and the section page that show it. The sitemap keeps
        // its entries (the article has no date_modified: its lastmod is its date, unchanged).
        assert_eq!(
            changed(&before, &after),
            sorted(vec![
                "chuyen-muc/kinh-te/index.html".into(),
                "tin-tuc/tin-so-10/index.html".into(),
                "trang/2/index.html".into(),
            ])
        );
        assert!(read(&dir, "tin-tuc/tin-so-10/index.html").contains("<title>Tin số 10 (đã sửa) | "));
    }

    #[test]
    fn a_moved_article_rewrites_both_sections() {
        let archive = archive(12);
        let dir = prerendered("moved", &archive);
        let before = snapshot(&dir);
        archive.borrow_mut()[0]["_portal"]["category"] = "Dân vận".into();
        let asked = Rc::new(RefCell::new(Vec::new()));
        let change = Change {
            key: "tin-so-11".into(),
            previous_section: Some("Kinh tế".into()),
            home_from_page: 1,
            removed: false,
        };
        publish(&site(&dir), &change, answerer(&archive, &asked)).unwrap();
        let changed = changed(&before, &snapshot(&dir));
        for file in ["chuyen-muc/kinh-te/index.html", "chuyen-muc/dan-van/index.html", "tin-tuc/tin-so-11/index.html"] {
            assert!(changed.contains(&file.to_string()), "{file}: {changed:?}");
        }
    }

    #[test]
    fn a_deleted_article_loses_its_page_and_its_sitemap_entry() {
        // 21 articles: 3 news list pages; one fewer, 2.
        let archive = archive(21);
        let dir = prerendered("delete", &archive);
        let before = snapshot(&dir);
        assert!(dir.join("trang/3/index.html").exists());
        let at = archive.borrow().iter().position(|i| i["_portal"]["slug"] == "tin-so-19").unwrap();
        archive.borrow_mut().remove(at);
        let asked = Rc::new(RefCell::new(Vec::new()));
        let change = Change {
            key: "tin-so-19".into(),
            removed: true,
            previous_section: Some("Kinh tế".into()),
            home_from_page: list_page_of(at),
        };
        let report = publish(&site(&dir), &change, answerer(&archive, &asked)).unwrap();
        assert!(!dir.join("tin-tuc/tin-so-19").exists(), "the page and its directory are gone");
        assert!(!dir.join("trang/3").exists(), "the news list lost its third page");
        assert_eq!(
            sorted(report.removed.clone()),
            sorted(vec!["tin-tuc/tin-so-19/index.html".into(), "trang/3/index.html".into()])
        );
        let sitemap = read(&dir, "sitemap.xml");
        assert!(!sitemap.contains("/tin-tuc/tin-so-19<"));
        assert!(!sitemap.contains("/trang/3<"));
        assert_eq!(sitemap.matches("<url>").count(), before_urls(&before) - 2);
        let manifest = read(&dir, ".np-prerendered");
        assert!(!manifest.lines().any(|l| l == "tin-tuc/tin-so-19/index.html" || l == "trang/3/index.html"));
        assert!(!read(&dir, "index.html").contains("/tin-tuc/tin-so-19\""));
        assert!(
            !asked.borrow().iter().any(|u| u.ends_with("/articles/tin-so-19")),
            "a deleted article is not asked for"
        );
    }

    #[test]
    fn an_article_the_api_does_not_answer_is_an_error_and_writes_nothing() {
        let archive = archive(5);
        let dir = prerendered("unknown", &archive);
        let before = snapshot(&dir);
        let asked = Rc::new(RefCell::new(Vec::new()));
        let change = Change { key: "khong-co".into(), home_from_page: 1, ..Change::default() };
        let error = publish(&site(&dir), &change, answerer(&archive, &asked)).unwrap_err();
        assert!(error.contains("/api/articles/khong-co"), "{error}");
        assert_eq!(changed(&before, &snapshot(&dir)), Vec::<String>::new());
    }

    /// A reader who opened the old file reads it whole; the path answers the new one whole, at
    /// once (a plain `fs::write` truncates the file the reader is in the middle of).
    #[test]
    fn a_page_is_replaced_atomically() {
        use std::io::Read;
        let dir = dist("publish-atomic", "{}");
        let file = dir.join("tin-tuc/a/index.html");
        let old = "<p>cũ</p>".repeat(10_000);
        let new = "<p>mới</p>".repeat(10_000);
        write_atomic(&file, &old).unwrap();
        let mut reader = fs::File::open(&file).unwrap();
        let mut start = [0u8; 10];
        reader.read_exact(&mut start).unwrap();
        write_atomic(&file, &new).unwrap();
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert_eq!(format!("{}{rest}", String::from_utf8_lossy(&start)), old, "the old file, whole");
        assert_eq!(read(&dir, "tin-tuc/a/index.html"), new);
        let left: Vec<_> = fs::read_dir(dir.join("tin-tuc/a")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("index.html")], "no temporary file left");
    }
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
