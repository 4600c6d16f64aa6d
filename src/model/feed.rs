//! JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) with the portal's `_portal` extension,
//! read leniently: unknown keys are ignored, broken items are skipped and counted.

use crate::model::de::{first_line, from_json, last_key_wins, replace_lone_surrogates, Count, Flag, List, Obj, Text};
use crate::model::{date, entities, slug, text, url, Article, Attachment, Author, SiteInfo, Stats};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    pub home_page_url: Option<String>,
    pub feed_url: Option<String>,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub favicon: Option<String>,
    pub authors: Vec<Author>,
    pub language: Option<String>,
    pub expired: bool,
    /// The next page of this feed (JSON Feed pagination).
    pub next_url: Option<String>,
    pub site: SiteInfo,
    pub stats: Stats,
    pub articles: Vec<Article>,
    /// Why each skipped item was skipped, for the developer console.
    pub skipped: Vec<String>,
}

/// Why a document cannot be used as a feed (including text that is not JSON at all).
#[derive(Clone, Debug, PartialEq)]
pub enum FeedError {
    NotAFeed(String),
}

impl std::fmt::Display for FeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedError::NotAFeed(why) => write!(f, "{why}"),
        }
    }
}

impl From<serde_json::Error> for FeedError {
    fn from(e: serde_json::Error) -> Self {
        FeedError::NotAFeed(first_line(&e.to_string()))
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawAuthor {
    name: Text,
    url: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawAttachment {
    url: Text,
    mime_type: Text,
    title: Text,
    size_in_bytes: Count,
    duration_in_seconds: Count,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawItemPortal {
    slug: Text,
    views: Count,
    category: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawItem {
    id: Text,
    url: Text,
    external_url: Text,
    title: Text,
    content_html: Text,
    content_text: Text,
    summary: Text,
    image: Text,
    banner_image: Text,
    date_published: Text,
    date_modified: Text,
    authors: List<Obj<RawAuthor>>,
    author: Obj<RawAuthor>,
    tags: List<Text>,
    language: Text,
    attachments: List<Obj<RawAttachment>>,
    #[serde(rename = "_portal")]
    portal: Obj<RawItemPortal>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawStats {
    visits: Count,
    page_views: Count,
    online: Count,
    today: Count,
    this_month: Count,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawContact {
    agency: Text,
    address: Text,
    phone: Text,
    email: Text,
    responsible: Text,
    licence: Text,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawSitePortal {
    site_name: Text,
    stats: Obj<RawStats>,
    contact: Obj<RawContact>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawFeed<'a> {
    version: Text,
    title: Text,
    home_page_url: Text,
    feed_url: Text,
    description: Text,
    icon: Text,
    favicon: Text,
    authors: List<Obj<RawAuthor>>,
    author: Obj<RawAuthor>,
    language: Text,
    expired: Flag,
    next_url: Text,
    /// `None` when absent or `null`.
    #[serde(borrow)]
    items: Option<Items<'a>>,
    #[serde(rename = "_portal")]
    portal: Obj<RawSitePortal>,
}

/// `items`: each element as its JSON text, read on its own afterwards so that an item the reader
/// cannot hold is skipped instead of failing the feed. `NotArray` for any other value.
enum Items<'a> {
    Array(Vec<&'a RawValue>),
    NotArray,
}

impl<'de: 'a, 'a> Deserialize<'de> for Items<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Items<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of items")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<&'de RawValue>()? {
                    items.push(item);
                }
                Ok(Items::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Items<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Items::NotArray)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Items<'de>, E> {
                Ok(Items::NotArray)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Items<'de>, E> {
                Ok(Items::NotArray)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Items<'de>, E> {
                Ok(Items::NotArray)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Items<'de>, E> {
                Ok(Items::NotArray)
            }
            fn visit_str<E>(self, _: &str) -> Result<Items<'de>, E> {
                Ok(Items::NotArray)
            }
        }
        d.deserialize_any(V)
    }
}

/// Strips the UTF-8 byte-order mark some servers prepend (JSON.parse rejects it).
pub fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}

/// Reads a JSON Feed document.
pub fn parse_feed(text: &str, utc_offset_minutes: i32) -> Result<Feed, FeedError> {
    let text = replace_lone_surrogates(text);
    // Through `Obj`: an array is not a feed, even one whose elements line up with the fields.
    let read = |t: &str| {
        serde_json::from_str::<Obj<RawFeed<'_>>>(t).map(|raw| match raw.0 {
            Some(raw) => from_raw(raw, utc_offset_minutes),
            None => Err(FeedError::NotAFeed("tài liệu không phải là một đối tượng JSON".into())),
        })
    };
    last_key_wins(&text, read)?
}

