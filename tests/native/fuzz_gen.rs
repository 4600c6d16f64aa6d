//! The fuzz tests' machinery: a seeded SplitMix64 generator, the case driver, and generators of
//! strings, URLs, dates and feed-shaped JSON (see fuzz.rs for the properties).

use minh_long_portal::model::{date, format};
use serde_json::{Map, Value};
use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

// ---- driver ---------------------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and every seed gives a full-period stream.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0; the modulo bias is irrelevant here).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    pub(crate) fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub(crate) fn pick_str(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
}

pub(crate) fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

pub(crate) fn cases() -> usize {
    env_u64("FUZZ_CASES").map_or(3000, |n| n as usize)
}

pub(crate) fn seed() -> u64 {
    env_u64("FUZZ_SEED").unwrap_or(0x4D49_4E48_4C4F_4E47) // "MINHLONG"
}

pub(crate) fn shorten(s: String) -> String {
    if s.chars().count() <= 3000 {
        s
    } else {
        format!("{}… ({} chars)", s.chars().take(3000).collect::<String>(), s.chars().count())
    }
}

/// Runs the target `cases()` times. Each case has its own generator derived from (seed, target,
/// index), so cases are independent of each other and of the order targets run in.
pub(crate) fn run<I: Debug>(target: &str, generate: impl Fn(&mut Rng) -> I, check: impl Fn(&I)) {
    let (n, seed) = (cases(), seed());
    let salt = target.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3));
    let started = Instant::now();
    for i in 0..n {
        let mut rng = Rng(seed ^ salt ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let input = generate(&mut rng);
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| check(&input))) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!(
                "fuzz {target}: case {i} (FUZZ_SEED={seed:#x}) failed: {why}\ninput: {}",
                shorten(format!("{input:?}"))
            );
        }
    }
    println!("fuzz {target}: {n} cases, seed {seed:#x}, {:.2?}", started.elapsed());
}

// ---- generators -------------------------------------------------------------------------------------

/// Pieces that make strings interesting to this model: entities, schemes, dates, Vietnamese,
/// decomposed marks, control and invisible characters, number-like text.
pub(crate) const FRAGMENTS: &[&str] = &[
    "a",
    "Z",
    "0",
    "9",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\0",
    "\u{1}",
    "\u{1f}",
    "\u{7f}",
    "\u{a0}",
    "\u{200b}",
    "\u{2028}",
    "\u{202e}",
    "\u{feff}",
    "\u{fffd}",
    "\u{10ffff}",
    "🎉",
    "👨‍👩‍👧",
    "İ",
    "ß",
    "\u{212a}",
    "：",
    "Dân vận",
    "ĐẢNG ỦY",
    "Kinh tế – Xã hội",
    "quý I năm 2022",
    "da\u{302}n va\u{323}\u{302}n",
    "\u{302}\u{323}",
    "&",
    ";",
    "#",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&nbsp;",
    "&atilde;",
    "&Dstrok;",
    "&#7871;",
    "&#x1ED9;",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&#99999999999;",
    "&#x;",
    "&#;",
    "&;",
    "&unknown;",
    "&amp",
    "&#",
    "%",
    "%C3%B4",
    "%20",
    "%+1",
    "%zz",
    "%",
    "/",
    "//",
    "?",
    "#",
    ":",
    ".",
    "-",
    "_",
    ",",
    "+",
    "http",
    "https",
    "javascript",
    "JaVaScRiPt",
    "data",
    "vbscript",
    "file",
    "mailto",
    "://",
    "javascript:alert(1)",
    "data:text/html,<script>",
    "data:image/png;base64,AA==",
    "data:image/svg+xml,<svg>",
    "<p>",
    "</p>",
    "<script>",
    "<",
    ">",
    "\"",
    "'",
    "\\",
    "2022-04-13T08:00:00+07:00",
    "2022-04-13",
    "Fri, 31 May 2019 12:17:58 -0700",
    "T",
    "Z",
    "+07:00",
    "GMT",
    "-1",
    "1e400",
    "NaN",
    "1.790",
    "13.832.759",
    "1,790",
    "18446744073709551616",
    "99999999999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
];

