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
        // 'İ' lowers to 'i' and a combining dot, which goes with the other marks.
        for l in c.to_lowercase().filter(|&l| !is_combining(l)) {
            out.push(fold_vowel(l));
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The letter a Vietnamese vowel or `đ` folds to (lower case in, lower case out); any other `c` as it is.
pub fn fold_vowel(c: char) -> char {
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

/// A combining mark: one of the blocks of combining diacritics (the Vietnamese tones and vowel
/// marks are U+0300…U+036F). The one table: folding drops these, shortening never cuts before one.
pub fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
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
        } else if is_combining(c) {
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

/// The slug of an item without `_portal.slug`, from its id alone (never from its position in the
/// feed, so publishing a new article moves no address): the last path segment when the id is a URL
/// (`https://site/tin-tuc/abc` → `abc`), plus a short hash of the whole id when the path does not
/// tell items apart (`…/Pages/tin-tuc.aspx?ItemID=7` → `tin-tuc-1x8k2q`); else the whole id.
pub fn slug_from_id(id: &str) -> String {
    let (path, rest) = id.split_at(id.find(['?', '#']).unwrap_or(id.len()));
    if path.contains("://") || path.starts_with('/') {
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
        let s = slugify(&crate::model::url::percent_decode(last));
        if !s.is_empty() {
            return if rest.len() > 1 { format!("{s}-{}", short_hash(id)) } else { s };
        }
    }
    let s = slugify(id);
    if s.is_empty() {
        format!("bai-viet-{}", short_hash(id))
    } else {
        s
    }
}

/// The longest slug an article's address keeps as it is. The prerender writes each article to
/// `tin-tuc/{slug}/index.html`, and a directory name has at most 255 bytes on every common file
/// system; 200 leaves room for the `-2`, `-3`… that tell repeated slugs apart.
pub const MAX_SLUG_LEN: usize = 200;

/// `slug` when it is at most [`MAX_SLUG_LEN`] bytes; else its beginning, cut after a whole word,
/// and a short hash of the whole (`hoi-nghi-…-quy-i-3kq9zx`): still readable, still unique, and
/// the same on every load, so the app's links, the prerendered file and the sitemap agree. An
/// article with a 300-character slug had no page and no sitemap entry, silently.
pub fn fit(slug: String) -> String {
    if slug.len() <= MAX_SLUG_LEN {
        return slug;
    }
    let hash = short_hash(&slug);
    let room = MAX_SLUG_LEN - hash.len() - 1;
    let mut cut = room;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &slug[..cut];
    // After a whole word when the slug has words; a slug of one long word is cut where it must be.
    let head = match head.rfind('-') {
        Some(at) if at > 0 && slug.as_bytes().get(cut) != Some(&b'-') => &head[..at],
        _ => head,
    };
    format!("{}-{hash}", head.trim_end_matches('-'))
}

/// Six base-36 characters of the 32-bit FNV-1a hash of `s`. Written out rather than taken from a
/// hasher crate: it is part of published addresses, so it must never change with a dependency.
fn short_hash(s: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for &b in s.as_bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    let mut n = h % 36u32.pow(6);
    let mut out = [b'0'; 6];
    for c in out.iter_mut().rev() {
        *c = b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The slugs of a page given out so far, and for each repeated slug the next suffix to try.
#[derive(Default)]
pub struct Taken {
    used: rustc_hash::FxHashSet<String>,
    next: rustc_hash::FxHashMap<String, u32>,
}

/// Makes `slug` unique against `taken` by appending -2, -3, … Each slug's counter only moves
/// forward, so n items sharing one slug cost O(n), not O(n²).
pub fn dedupe(slug: String, taken: &mut Taken) -> String {
    if taken.used.insert(slug.clone()) {
        return slug;
    }
    let next = taken.next.entry(slug.clone()).or_insert(2);
    loop {
        let candidate = format!("{slug}-{next}");
        *next += 1;
        if taken.used.insert(candidate.clone()) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_too_long_for_a_file_name_is_shortened_after_a_word_with_a_hash() {
        let long = "hoi-nghi-tong-ket".repeat(20); // 340 bytes, words of 3-4 letters
        let fitted = fit(long.clone());
        assert!(fitted.len() <= MAX_SLUG_LEN, "{} bytes", fitted.len());
        assert!(is_slug(&fitted), "{fitted}");
        assert!(long.starts_with(fitted.rsplit_once('-').unwrap().0), "a prefix of the original: {fitted}");
        assert_eq!(fit(long.clone()), fitted, "the same on every load");
        assert_ne!(fit(format!("{long}-khac")), fitted, "two long slugs with one beginning stay apart");
        let one_word = "x".repeat(300);
        assert_eq!(fit(one_word.clone()).len(), MAX_SLUG_LEN);
        let short = "tin-ngan".to_string();
        assert_eq!(fit(short.clone()), short);
        let edge = "a".repeat(MAX_SLUG_LEN);
        assert_eq!(fit(edge.clone()), edge);
    }

    #[test]
    fn dotted_capital_i_folds_to_i() {
        assert_eq!(fold("İ"), "i");
    }

    #[test]
    fn fold_matches_its_plain_definition() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32).filter(|&c| c != 'İ') {
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
        assert_eq!(
            slug_from_id("https://example.org/2019/05/post.html?x=1"),
            format!("post-{}", short_hash("https://example.org/2019/05/post.html?x=1"))
        );
        assert_eq!(slug_from_id("tag:example.org,2022:Bài 12"), "tag-example-org-2022-bai-12");
        assert_eq!(slug_from_id("12345"), "12345");
        assert_ne!(slug_from_id("???"), slug_from_id("!!!"));
        assert!(slug_from_id("???").starts_with("bai-viet-"));
    }

    #[test]
    fn duplicate_slugs_get_a_suffix() {
        let mut taken = Default::default();
        assert_eq!(dedupe("a".into(), &mut taken), "a");
        assert_eq!(dedupe("a".into(), &mut taken), "a-2");
        assert_eq!(dedupe("a".into(), &mut taken), "a-3");
    }

    #[test]
    fn a_derived_slug_depends_on_its_own_id_only() {
        let id = |n: u32| format!("https://minhlong.gov.vn/Pages/tin-tuc.aspx?ItemID={n}");
        let slugs: Vec<String> = (1..=50).map(|n| slug_from_id(&id(n))).collect();
        let distinct: std::collections::HashSet<&String> = slugs.iter().collect();
        assert_eq!(distinct.len(), slugs.len(), "{slugs:?}");
        assert!(slugs.iter().all(|s| s.starts_with("tin-tuc-") && is_slug(s)), "{slugs:?}");
        assert_eq!(slug_from_id(&id(7)), slug_from_id(&id(7)));
        assert_eq!(short_hash("https://minhlong.gov.vn/Pages/tin-tuc.aspx?ItemID=7"), SHORT_HASH_OF_ITEM_7);
    }

    /// Pinned: a change here moves every published address derived from such ids.
    const SHORT_HASH_OF_ITEM_7: &str = "5ad8ib";

    #[test]
    fn dedupe_numbers_repeats_and_skips_taken_names() {
        let mut taken = Taken::default();
        let given: Vec<String> =
            ["a", "a-2", "a", "a", "b"].iter().map(|s| dedupe(s.to_string(), &mut taken)).collect();
        assert_eq!(given, ["a", "a-2", "a-3", "a-4", "b"]);
        let mut taken = Taken::default();
        let many: Vec<String> = (0..20_000).map(|_| dedupe("tin-tuc".into(), &mut taken)).collect();
        assert_eq!(many[1], "tin-tuc-2");
        assert_eq!(many[19_999], "tin-tuc-20000");
    }
}