/// Reads one JSON Feed item (the portal API's `GET /articles/{key}`).
pub fn parse_item(text: &str, utc_offset_minutes: i32) -> Result<Article, FeedError> {
    let raw = read_item(&replace_lone_surrogates(text))?;
    let raw = raw.0.ok_or_else(|| FeedError::NotAFeed("bài viết không phải là một đối tượng JSON".into()))?;
    convert_item(raw, utc_offset_minutes).map_err(|why| FeedError::NotAFeed(why.into()))
}

fn read_item(text: &str) -> serde_json::Result<Obj<RawItem>> {
    from_json::<Obj<RawItem>>(text)
}

/// Reads the stats object (`_portal.stats`, or the portal API's `GET /stats`).
pub fn parse_stats(text: &str) -> Result<Stats, FeedError> {
    let raw = from_json::<Obj<RawStats>>(&replace_lone_surrogates(text))?;
    raw.0.map(convert_stats).ok_or_else(|| FeedError::NotAFeed("số liệu thống kê không hợp lệ".into()))
}

/// The `version` values read (after trimming, lower-casing and without a trailing '/' or the scheme);
/// also checked by the counter-only widget script (src/widgets/counter.js, through the build).
pub const SUPPORTED_VERSIONS: [&str; 5] = ["jsonfeed.org/version/1", "jsonfeed.org/version/1.1", "1", "1.0", "1.1"];

fn supported_version(v: &str) -> bool {
    let v = v.trim().trim_end_matches('/').to_ascii_lowercase();
    let v = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://")).unwrap_or(&v);
    SUPPORTED_VERSIONS.contains(&v)
}

fn from_raw(raw: RawFeed, offset: i32) -> Result<Feed, FeedError> {
    let raw_items = match raw.items {
        Some(Items::Array(items)) => items,
        Some(Items::NotArray) => return Err(FeedError::NotAFeed("\"items\" không phải là một mảng".into())),
        None => return Err(FeedError::NotAFeed("thiếu danh sách \"items\"".into())),
    };
    if let Some(v) = raw.version.0.as_deref() {
        if !supported_version(v) {
            return Err(FeedError::NotAFeed(format!("phiên bản không hỗ trợ: {}", first_line(v))));
        }
    }
    let mut taken = slug::Taken::default();
    let mut articles = Vec::with_capacity(raw_items.len());
    let mut skipped = Vec::new();
    for (i, item) in raw_items.into_iter().enumerate() {
        let item = read_item(item.get()).map_err(|e| first_line(&e.to_string())).and_then(|it| {
            let it = it.0.ok_or("không phải là đối tượng")?;
            convert_item(it, offset).map_err(String::from)
        });
        match item {
            Ok(mut a) => {
                a.slug = slug::dedupe(std::mem::take(&mut a.slug), &mut taken);
                articles.push(a);
            }
            Err(why) => skipped.push(format!("items[{i}]: {why}")),
        }
    }
    let portal = raw.portal.0.unwrap_or_default();
    let contact = portal.contact.0.unwrap_or_default();
    Ok(Feed {
        title: plain(raw.title),
        home_page_url: link(raw.home_page_url),
        feed_url: link(raw.feed_url),
        description: raw.description.0,
        icon: image(raw.icon),
        favicon: image(raw.favicon),
        authors: authors(raw.authors, raw.author),
        language: raw.language.0,
        expired: raw.expired.0,
        next_url: link(raw.next_url),
        site: SiteInfo {
            name: portal.site_name.0,
            agency: contact.agency.0,
            address: contact.address.0,
            phone: contact.phone.0,
            email: contact.email.0,
            responsible: contact.responsible.0,
            licence: contact.licence.0,
        },
        stats: portal.stats.0.map(convert_stats).unwrap_or_default(),
        articles,
        skipped,
    })
}