pub(crate) fn gen_text(rng: &mut Rng) -> String {
    let pieces = match rng.below(10) {
        0 => 0,
        1 => rng.below(200),
        _ => rng.below(8),
    };
    let mut s = String::new();
    for _ in 0..pieces {
        match rng.below(5) {
            0 => s.push(char::from_u32(rng.below(0x80) as u32).unwrap()),
            1 => s.push(char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('\u{fffd}')),
            _ => s.push_str(rng.pick_str(FRAGMENTS)),
        }
    }
    s
}

pub(crate) const SCHEMES: &[&str] = &[
    "http",
    "https",
    "HTTP",
    "hTTpS",
    "javascript",
    "JAVASCRIPT",
    "java\tscript",
    "java\nscript",
    "java\0script",
    "vbscript",
    "VBScript",
    "data",
    "DATA",
    "file",
    "mailto",
    "ftp",
    "blob",
    "about",
    "x-y.z+w",
    "1http",
    "",
];

pub(crate) fn flip_case(rng: &mut Rng, s: &str) -> String {
    s.chars().map(|c| if rng.one_in(2) { c.to_ascii_uppercase() } else { c }).collect()
}

pub(crate) fn gen_url(rng: &mut Rng) -> String {
    if rng.one_in(5) {
        return gen_text(rng);
    }
    let mut s = String::new();
    for _ in 0..rng.below(3) {
        s.push(*rng.pick(&['\0', '\u{1}', '\u{1f}', ' ', '\t', '\n', '\r', '\u{a0}', '\u{feff}']));
    }
    let scheme = *rng.pick(SCHEMES);
    s.push_str(&flip_case(rng, scheme));
    s.push_str(rng.pick_str(&[":", "://", ":", "：", "&colon;", "%3A", "", "/", ":\\\\"]));
    s.push_str(rng.pick_str(&[
        "",
        "example.org",
        "image/png;base64,",
        "image/svg+xml,",
        "text/html,",
        "alert(1)",
        "//x",
    ]));
    s.push_str(&gen_text(rng));
    if rng.one_in(4) {
        s.push(*rng.pick(&[' ', '\t', '\0', '\n']));
    }
    s
}

pub(crate) const MONTHS: &[&str] =
    &["Jan", "feb", "MAR", "Apr", "May", "jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec", "Foo", ""];
pub(crate) const ZONES: &[&str] = &[
    "", "Z", "z", "+07:00", "-0700", "+0000", "+14:00", "-14:00", "+15:00", "+7", "GMT", "UT", "EDT", "PST", "ICT",
    "+07:60", "garbage",
];

pub(crate) fn digits(rng: &mut Rng, max_len: usize) -> String {
    match rng.below(6) {
        0 => rng
            .pick(&["9223372036854775807", "-9223372036854775808", "18446744073709551616", "-1", "+5", "0", "00"])
            .to_string(),
        _ => (0..rng.below(max_len + 1)).map(|_| char::from(b'0' + rng.below(10) as u8)).collect(),
    }
}

pub(crate) fn gen_date_text(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => gen_text(rng),
        1 => {
            let sep = *rng.pick(&["T", "t", " ", "", "  "]);
            let frac = if rng.one_in(3) { format!(".{}", digits(rng, 12)) } else { String::new() };
            format!(
                "{}-{}-{}{sep}{}:{}:{}{frac}{}{}",
                digits(rng, 6),
                digits(rng, 3),
                digits(rng, 3),
                digits(rng, 3),
                digits(rng, 3),
                digits(rng, 3),
                rng.pick(&["", " "]),
                rng.pick(ZONES)
            )
        }
        _ => format!(
            "{}{} {} {} {}:{}:{} {}",
            rng.pick(&["", "Fri, ", "Mon,", "Thứ Sáu, ", ", "]),
            digits(rng, 3),
            rng.pick(MONTHS),
            digits(rng, 20),
            digits(rng, 3),
            digits(rng, 3),
            digits(rng, 3),
            rng.pick(ZONES)
        ),
    }
}

pub(crate) fn gen_number(rng: &mut Rng) -> Value {
    match rng.below(7) {
        0 => Value::from(rng.below(1000) as u64),
        1 => Value::from(rng.next()),
        2 => Value::from(rng.next() as i64),
        3 => Value::from((rng.next() as i64 as f64) / 1e6),
        4 => Value::from(*rng.pick(&[0.5, -0.0, 1e300, -1e300, 1e-300, 1.1, 4.0, 9.0e15, 1.8e19, 2.125])),
        5 => Value::from(u64::MAX),
        _ => Value::from(i64::MIN),
    }
}

