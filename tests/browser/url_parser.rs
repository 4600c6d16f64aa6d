//! `model::url::is_canonical_absolute` lets the feed loader skip the browser's URL parser; this
//! holds it to that parser: whatever it accepts, `new URL(u, base).href` returns unchanged.

use minh_long_portal::model::url::is_canonical_absolute;
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
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
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
