//! URL slugs and search folding for Vietnamese: "Dân vận" → "dan-van"; "dan van" finds "dân vận".

/// Lower-cases and removes diacritics (precomposed and combining), keeping everything else.
/// Runs of ASCII are copied in one go: a feed of 10,000 articles is folded when it loads (slugs,
/// sections) and again for the search index, and that must not freeze the page.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // A run of ASCII is copied and lower-cased in one go.
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        if ascii > 0 {
            let at = out.len();
            out.push_str(&rest[..ascii]);
            out[at..].make_ascii_lowercase();
            rest = &rest[ascii..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if !is_combining(c) {
            out.push(fold_vowel(lower(c)));
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Lower case for the scripts a Vietnamese portal's text is written in: Latin (Latin-1, Extended-A,
/// Ơ/Ư, Latin Extended Additional, which holds Vietnamese), Greek and Cyrillic; other characters
/// unchanged. `char::to_lowercase` would bring the whole Unicode case table into the wasm
/// (≈ 12 KB, 3.3 KB brotli) for scripts the portal does not use; a test holds this to it over
/// the ranges above.
fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5a => u + 0x20,
        0xc0..=0xde if u != 0xd7 => u + 0x20,
        // İ lower-cases to "i" + U+0307, whose combining dot folding removes anyway.
        0x130 => 0x69,
        0x100..=0x137 | 0x14a..=0x177 | 0x1ea0..=0x1eff if u.is_multiple_of(2) => u + 1,
        0x1e00..=0x1e95 if u.is_multiple_of(2) => u + 1,
        0x139..=0x148 | 0x179..=0x17e if !u.is_multiple_of(2) => u + 1,
        0x178 => 0xff,
        0x1a0 | 0x1af => u + 1,
        0x1e9e => 0xdf,
        0x386 => 0x3ac,
        0x388..=0x38a => u + 0x25,
        0x38c => 0x3cc,
        0x38e | 0x38f => u + 0x3f,
        0x391..=0x3ab if u != 0x3a2 => u + 0x20,
        0x400..=0x40f => u + 0x50,
        0x410..=0x42f => u + 0x20,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// A lower-case Vietnamese letter without its diacritics; any other character unchanged.
fn fold_vowel(c: char) -> char {
    match c {
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ' | 'ẫ' | 'ậ' => {
            'a'
        }
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' => {
            'o'
        }
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        _ => c,
    }
}

pub fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
/// Every precomposed Vietnamese vowel, grouped by the ASCII letter it folds to.
const VIETNAMESE: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

/// The plain definition of [`fold`], which a test holds the fast one to, character by character.
#[cfg(test)]
fn fold_reference(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
            // combining marks of decomposed (NFD) text
        } else if let Some((base, _)) = VIETNAMESE.iter().find(|(_, set)| set.contains(c)) {
            out.push(*base);
        } else {
            out.push(c);
        }
    }
    out
}

/// ASCII slug: folded, runs of anything not a-z/0-9 become one '-', no leading/trailing '-'.
pub fn slugify(s: &str) -> String {
    if is_slug(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether [`slugify`] would return `s` unchanged, as it does for a feed's own `_portal.slug`.
pub fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
        && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !b.windows(2).any(|w| w == b"--")
}

/// The slug of an item without `_portal.slug`: from the last path segment when the id is a URL
/// (`https://site/tin-tuc/abc` → `abc`), else the whole id.
pub fn slug_from_id(id: &str) -> String {
    let path = id.split(['?', '#']).next().unwrap_or(id);
    if path.contains("://") || path.starts_with('/') {
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
        let s = slugify(&crate::model::url::percent_decode(last));
        if !s.is_empty() {
            return s;
        }
    }
    let s = slugify(id);
    if s.is_empty() {
        "bai-viet".to_string()
    } else {
        s
    }
}

/// The slugs of a page given out so far.
pub type Taken = rustc_hash::FxHashSet<String>;

/// Makes `slug` unique against `taken` by appending -2, -3, …
pub fn dedupe(slug: String, taken: &mut Taken) -> String {
    if taken.insert(slug.clone()) {
        return slug;
    }
    (2..).map(|n| format!("{slug}-{n}")).find(|s| taken.insert(s.clone())).unwrap_or(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranges [`lower`] covers: there it must agree with Unicode's full case mapping.
    fn covered(c: char) -> bool {
        matches!(c as u32, 0..=0x17f | 0x1a0 | 0x1a1 | 0x1af | 0x1b0 | 0x1e00..=0x1eff | 0x386..=0x3ce | 0x400..=0x45f)
    }

    #[test]
    fn lower_is_unicode_lower_case_where_it_claims_and_identity_elsewhere() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let unicode: Vec<char> = c.to_lowercase().collect();
            if covered(c) && c != 'İ' {
                assert_eq!(vec![lower(c)], unicode, "U+{:04X}", c as u32);
            } else if !covered(c) {
                assert_eq!(lower(c), c, "U+{:04X}", c as u32);
            }
        }
        assert_eq!(fold("İ"), "i");
    }

    #[test]
    fn fold_matches_its_plain_definition() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32).filter(|&c| covered(c) || c.to_lowercase().eq([c])) {
            let s = c.to_string();
            assert_eq!(fold(&s), fold_reference(&s), "U+{:04X}", c as u32);
        }
        let text = "Hội nghị trực báo công tác DÂN VẬN – ĐẢNG ỦY, da\u{302}n İstanbul ΣΑΣ";
        assert_eq!(fold(text), fold_reference(text));
    }

    #[test]
    fn folds_every_vietnamese_vowel_and_d() {
        assert_eq!(fold("Dân Vận"), "dan van");
        assert_eq!(fold("ĐẢNG ỦY Quý I"), "dang uy quy i");
        assert_eq!(fold("Nông thôn mới – Thác Trắng"), "nong thon moi – thac trang");
        // Decomposed input (NFD): "dân" as d + a + U+0302 + n
        assert_eq!(fold("da\u{302}n va\u{323}\u{302}n"), "dan van");
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(
            slugify("Hội nghị trực báo công tác dân vận, mặt trận ,lực lượng vũ trang quý I năm 2022."),
            "hoi-nghi-truc-bao-cong-tac-dan-van-mat-tran-luc-luong-vu-trang-quy-i-nam-2022"
        );
        assert_eq!(slugify("Kinh tế – Xã hội"), "kinh-te-xa-hoi");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn slug_from_id_prefers_the_url_path() {
        assert_eq!(slug_from_id("https://minhlong.gov.vn/tin-tuc/le-hoi-hre/"), "le-hoi-hre");
        assert_eq!(slug_from_id("https://example.org/2019/05/post.html?x=1"), "post");
        assert_eq!(slug_from_id("tag:example.org,2022:Bài 12"), "tag-example-org-2022-bai-12");
        assert_eq!(slug_from_id("12345"), "12345");
        assert_eq!(slug_from_id("???"), "bai-viet");
    }

    #[test]
    fn duplicate_slugs_get_a_suffix() {
        let mut taken = Default::default();
        assert_eq!(dedupe("a".into(), &mut taken), "a");
        assert_eq!(dedupe("a".into(), &mut taken), "a-2");
        assert_eq!(dedupe("a".into(), &mut taken), "a-3");
    }
}