pub(crate) fn gen_scalar(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => gen_number(rng),
        _ => Value::String(gen_text(rng)),
    }
}

pub(crate) const KEYS: &[&str] = &[
    "version",
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "user_comment",
    "next_url",
    "icon",
    "favicon",
    "authors",
    "author",
    "language",
    "expired",
    "hubs",
    "items",
    "_portal",
    "id",
    "url",
    "external_url",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "tags",
    "attachments",
    "mime_type",
    "size_in_bytes",
    "duration_in_seconds",
    "name",
    "avatar",
    "slug",
    "views",
    "category",
    "site_name",
    "stats",
    "visits",
    "page_views",
    "online",
    "today",
    "this_month",
    "contact",
    "_blue_shed",
    "Title",
    "ID",
    "",
    "🎉",
    "items ",
    "\u{0}",
];

/// Any JSON value, nested up to `depth` more levels, spending at most `budget` nodes.
pub(crate) fn gen_value(rng: &mut Rng, depth: usize, budget: &mut usize) -> Value {
    if depth == 0 || *budget == 0 || rng.below(3) > 0 {
        return gen_scalar(rng);
    }
    *budget -= 1;
    let len = rng.below(6);
    if rng.one_in(2) {
        Value::Array((0..len).map(|_| gen_value(rng, depth - 1, budget)).collect())
    } else {
        let mut m = Map::new();
        for _ in 0..len {
            let k = if rng.one_in(4) { gen_text(rng) } else { rng.pick(KEYS).to_string() };
            m.insert(k, gen_value(rng, depth - 1, budget));
        }
        Value::Object(m)
    }
}

/// Wraps `v` in up to 20 levels of arrays and objects.
pub(crate) fn deep(rng: &mut Rng, mut v: Value) -> Value {
    for _ in 0..rng.below(21) {
        v = if rng.one_in(2) {
            Value::Array(vec![v])
        } else {
            Value::Object(Map::from_iter([(rng.pick(KEYS).to_string(), v)]))
        };
    }
    v
}

/// Usually a value of the type the key expects, sometimes anything at all.
pub(crate) fn typed(
    rng: &mut Rng,
    budget: &mut usize,
    typed_value: impl FnOnce(&mut Rng, &mut usize) -> Value,
) -> Value {
    match rng.below(10) {
        0 => gen_value(rng, 20, budget),
        1 => {
            let leaf = gen_scalar(rng);
            deep(rng, leaf)
        }
        _ => typed_value(rng, budget),
    }
}

pub(crate) fn gen_count(rng: &mut Rng) -> Value {
    let n = rng.next() >> rng.below(64);
    match rng.below(6) {
        0 => Value::from(n),
        1 => Value::String(n.to_string()),
        2 => Value::String(format::group_thousands(n)),
        3 => Value::String(format!(" {} ", n.to_string().replace('0', ","))),
        4 => gen_number(rng),
        _ => Value::String(gen_text(rng)),
    }
}

pub(crate) fn object(
    rng: &mut Rng,
    budget: &mut usize,
    keys: &[&str],
    mut value: impl FnMut(&mut Rng, &mut usize, &str) -> Value,
) -> Value {
    let mut m = Map::new();
    for k in keys {
        if rng.below(3) > 0 {
            m.insert(k.to_string(), value(rng, budget, k));
        }
    }
    if rng.one_in(4) {
        m.insert(format!("_{}", gen_text(rng)), gen_value(rng, 5, budget));
    }
    Value::Object(m)
}

pub(crate) fn gen_author(rng: &mut Rng, budget: &mut usize) -> Value {
    object(rng, budget, &["name", "url", "avatar"], |rng, _, k| {
        Value::String(if k == "name" { gen_text(rng) } else { gen_url(rng) })
    })
}

pub(crate) fn gen_authors(rng: &mut Rng, budget: &mut usize) -> Value {
    if rng.one_in(4) {
        return gen_author(rng, budget);
    }
    Value::Array((0..rng.below(4)).map(|_| typed(rng, budget, gen_author)).collect())
}

