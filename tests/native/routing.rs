//! Address matching of the app's router, against what leptos_router 0.8 (which it replaced) did
//! with the same five routes.

use minh_long_portal::routing::location::Location;
use minh_long_portal::routing::routes::{decode_component, match_path, Page};

fn page(path: &str, base: &str) -> (Page, String) {
    let r = match_path(path, base);
    (r.page, r.slug)
}

#[test]
fn the_five_pages_at_the_site_root() {
    assert_eq!(page("/", ""), (Page::Home, "".into()));
    assert_eq!(page("", ""), (Page::Home, "".into()));
    assert_eq!(page("/tin-tuc/hoi-nghi", ""), (Page::Article, "hoi-nghi".into()));
    assert_eq!(page("/tin-tuc/hoi-nghi/", ""), (Page::Article, "hoi-nghi".into()));
    assert_eq!(page("/chuyen-muc/dan-van", ""), (Page::Category, "dan-van".into()));
    assert_eq!(page("/tim-kiem", ""), (Page::Search, "".into()));
    assert_eq!(page("/tim-kiem/", ""), (Page::Search, "".into()));
    for unknown in ["/khong-co", "/tin-tuc", "/tin-tuc/", "/tin-tuc/a/b", "/tin-tuc/a//", "/tin-tucx/a", "/Tin-Tuc/a", "//", "/tim-kiem/x"] {
        assert_eq!(page(unknown, "").0, Page::NotFound, "{unknown}");
    }
}

#[test]
fn under_a_base_path() {
    let base = "/tin-huyen";
    assert_eq!(page("/tin-huyen", base).0, Page::Home);
    assert_eq!(page("/tin-huyen/", base).0, Page::Home);
    assert_eq!(page("/tin-huyen/tin-tuc/x", base), (Page::Article, "x".into()));
    assert_eq!(page("/tin-huyen/tim-kiem", base).0, Page::Search);
    for outside in ["/", "/tin-tuc/x", "/tin-huyenx", "/tin-huyen-khac/tin-tuc/x", "/other/tin-huyen"] {
        assert_eq!(page(outside, base).0, Page::NotFound, "{outside}");
    }
}

#[test]
fn slugs_are_decoded_like_decode_uri_component() {
    assert_eq!(page("/tin-tuc/h%E1%BB%99i-ngh%E1%BB%8B", "").1, "hội-nghị");
    assert_eq!(page("/chuyen-muc/a%20b", "").1, "a b");
    // Where decodeURIComponent throws, the raw text stays.
    assert_eq!(page("/tin-tuc/50%", "").1, "50%");
    assert_eq!(page("/tin-tuc/%FF", "").1, "%FF");
    assert_eq!(decode_component("%2F%3f+"), "/?+");
    assert_eq!(decode_component("%E1%BB"), "%E1%BB");
}

#[test]
fn queries_read_like_url_search_params() {
    let q = |search: &str| Location { search: search.into(), ..Default::default() }.query("q");
    assert_eq!(q("q=dan%20van"), Some("dan van".into()));
    assert_eq!(q("q=dan+van"), Some("dan van".into()));
    assert_eq!(q("q=d%C3%A2n+v%E1%BA%ADn"), Some("dân vận".into()));
    assert_eq!(q("q=a%2Bb"), Some("a+b".into()));
    assert_eq!(q("x=1&q=a&q=b"), Some("b".into()), "the last value wins");
    assert_eq!(q("q"), Some("".into()));
    assert_eq!(q("qq=1"), None);
    assert_eq!(q(""), None);
    assert_eq!(q("q=50%"), Some("50%".into()));
    assert_eq!(q("q=100%2525"), Some("100%25".into()), "decoded once");
}

#[test]
fn a_query_comes_back_as_it_was_typed() {
    use minh_long_portal::model::portal_api::encode_component;
    for typed in ["dân vận", "100%25", "50%", "a+b", "a&q=b", "x=y", "#1", "?", "giảm 20% – 2022"] {
        let l = Location { search: format!("q={}", encode_component(typed)), ..Default::default() };
        assert_eq!(l.query("q").as_deref(), Some(typed), "{typed:?}");
    }
}

#[test]
fn an_address_splits_into_path_query_and_fragment() {
    let l = Location::parse("/tim-kiem?q=a?b#x#y");
    assert_eq!((l.path.as_str(), l.search.as_str(), l.hash.as_str()), ("/tim-kiem", "q=a?b", "#x#y"));
    assert_eq!(l.href(), "/tim-kiem?q=a?b#x#y");
    assert_eq!(Location::parse("/").href(), "/");
    assert_eq!(Location::parse("/a#?b").search, "");
}

#[test]
fn index_html_is_the_home_page() {
    assert_eq!(page("/index.html", ""), (Page::Home, "".into()));
    assert_eq!(page("/tin-huyen/index.html", "/tin-huyen"), (Page::Home, "".into()));
    for other in ["/index.htm", "/tin-tuc/index.html/x", "/index.html/x", "/khac/index.html", "/tin-huyenindex.html"] {
        assert_eq!(page(other, "/tin-huyen").0, Page::NotFound, "{other}");
    }
    assert_eq!(page("/index.html/", "").0, Page::Home);
}
