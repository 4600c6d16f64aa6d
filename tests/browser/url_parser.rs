//! `model::url::is_canonical_absolute` lets the feed loader skip the browser's URL parser; this
//! holds it to that parser: whatever it accepts, `new URL(u, base).href` returns unchanged.

use minh_long_portal::model::url::{is_canonical_absolute, join_to_dir};
use wasm_bindgen_test::wasm_bindgen_test;

const BASE: &str = "https://minhlong.quangngai.gov.vn/feed.json";

fn parsed(u: &str) -> Option<String> {
    web_sys::Url::new_with_base(u, BASE).ok().map(|u| u.href())
}

#[wasm_bindgen_test]
fn accepted_urls_are_what_the_parser_returns() {
    for u in [
        "https://minhlong.quangngai.gov.vn/tin-tuc/hoi-nghi-2022",
        "http://example.org/",
        "https://example.org/a/b.jpg?w=300&h=200",
        "https://cdn.example.org/%E1%BB%A7y-ban.pdf",
        "https://a-b.example.org/p;x=1/q:r@s/(t)*+,!$~_",
        "https://example.org/%zz%/100%",
    ] {
        assert!(is_canonical_absolute(u), "{u}");
        assert_eq!(parsed(u).as_deref(), Some(u));
    }
}

/// Random strings built from the characters that matter to the parser; a fixed seed keeps
/// failures reproducible. Asserts a sizeable share is accepted, so the property is exercised.
#[wasm_bindgen_test]
fn random_urls_never_change_when_accepted() {
    const PARTS: &[&str] = &[
        "http://", "https://", "a", "Z", "0", "9", "-", ".", "..", "/", "//", "./", "../", "%2e", "%2E", "%41", "%",
        "?", "#", "&", "=", ":", "@", "~", "_", "!", "$", "(", ")", "*", "+", ",", ";", "'", "\"", " ", "\\", "[", "]",
        "{", "}", "|", "^", "`", "<", ">", "\t", "ư", "xn--", "127", "0x1", "example", "org", "com", ":80", ":443",
    ];
    let mut next = crate::support::below(0x9e37_79b9_7f4a_7c15);
    let mut accepted = 0;
    for _ in 0..20_000 {
        let mut u = String::from(["https://", "http://"][next(2)]);
        u.push_str(["example.org", "a.b-c.vn", "x1.org"][next(3)]);
        if next(4) > 0 {
            u.push('/');
        }
        for _ in 0..next(8) {
            u.push_str(PARTS[next(PARTS.len())]);
        }
        if is_canonical_absolute(&u) {
            accepted += 1;
            assert_eq!(parsed(&u).as_deref(), Some(u.as_str()), "accepted but the parser changes it: {u:?}");
        }
    }
    assert!(accepted > 1_000, "only {accepted} of 20,000 accepted: the generator no longer exercises the check");
}

/// `join_to_dir` stands in for the parser on relative paths: whatever it joins, the parser
/// resolves to the same URL against a base in that directory.
#[wasm_bindgen_test]
fn hand_joined_paths_are_what_the_parser_returns() {
    const PARTS: &[&str] = &[
        "a", "Z", "0", "-", ".", "..", "/", "//", "./", "../", "%2e", "%2E", "%41", "%", "?", "#", "&", "=", ":", "@",
        "~", "_", "!", "$", "(", ")", "*", "+", ",", ";", "'", "\"", " ", "\\", "[", "]", "{", "}", "|", "^", "`", "<",
        ">", "\t", "\n", "ư", "files", "x.pdf",
    ];
    const BASES: &[(&str, &str)] = &[
        ("https://minhlong.quangngai.gov.vn/feed.json", "https://minhlong.quangngai.gov.vn/"),
        ("http://127.0.0.1:8080/a/b/feed.json?page=2#x", "http://127.0.0.1:8080/a/b/"),
        ("https://u:p@example.org/dir/", "https://u:p@example.org/dir/"),
    ];
    let mut next = crate::support::below(0x2545_f491_4f6c_dd1d);
    let mut joined = 0;
    for _ in 0..20_000 {
        let (base, dir) = BASES[next(BASES.len())];
        let mut rel = String::new();
        for _ in 0..1 + next(6) {
            rel.push_str(PARTS[next(PARTS.len())]);
        }
        if let Some(j) = join_to_dir(dir, &rel) {
            joined += 1;
            let parsed = web_sys::Url::new_with_base(&rel, base).ok().map(|u| u.href());
            assert_eq!(parsed.as_deref(), Some(j.as_str()), "{rel:?} against {base}");
        }
    }
    assert!(joined > 1_000, "only {joined} of 20,000 joined: the generator no longer exercises the join");
}
