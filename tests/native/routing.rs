//! Address matching of the app's router, against what leptos_router 0.8 (which it replaced) did
//! with the same five routes.

use minh_long_portal::routing::location::Location;
use minh_long_portal::routing::table::{decode_component, normalize_base, Page, Route};
use minh_long_portal::routing::Routing;

fn page(path: &str, base: &str) -> (Page, String) {
    let r = Route::parse(path, "", base);
    (r.page(), r.slug().to_string())
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
    for unknown in [
        "/khong-co",
        "/tin-tuc",
        "/tin-tuc/",
        "/tin-tuc/a/b",
        "/tin-tuc/a//",
        "/tin-tucx/a",
        "/Tin-Tuc/a",
        "//",
        "/tim-kiem/x",
    ] {
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

/// The prerender writes every page as `…/index.html`, and a static server or a bookmark may name
/// it so: the app must read the same page there (it took the article over as a 404 before).
#[test]
fn every_page_is_itself_under_its_index_html() {
    for base in ["", "/tin-huyen"] {
        for path in ["/tin-tuc/x", "/chuyen-muc/dan-van", "/chuyen-muc/dan-van/trang/3", "/trang/2", "/tim-kiem"] {
            let plain = Route::parse(&format!("{base}{path}"), "q=a", base);
            assert_ne!(plain, Route::NotFound, "{base}{path}");
            for form in ["/index.html", "/index.html/"] {
                assert_eq!(Route::parse(&format!("{base}{path}{form}"), "q=a", base), plain, "{base}{path}{form}");
            }
        }
    }
    assert_eq!(page("/tin-tuc/index.html", "").0, Page::NotFound);
}

#[test]
fn a_base_is_normalised_the_way_the_browser_spells_the_path() {
    let ok = |raw: &str| normalize_base(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
    assert_eq!(ok("/tin-huyen/"), "/tin-huyen");
    assert_eq!(ok("tin-huyen"), "/tin-huyen");
    assert_eq!(ok("/"), "");
    assert_eq!(ok(" "), "");
    assert_eq!(ok("/a/b/"), "/a/b");
    // What location.pathname reports for these.
    assert_eq!(ok("/tin-tức"), "/tin-t%E1%BB%A9c");
    assert_eq!(ok("/tin huyen"), "/tin%20huyen");
    assert_eq!(ok("/a\"b<c>`{d}"), "/a%22b%3Cc%3E%60%7Bd%7D");
    // Already encoded: kept, hex upper-cased; a stray '%' stays as the browser keeps it.
    assert_eq!(ok("/tin-t%e1%bb%a9c"), "/tin-t%E1%BB%A9c");
    assert_eq!(ok("/50%"), "/50%");
    assert_eq!(ok("/a%2Fb"), "/a%2Fb");
}

#[test]
fn a_base_that_cannot_start_a_path_is_refused() {
    for bad in [
        "/x?y",
        "/x#y",
        "?",
        "#/",
        "/a/../b",
        "/..",
        "..",
        "/.",
        "/a/./b",
        "/a/%2e%2E/b",
        "/.%2e",
        "/a\\b",
        "https://example.com/x",
        "//host/x",
        "/a//b",
        "/a\tb",
        "/a\nb",
        // Full URLs without `//` (issue 28): not paths either.
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "mailto:x@example.com",
        "data:text/html,<b>x</b>",
        "tel:+84255",
    ] {
        let err = normalize_base(bad).expect_err(bad);
        assert!(err.contains("data-base"), "{bad:?}: {err}");
    }
    // Dots inside a segment are ordinary characters.
    assert_eq!(normalize_base("/v1.2/..x").as_deref(), Ok("/v1.2/..x"));
    // A colon later in a path is an ordinary character.
    assert_eq!(normalize_base("/tin:huyen").as_deref(), Ok("/tin:huyen"));
}

#[test]
fn routes_under_a_normalised_base() {
    let base = normalize_base("/tin-tức").unwrap_or_default();
    assert_eq!(page("/tin-t%E1%BB%A9c/tin-tuc/x", &base), (Page::Article, "x".into()));
    // The browser keeps the case of escapes typed in the address bar.
    assert_eq!(page("/tin-t%e1%bb%a9c/tin-tuc/x", &base), (Page::Article, "x".into()));
    assert_eq!(page("/tin-t%E1%BB%A9c", &base).0, Page::Home);
    assert_eq!(page("/tin-t%E1%BB%A9cx", &base).0, Page::NotFound);
    assert_eq!(page("/TIN-T%E1%BB%A9c", &base).0, Page::NotFound, "only escapes ignore case");
    let base = normalize_base("/tin huyen").unwrap_or_default();
    assert_eq!(page("/tin%20huyen/tim-kiem", &base).0, Page::Search);
}

/// Every route, written as a link by the one table and read back as the browser would hand the
/// link to the router, in both routing modes and under several base paths: the same route.
#[test]
fn links_built_by_the_route_table_parse_back_to_their_route() {
    let slugs = ["hoi-nghi", "hội nghị", "a/b", "50%", "x?y=1#z", "tin-tuc", "trang", "%E1%BB%99"];
    let queries = ["", "dân vận", "a&q=b", "100%25", "#1", "?", "a+b", "x/y"];
    let mut routes = vec![Route::NotFound];
    for page in [1, 2, 17] {
        routes.push(Route::Home { page });
        routes.extend(slugs.iter().map(|s| Route::Category { slug: s.to_string(), page }));
    }
    routes.extend(slugs.iter().map(|s| Route::article(s)));
    routes.extend(queries.iter().map(|q| Route::search(q)));
    let bases = ["", "/tin-huyen", "/tin-t%E1%BB%A9c", "/a/b"];
    let mut checked = 0;
    for route in &routes {
        for base in bases {
            for routing in [Routing::History, Routing::Hash] {
                let href = route.href(base, routing);
                let (in_app, under) = match routing {
                    Routing::Hash => (href.strip_prefix('#').expect("a fragment").to_string(), ""),
                    Routing::History => (href.clone(), base),
                };
                let at = Location::parse(&in_app);
                assert!(at.hash.is_empty(), "{route:?} leaks a fragment: {href}");
                let back = Route::parse(&at.path, &at.search, under);
                assert_eq!(&back, route, "{href} ({routing:?}, base {base:?})");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, routes.len() * bases.len() * 2);
    // The paths the prerender writes files for are the table's.
    assert_eq!(Route::Home { page: 2 }.to_path(), "/trang/2");
    assert_eq!(Route::Category { slug: "dan-van".into(), page: 3 }.to_path(), "/chuyen-muc/dan-van/trang/3");
    assert_eq!(Route::article("hội nghị").to_path(), "/tin-tuc/h%E1%BB%99i%20ngh%E1%BB%8B");
    assert_eq!(Route::search(" dân vận ").to_path(), "/tim-kiem?q=d%C3%A2n%20v%E1%BA%ADn");
}