pub(crate) fn gen_attachment(rng: &mut Rng, budget: &mut usize) -> Value {
    object(rng, budget, &["url", "mime_type", "title", "size_in_bytes", "duration_in_seconds"], |rng, _, k| match k {
        "url" => Value::String(gen_url(rng)),
        "size_in_bytes" | "duration_in_seconds" => gen_count(rng),
        _ => Value::String(gen_text(rng)),
    })
}

pub(crate) fn gen_stats(rng: &mut Rng, budget: &mut usize) -> Value {
    object(rng, budget, &["visits", "page_views", "online", "today", "this_month"], |rng, _, _| gen_count(rng))
}

pub(crate) const ITEM_KEYS: &[&str] = &[
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "authors",
    "author",
    "tags",
    "language",
    "attachments",
    "_portal",
];

pub(crate) fn gen_item(rng: &mut Rng, budget: &mut usize) -> Value {
    object(rng, budget, ITEM_KEYS, |rng, budget, k| {
        typed(rng, budget, |rng, budget| match k {
            "id" if rng.one_in(3) => gen_number(rng),
            "url" | "external_url" | "image" | "banner_image" => Value::String(gen_url(rng)),
            "date_published" | "date_modified" => Value::String(gen_date_text(rng)),
            "authors" => gen_authors(rng, budget),
            "author" => gen_author(rng, budget),
            "tags" if rng.one_in(2) => Value::Array((0..rng.below(5)).map(|_| Value::String(gen_text(rng))).collect()),
            "attachments" => Value::Array((0..rng.below(4)).map(|_| typed(rng, budget, gen_attachment)).collect()),
            "_portal" => object(rng, budget, &["slug", "views", "category"], |rng, _, k| {
                if k == "views" {
                    gen_count(rng)
                } else {
                    Value::String(gen_text(rng))
                }
            }),
            _ => Value::String(gen_text(rng)),
        })
    })
}

pub(crate) const VERSIONS_OK: &[&str] = &[
    "https://jsonfeed.org/version/1.1",
    "https://jsonfeed.org/version/1",
    "http://jsonfeed.org/version/1.1/",
    "HTTPS://JSONFEED.ORG/VERSION/1.1",
    "1",
    "1.0",
    "1.1",
    " 1.1 ",
];
pub(crate) const VERSIONS_BAD: &[&str] =
    &["https://jsonfeed.org/version/2", "https://jsonfeed.org/version/1.2", "2.0", "rss", "jsonfeed"];

pub(crate) const FEED_KEYS: &[&str] = &[
    "version",
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "user_comment",
    "next_url",
    "icon",
    "favicon",
    "authors",
    "author",
    "language",
    "expired",
    "hubs",
    "items",
    "_portal",
];

pub(crate) fn gen_feed(rng: &mut Rng) -> Value {
    let budget = &mut rng.below(400);
    if rng.one_in(10) {
        return gen_value(rng, 20, budget);
    }
    object(rng, budget, FEED_KEYS, |rng, budget, k| {
        typed(rng, budget, |rng, budget| match k {
            "version" => {
                let versions = if rng.one_in(5) { VERSIONS_BAD } else { VERSIONS_OK };
                Value::String(rng.pick(versions).to_string())
            }
            "home_page_url" | "feed_url" | "next_url" | "icon" | "favicon" => Value::String(gen_url(rng)),
            "authors" => gen_authors(rng, budget),
            "author" => gen_author(rng, budget),
            "expired" => gen_scalar(rng),
            "items" => Value::Array((0..rng.below(10)).map(|_| typed(rng, budget, gen_item)).collect()),
            "_portal" => object(rng, budget, &["site_name", "stats", "contact"], |rng, budget, k| match k {
                "stats" => typed(rng, budget, gen_stats),
                "contact" => object(
                    rng,
                    budget,
                    &["agency", "address", "phone", "email", "responsible", "licence"],
                    |rng, _, _| Value::String(gen_text(rng)),
                ),
                _ => Value::String(gen_text(rng)),
            }),
            _ => Value::String(gen_text(rng)),
        })
    })
}

pub(crate) fn gen_offset(rng: &mut Rng) -> i32 {
    match rng.below(6) {
        0 => date::VIETNAM_OFFSET_MINUTES,
        1 => 0,
        2 => *rng.pick(&[i32::MIN, i32::MAX, -1440, 1440, 345, -570]),
        _ => rng.range(-14 * 60, 14 * 60) as i32,
    }
}

// ---- article HTML -----------------------------------------------------------------------------------