fn convert_stats(s: RawStats) -> Stats {
    Stats {
        visits: s.visits.0,
        page_views: s.page_views.0,
        online: s.online.0,
        today: s.today.0,
        this_month: s.this_month.0,
    }
}

/// `type/subtype` of RFC 6838 token characters: what the attachment link's `type` attribute may
/// carry (anything else, parameters included, reads as a generic download).
fn is_mime_type(m: &str) -> bool {
    let token = |t: &str| {
        !t.is_empty() && t.len() <= 127 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    m.split_once('/').is_some_and(|(kind, sub)| token(kind) && token(sub))
}

fn link(t: Text) -> Option<String> {
    t.0.as_deref().and_then(url::safe_link)
}

fn image(t: Text) -> Option<String> {
    t.0.as_deref().and_then(url::safe_image)
}

/// Titles are plain text; feeds nevertheless put entities in them.
/// Takes the text by value: nearly every title, summary and tag is returned as it came, uncopied.
fn plain_text(s: String) -> String {
    let s = if s.contains('&') { entities::decode(&s) } else { s };
    if text::is_collapsed(&s) {
        s
    } else {
        text::collapse_whitespace(&s)
    }
}

/// Optional plain text: absent when nothing is left after decoding ("&nbsp;", "&#32;").
fn plain(t: Text) -> Option<String> {
    t.0.map(plain_text).filter(|t| !t.is_empty())
}

fn authors(list: List<Obj<RawAuthor>>, single: Obj<RawAuthor>) -> Vec<Author> {
    let raw: Vec<RawAuthor> = if list.0.iter().any(|a| a.0.is_some()) {
        list.0.into_iter().filter_map(|a| a.0).collect()
    } else {
        single.0.into_iter().collect()
    };
    raw.into_iter()
        .filter_map(|a| {
            let url = link(a.url);
            let name = plain(a.name).or_else(|| url.clone())?;
            Some(Author { name, url })
        })
        .collect()
}

fn convert_item(it: RawItem, offset: i32) -> Result<Article, &'static str> {
    let id = it.id.0.or_else(|| it.url.0.clone()).ok_or("thiếu \"id\"")?;
    let title = plain(it.title);
    let (content_html, content_text, summary) = (it.content_html.0, it.content_text.0, plain(it.summary));
    if title.is_none() && content_html.is_none() && content_text.is_none() && summary.is_none() {
        return Err("không có tiêu đề và nội dung");
    }
    let portal = it.portal.0.unwrap_or_default();
    let slug = portal
        .slug
        .0
        .map(|s| if slug::is_slug(&s) { s } else { slug::slugify(&s) })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| slug::slug_from_id(&id));
    let slug = slug::fit(slug);
    let mut tags: Vec<String> = Vec::new();
    for t in it.tags.0.into_iter().filter_map(|t| t.0) {
        let t = plain_text(t);
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    let attachments = it
        .attachments
        .0
        .into_iter()
        .filter_map(|a| a.0)
        .filter_map(|a| {
            Some(Attachment {
                url: link(a.url)?,
                mime_type: a
                    .mime_type
                    .0
                    .filter(|m| is_mime_type(m))
                    .unwrap_or_else(|| "application/octet-stream".into()),
                title: plain(a.title),
                size_in_bytes: a.size_in_bytes.0,
                duration_in_seconds: a.duration_in_seconds.0,
            })
        })
        .collect();
    Ok(Article {
        id,
        slug,
        url: link(it.url),
        external_url: link(it.external_url),
        title,
        content_html,
        content_text,
        summary,
        image: image(it.image),
        banner_image: image(it.banner_image),
        published: it.date_published.0.as_deref().and_then(|d| date::parse(d, offset)),
        modified: it.date_modified.0.as_deref().and_then(|d| date::parse(d, offset)),
        authors: authors(it.authors, it.author),
        tags,
        category: plain(portal.category),
        views: portal.views.0,
        language: it.language.0,
        attachments,
    })
}
