//! The feed shipped with the site (public/feed.json) read the way the app reads it: the seed
//! article's page and the visit counter must show exactly what the original portal showed.

use crate::common::{parse_json, VN};
use minh_long_portal::model::date::format_date;
use minh_long_portal::model::feed::{strip_bom, Feed};
use minh_long_portal::model::format::group_thousands;
use minh_long_portal::model::related::{newest_first, related};
use minh_long_portal::model::Article;

const SEED_SLUG: &str = "hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022";

fn bundled() -> Feed {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/feed.json");
    let text = std::fs::read_to_string(path).expect("public/feed.json");
    parse_json(strip_bom(&text), VN).expect("the bundled feed must parse")
}

fn seed(feed: &Feed) -> &Article {
    feed.articles.iter().find(|a| a.slug == SEED_SLUG).expect("the seed article is in the bundled feed")
}

/// Guards: the bundled feed is complete (enough articles for the home page, nothing skipped,
/// unique slugs, every article dated).
#[test]
fn parses_completely() {
    let f = bundled();
    assert!(f.articles.len() >= 16, "only {} articles", f.articles.len());
    assert!(f.skipped.is_empty(), "{:?}", f.skipped);
    let mut slugs: Vec<&str> = f.articles.iter().map(|a| a.slug.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs.len(), f.articles.len(), "slugs must be unique");
    assert!(f.articles.iter().all(|a| a.published.is_some() && a.title.is_some()));
    assert_eq!(f.site.name.as_deref(), Some("ỦY BAN NHÂN DÂN HUYỆN MINH LONG"));
}

/// Guards: the seed article shows what the original page showed (tests/fixtures/seed-article.txt):
/// 13/04/2022, 131 views, author Công Hoan, the one attached image.
#[test]
fn seed_article_matches_the_original_page() {
    let f = bundled();
    let a = seed(&f);
    assert_eq!(a.views, Some(131));
    assert_eq!(format_date(a.published.expect("dated"), VN), "13/04/2022");
    assert_eq!(a.authors.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Công Hoan"]);
    assert!(a.title.as_deref().unwrap().starts_with("Hội nghị trực báo công tác dân vận"));
    assert_eq!(a.category.as_deref(), Some("Dân vận"));
    assert_eq!(a.attachments.len(), 1);
    let att = &a.attachments[0];
    assert_eq!(att.title.as_deref(), Some("Công tác dân vận năm 2022.jpg"));
    assert_eq!(att.display_name(), "Công tác dân vận năm 2022.jpg");
    assert!(att.size_in_bytes.is_some_and(|n| n > 0), "size shown next to the file");
    assert!(att.is_image());
}

/// Guards: "Tin liên quan" for the seed is non-empty, newest first and never the seed itself.
#[test]
fn related_news_for_the_seed() {
    let f = bundled();
    let a = seed(&f);
    let rel = related(&f.articles, a, 5);
    assert!(!rel.is_empty());
    assert!(rel.iter().all(|r| r.slug != a.slug && r.id != a.id));
    let dates: Vec<i64> = rel.iter().map(|r| r.date().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
    // Every related article shares the category or a tag (compared folded, as the model does).
    let fold = minh_long_portal::model::slug::slugify;
    for r in &rel {
        let same_cat = r.section().map(fold) == a.section().map(fold);
        let shared_tag = r.tags.iter().any(|t| a.tags.iter().any(|u| fold(t) == fold(u)));
        assert!(same_cat || shared_tag, "{} is not related", r.slug);
    }
    // The whole feed newest first is a permutation in date order.
    let order = newest_first(&f.articles);
    assert_eq!(order.len(), f.articles.len());
    assert!(order.windows(2).all(|w| f.articles[w[0]].date() >= f.articles[w[1]].date()));
}

/// Guards: the visit counter figures of the original portal, grouped the Vietnamese way.
#[test]
fn visit_counter_figures() {
    let f = bundled();
    assert_eq!(f.stats.visits, Some(1790));
    assert_eq!(f.stats.page_views, Some(13_832_759));
    assert_eq!(group_thousands(f.stats.visits.unwrap()), "1.790");
    assert_eq!(group_thousands(f.stats.page_views.unwrap()), "13.832.759");
}
