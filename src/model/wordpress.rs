//! The WordPress REST API (`GET /wp/v2/posts?_embed`) mapped onto the model, read as leniently as
//! the JSON Feed: unknown keys are ignored, odd types are tolerated (ids as strings, `title` as a
//! plain string instead of `{"rendered": …}`), broken posts are skipped with a reason.
//!
//! WordPress specifics handled here:
//! - `title.rendered` and `excerpt.rendered` are HTML (texturized: `&#8211;`, `&#8220;`, `&amp;`);
//!   they become plain text. `content.rendered` stays HTML and is sanitized later in the DOM.
//! - `date_gmt` has no zone and is UTC; `date` is the site's local time. Drafts and some imports
//!   carry `date_gmt: null` or `"0000-00-00T00:00:00"`, hence the fallback to `date`.
//! - Embedded objects the visitor may not see (`wp:featuredmedia` of a private attachment, a
//!   deleted author) are embedded as error objects `{"code", "message", "data"}` and are ignored.
//! - Error bodies (`{"code":"rest_no_route","message":…,"data":{"status":404}}`) are reported
//!   with their message.

use crate::model::de::{first_line, from_json, replace_lone_surrogates, Count, Flag, List, Obj, Text, TextVisitor};
use crate::model::text::{collapse_whitespace, html_to_text};
use crate::model::url::encode_component;
use crate::model::{date, slug, url, Article, Author, FeedError};
use serde::de::{value::MapAccessDeserializer, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The summary shown instead of the content of a password-protected post.
pub const PROTECTED_SUMMARY: &str = "Bài viết được bảo vệ bằng mật khẩu.";

/// WordPress rejects `per_page` above 100 with `rest_invalid_param`.
pub const MAX_PER_PAGE: u32 = 100;

// ---------------------------------------------------------------------------------------------
// Raw, lenient shapes

/// A `{"rendered": …, "protected": …}` field; a plain string (or number) is taken as the rendered
/// text, anything else is empty. Never fails on a well-formed value.
#[derive(Default)]
struct Rendered {
    text: Option<String>,
    protected: bool,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawRendered {
    rendered: Text,
    /// Present with `context=edit`; used only when `rendered` is missing.
    raw: Text,
    protected: Flag,
}

impl<'de> Deserialize<'de> for Rendered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Objects are read as [`RawRendered`]; everything else as [`Text`] (a string or number
        /// is the rendered text itself; arrays and the rest are empty).
        struct V;
        fn text(t: Text) -> Rendered {
            Rendered { text: t.0, protected: false }
        }
        impl<'de> Visitor<'de> for V {
            type Value = Rendered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("rendered text")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Rendered, A::Error> {
                let r = RawRendered::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Rendered { text: r.rendered.0.or(r.raw.0), protected: r.protected.0 })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Rendered, E> {
                TextVisitor.visit_str(v).map(text)
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Rendered, E> {
                TextVisitor.visit_string(v).map(text)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Rendered, E> {
                TextVisitor.visit_i64(v).map(text)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Rendered, E> {
                TextVisitor.visit_u64(v).map(text)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Rendered, E> {
                TextVisitor.visit_f64(v).map(text)
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Rendered, E> {
                TextVisitor.visit_bool(v).map(text)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Rendered, E> {
                Ok(Rendered::default())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Rendered, E> {
                Ok(Rendered::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Rendered, D::Error> {
                Rendered::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Rendered, A::Error> {
                TextVisitor.visit_seq(seq).map(text)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawUser {
    name: Text,
    /// The author archive on the site.
    link: Text,
    /// The author's own website; used when there is no archive link.
    url: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawMedia {
    source_url: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawTerm {
    name: Text,
    slug: Text,
    taxonomy: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawEmbedded {
    author: List<Obj<RawUser>>,
    #[serde(rename = "wp:featuredmedia")]
    featured_media: List<Obj<RawMedia>>,
    /// One array per taxonomy: `[[categories…], [tags…]]`.
    #[serde(rename = "wp:term")]
    terms: List<List<Obj<RawTerm>>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawMeta {
    views: Count,
    post_views_count: Count,
}

/// A post object, or an error body (`code`, `message`): both are objects, read in one pass.
#[derive(Default, Deserialize)]
#[serde(default)]
struct RawPost {
    id: Text,
    slug: Text,
    link: Text,
    date: Text,
    date_gmt: Text,
    modified: Text,
    modified_gmt: Text,
    title: Rendered,
    content: Rendered,
    excerpt: Rendered,
    /// Post-views plugins (WP-PostViews, Post Views Counter) expose one of these.
    views: Count,
    post_views_count: Count,
    /// `[]` when no meta is registered; an object otherwise.
    meta: Obj<RawMeta>,
    /// Jetpack's shortcut to the featured image, used when `_embed` is missing.
    jetpack_featured_media_url: Text,
    /// Polylang.
    lang: Text,
    #[serde(rename = "_embedded")]
    embedded: Obj<RawEmbedded>,
    code: Text,
    message: Text,
}

impl RawPost {
    /// The message of a WordPress error body, if this object is one.
    fn error_message(&self) -> Option<String> {
        let is_error = self.code.0.is_some()
            && self.id.0.is_none()
            && self.title.text.is_none()
            && self.content.text.is_none()
            && self.link.0.is_none();
        if !is_error {
            return None;
        }
        let msg = self
            .message
            .0
            .as_deref()
            .map(html_to_text)
            .filter(|m| !m.is_empty())
            .or_else(|| self.code.0.clone())
            .unwrap_or_else(|| "lỗi WordPress".into());
        Some(msg)
    }
}

/// The whole response body. The posts of an array are kept as their JSON text and read one by
/// one, so that a post the reader cannot hold is skipped, not the page.
enum Body<'a> {
    Posts(Vec<&'a RawValue>),
    One(Box<RawPost>),
    Other(&'static str),
}

/// One post's JSON text: a post, `None` for a value that is not an object, or why it cannot be read.
fn read_post(text: &str) -> Result<Option<RawPost>, String> {
    from_json::<Obj<RawPost>>(text).map(|p| p.0).map_err(|e| first_line(&e.to_string()))
}

fn read_body(text: &str) -> Result<Body<'_>, FeedError> {
    let kind = match text.trim_start().as_bytes().first() {
        Some(b'[') => return Ok(Body::Posts(serde_json::from_str(text)?)),
        Some(b'{') => {
            let post = read_post(text).map_err(FeedError::NotAFeed)?;
            return Ok(Body::One(Box::new(post.unwrap_or_default())));
        }
        Some(b'"') => "chuỗi",
        Some(b't' | b'f') => "giá trị logic",
        Some(b'n') => "null",
        _ => "số",
    };
    // Still JSON, or "not JSON" rather than "not a list".
    serde_json::from_str::<serde::de::IgnoredAny>(text)?;
    Ok(Body::Other(kind))
}

fn not_a_list(kind: &str) -> FeedError {
    FeedError::NotAFeed(format!("phản hồi WordPress không phải là một mảng bài viết ({kind})"))
}

// ---------------------------------------------------------------------------------------------
// Public entry points

/// Reads a page of `GET /wp/v2/posts?_embed`: the articles, and why each skipped post was skipped
/// (for the developer console). The body must be an array; a WordPress error body becomes
/// [`FeedError::NotAFeed`] with its message.
pub fn parse_posts(text: &str, utc_offset_minutes: i32) -> Result<(Vec<Article>, Vec<String>), FeedError> {
    let text = replace_lone_surrogates(text);
    let raw = match read_body(&text)? {
        Body::Posts(raw) => raw,
        Body::One(p) => {
            return Err(p.error_message().map(FeedError::NotAFeed).unwrap_or_else(|| not_a_list("đối tượng")));
        }
        Body::Other(kind) => return Err(not_a_list(kind)),
    };
    let mut taken = slug::Taken::default();
    let mut articles = Vec::with_capacity(raw.len());
    let mut skipped = Vec::new();
    for (i, p) in raw.into_iter().enumerate() {
        match convert_element(p, utc_offset_minutes) {
            Ok(mut a) => {
                a.slug = slug::dedupe(std::mem::take(&mut a.slug), &mut taken);
                articles.push(a);
            }
            Err(why) => skipped.push(format!("posts[{i}]: {why}")),
        }
    }
    Ok((articles, skipped))
}

/// Reads one post: a post object (`GET /wp/v2/posts/{id}?_embed`), or an array holding it (the
/// slug lookup). An empty array is an error here; see [`parse_post_list_first`].
pub fn parse_post(text: &str, utc_offset_minutes: i32) -> Result<Article, FeedError> {
    parse_post_list_first(text, utc_offset_minutes)?
        .ok_or_else(|| FeedError::NotAFeed("không tìm thấy bài viết".into()))
}

/// Reads the answer of `GET /wp/v2/posts?slug=…&_embed`: `Ok(None)` for an empty array (no such
/// post), the first usable post of a non-empty array, or a lone post object. Error bodies and
/// arrays holding only broken posts are errors.
pub fn parse_post_list_first(text: &str, utc_offset_minutes: i32) -> Result<Option<Article>, FeedError> {
    let text = replace_lone_surrogates(text);
    match read_body(&text)? {
        Body::Posts(raw) => {
            let mut first_error = None;
            for p in raw {
                match convert_element(p, utc_offset_minutes) {
                    Ok(a) => return Ok(Some(a)),
                    Err(why) => {
                        first_error.get_or_insert(why);
                    }
                }
            }
            match first_error {
                None => Ok(None),
                Some(why) => Err(FeedError::NotAFeed(format!("bài viết không hợp lệ: {why}"))),
            }
        }
        Body::One(p) => convert_post(*p, utc_offset_minutes).map(Some).map_err(FeedError::NotAFeed),
        Body::Other(kind) => Err(FeedError::NotAFeed(format!("phản hồi WordPress không phải là bài viết ({kind})"))),
    }
}

/// `X-WP-TotalPages`, read leniently (`" 3 "`, `"3, 3"` from merged headers, `"3.0"`).
pub fn total_pages(header: Option<&str>) -> Option<u32> {
    let s = header?.split(',').next()?.trim().trim_matches('"').trim();
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let f = s.parse::<f64>().ok()?;
    (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX)).then_some(f as u32)
}

/// `{root}/wp/v2/posts?_embed&page=N&per_page=M[&search=…][&categories=ID]`. `root` is the REST
/// root (`https://site/wp-json`; trailing slashes are dropped). A root in the plain-permalink form
/// `https://site/?rest_route=` works too. `page` is at least 1 and `per_page` 1–100, the range
/// WordPress accepts; a blank search is left out.
pub fn posts_url(root: &str, page: u32, per_page: u32, search: Option<&str>, category_id: Option<u64>) -> String {
    let mut u = endpoint(root, "/wp/v2/posts");
    u.push_str("_embed");
    u.push_str(&format!("&page={}&per_page={}", page.max(1), per_page.clamp(1, MAX_PER_PAGE)));
    if let Some(q) = search.map(str::trim).filter(|q| !q.is_empty()) {
        u.push_str("&search=");
        u.push_str(&encode_component(q));
    }
    if let Some(c) = category_id {
        u.push_str(&format!("&categories={c}"));
    }
    u
}

/// `{root}/wp/v2/posts?slug=…&_embed`: answers with an array of at most one post.
pub fn post_by_slug_url(root: &str, slug: &str) -> String {
    let mut u = endpoint(root, "/wp/v2/posts");
    u.push_str("slug=");
    u.push_str(&encode_component(slug.trim()));
    u.push_str("&_embed");
    u
}

/// The route appended to the root, followed by the separator for the first query parameter.
fn endpoint(root: &str, route: &str) -> String {
    let root = root.trim().trim_end_matches('/');
    let sep = if root.contains('?') { '&' } else { '?' };
    format!("{root}{route}{sep}")
}

// ---------------------------------------------------------------------------------------------
// Conversion

/// One element of the array: an object, else the reason it is skipped.
fn convert_element(p: &RawValue, offset: i32) -> Result<Article, String> {
    convert_post(read_post(p.get())?.ok_or("không phải là đối tượng")?, offset)
}

fn convert_post(p: RawPost, offset: i32) -> Result<Article, String> {
    if let Some(msg) = p.error_message() {
        return Err(format!("lỗi WordPress: {msg}"));
    }
    let link = p.link.0.as_deref().and_then(url::safe_link);
    let wp_id = p.id.0;
    let id = link.clone().or_else(|| wp_id.clone()).ok_or("thiếu \"id\" và \"link\"")?;

    let title = p.title.text.as_deref().map(html_to_text).filter(|t| !t.is_empty());
    let protected = p.content.protected || p.excerpt.protected;
    let (content_html, summary) = if protected {
        (None, Some(PROTECTED_SUMMARY.to_string()))
    } else {
        (p.content.text, p.excerpt.text.as_deref().and_then(excerpt_text))
    };
    if title.is_none() && content_html.is_none() && summary.is_none() {
        return Err("không có tiêu đề và nội dung".into());
    }

    let slug = p
        .slug
        .0
        .map(|s| slug::slugify(&url::percent_decode(&s)))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| fallback_slug(link.as_deref(), wp_id.as_deref()));
    // WordPress itself keeps slugs to 200 characters; one longer would not fit a file name.
    let slug = slug::fit(slug);

    let published = wp_date(p.date_gmt, p.date, offset);
    let modified = wp_date(p.modified_gmt, p.modified, offset);

    let embedded = p.embedded.0.unwrap_or_default();
    let authors = embedded
        .author
        .0
        .into_iter()
        .filter_map(|a| a.0)
        .filter_map(|a| {
            let link = a.link.0.as_deref().and_then(url::safe_link);
            let link = link.or_else(|| a.url.0.as_deref().and_then(url::safe_link));
            let name = a.name.0.as_deref().map(html_to_text).filter(|n| !n.is_empty())?;
            Some(Author { name, url: link })
        })
        .collect();
    let image = embedded
        .featured_media
        .0
        .into_iter()
        .filter_map(|m| m.0)
        .find_map(|m| m.source_url.0.as_deref().and_then(url::safe_image))
        .or_else(|| p.jetpack_featured_media_url.0.as_deref().and_then(url::safe_image));

    let mut categories: Vec<String> = Vec::new();
    let mut tag_names: Vec<String> = Vec::new();
    for term in embedded.terms.0.into_iter().flat_map(|l| l.0).filter_map(|t| t.0) {
        let Some(name) = term.name.0.as_deref().map(html_to_text).filter(|n| !n.is_empty()) else {
            continue;
        };
        match term.taxonomy.0.as_deref() {
            Some("category") if !is_default_category(&name, term.slug.0.as_deref()) => categories.push(name),
            Some("post_tag") => tag_names.push(name),
            _ => {}
        }
    }
    let category = categories.first().cloned();
    let mut tags: Vec<String> = Vec::new();
    for t in tag_names.into_iter().chain(categories) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }

    let meta = p.meta.0.unwrap_or_default();
    let views = p.views.0.or(p.post_views_count.0).or(meta.views.0).or(meta.post_views_count.0);

    Ok(Article {
        id,
        slug,
        url: link,
        external_url: None,
        title,
        content_html,
        content_text: None,
        summary,
        image,
        banner_image: None,
        published,
        modified,
        authors,
        tags,
        category,
        views,
        language: p.lang.0,
        attachments: Vec::new(),
    })
}

/// `*_gmt` is UTC without a zone; the local field is the site's time at `offset`.
fn wp_date(gmt: Text, local: Text, offset: i32) -> Option<i64> {
    gmt.0.as_deref().and_then(|d| date::parse(d, 0)).or_else(|| local.0.as_deref().and_then(|d| date::parse(d, offset)))
}

/// The slug of a post without one: the last path segment of its link when the link has a path
/// (`https://site/2022/04/le-hoi/` → `le-hoi`), else the numeric id (`?p=123` links).
fn fallback_slug(link: Option<&str>, wp_id: Option<&str>) -> String {
    if let Some(l) = link {
        let path = l.split(['?', '#']).next().unwrap_or("");
        let path = match path.split_once("://") {
            Some((_, rest)) => rest.split_once('/').map_or("", |(_, p)| p),
            None => path,
        };
        if !path.trim_matches('/').is_empty() {
            return slug::slug_from_id(l);
        }
    }
    slug::slug_from_id(wp_id.or(link).unwrap_or(""))
}

/// WordPress's default category, in English and in the Vietnamese translations.
fn is_default_category(name: &str, term_slug: Option<&str>) -> bool {
    const DEFAULTS: [&str; 4] = ["uncategorized", "chua-phan-loai", "chua-duoc-phan-loai", "khong-phan-loai"];
    DEFAULTS.contains(&slug::slugify(name).as_str())
        || term_slug.is_some_and(|s| s.eq_ignore_ascii_case("uncategorized"))
}

/// The excerpt as plain text, without WordPress's "read more" marker `[&hellip;]`.
fn excerpt_text(html: &str) -> Option<String> {
    let text = html_to_text(html);
    let text = collapse_whitespace(&text.replace("[…]", " ").replace("[...]", " "));
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_drops_the_more_marker() {
        let excerpt = excerpt_text("<p>Sáng 13/4 &hellip; hội nghị [&hellip;]</p>\n");
        assert_eq!(excerpt.as_deref(), Some("Sáng 13/4 … hội nghị"));
        assert_eq!(excerpt_text("<p> [&hellip;]</p>"), None);
    }

    #[test]
    fn encoder_is_utf8_and_strict() {
        assert_eq!(encode_component("dân vận"), "d%C3%A2n%20v%E1%BA%ADn");
        assert_eq!(encode_component("a&b=c+d/e?#"), "a%26b%3Dc%2Bd%2Fe%3F%23");
        assert_eq!(encode_component("Az09-._~"), "Az09-._~");
    }

    #[test]
    fn default_categories() {
        assert!(is_default_category("Uncategorized", None));
        assert!(is_default_category("Chưa phân loại", None));
        assert!(is_default_category("Khác", Some("uncategorized")));
        assert!(!is_default_category("Tin tức", Some("tin-tuc")));
    }

    #[test]
    fn fallback_slugs() {
        assert_eq!(fallback_slug(Some("https://site.vn/2022/04/le-hoi/"), Some("7")), "le-hoi");
        assert_eq!(fallback_slug(Some("https://site.vn/?p=7"), Some("7")), "7");
        assert_eq!(fallback_slug(None, Some("7")), "7");
    }
}