/// Tags the sanitizer keeps, drops with their content, or unwraps, and the ones that steer the
/// parser (foreign content, integration points, table and formatting-element repair).
pub(crate) const HTML_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
    "figure",
    "figcaption",
    "img",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "small",
    "q",
    "blockquote",
    "code",
    "pre",
    "time",
    "del",
    "span",
    "div",
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "select",
    "option",
    "textarea",
    "label",
    "title",
    "head",
    "meta",
    "base",
    "link",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "listing",
    "frameset",
    "frame",
    "image",
    "marquee",
    "video",
    "source",
    "font",
    "section",
    "article",
    "center",
    "nobr",
    "details",
    "summary",
    "x-widget",
    "body",
    "html",
    "foreignObject",
    "desc",
    "mtext",
    "mi",
    "mglyph",
    "malignmark",
    "annotation-xml",
    "animate",
    "use",
];

pub(crate) const HTML_ATTRS: &[&str] = &[
    "href",
    "src",
    "cite",
    "title",
    "alt",
    "lang",
    "dir",
    "width",
    "colspan",
    "scope",
    "span",
    "start",
    "reversed",
    "value",
    "datetime",
    "onclick",
    "onerror",
    "ONLOAD",
    "on",
    "style",
    "class",
    "id",
    "name",
    "srcset",
    "srcdoc",
    "formaction",
    "target",
    "rel",
    "loading",
    "decoding",
    "xlink:href",
    "xmlns",
    "encoding",
    "data-x",
    "\"x",
    "'",
    "<a",
    "/",
];

fn gen_attr_value(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => gen_text(rng),
        1 => rng
            .pick_str(&[
                "/a.png",
                "#x",
                "text/html",
                "application/xhtml+xml",
                "",
                "x 1x",
                "</style><img src=x onerror=alert(1)>",
            ])
            .to_string(),
        _ => gen_url(rng),
    }
}

fn gen_tag(rng: &mut Rng, out: &mut String) {
    out.push('<');
    let tag = rng.pick_str(HTML_TAGS);
    out.push_str(&flip_case(rng, tag));
    for _ in 0..rng.below(4) {
        out.push(*rng.pick(&[' ', ' ', '\t', '\n', '/']));
        let name = rng.pick_str(HTML_ATTRS);
        out.push_str(&flip_case(rng, name));
        if rng.one_in(5) {
            continue;
        }
        let value = gen_attr_value(rng);
        match rng.below(3) {
            0 => out.push_str(&format!("=\"{value}\"")),
            1 => out.push_str(&format!("='{value}'")),
            _ => out.push_str(&format!("={}", value.replace([' ', '>'], ""))),
        }
    }
    out.push_str(rng.pick_str(&[">", ">", ">", "/>", " >", ""]));
}

/// HTML-ish text: tags and end tags from the lists above with random attributes and quoting,
/// text with entities and odd characters, comments and CDATA, and sometimes a long run of one
/// start tag (deep nesting).
pub(crate) fn gen_html(rng: &mut Rng) -> String {
    let pieces = if rng.one_in(10) { rng.below(300) } else { rng.below(40) };
    let mut s = String::new();
    for _ in 0..pieces {
        match rng.below(12) {
            0..=3 => gen_tag(rng, &mut s),
            4 | 5 => {
                s.push_str("</");
                let tag = rng.pick_str(HTML_TAGS);
                s.push_str(&flip_case(rng, tag));
                s.push('>');
            }
            6 | 7 => s.push_str(rng.pick_str(FRAGMENTS)),
            8 => s.push_str(&gen_text(rng)),
            9 => s.push_str(rng.pick_str(&[
                "<!--",
                "-->",
                "<!-- x -->",
                "<![CDATA[",
                "]]>",
                "<!DOCTYPE html>",
                "<?x?>",
                "</",
                "<",
                ">",
                "=",
                "\"",
                "'",
                "&",
            ])),
            10 if rng.one_in(4) => {
                let tag = rng.pick_str(HTML_TAGS);
                let open = format!("<{tag}>");
                s.push_str(&open.repeat(40 + rng.below(100)));
            }
            _ => {
                s.push_str(rng.pick_str(&["x", " ", "\n", "Ủy ban", "&nbsp;", "&lt;/p&gt;", "&#0;", "&#13;", "\u{0}"]))
            }
        }
    }
    s
}
