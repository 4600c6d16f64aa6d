//! JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) with the portal's `_portal` extension,
//! read leniently: unknown keys are ignored, broken items are skipped and counted.

use crate::model::json::{Json, Members};
use crate::model::lenient::{fields, Count, Flag, List, Obj, Text};
use crate::model::{article, date, entities, slug, url, Article, Attachment, Author, SiteInfo, Stats};

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

/// Why a document cannot be used as a feed. Decoding JSON itself is the caller's concern.
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

#[derive(Default)]
pub(crate) struct RawAuthor {
    name: Text,
    url: Text,
}

#[derive(Default)]
struct RawAttachment {
    url: Text,
    mime_type: Text,
    title: Text,
    size_in_bytes: Count,
    duration_in_seconds: Count,
}

#[derive(Default)]
struct RawItemPortal {
    slug: Text,
    views: Count,
    category: Text,
}

#[derive(Default)]
pub(crate) struct RawItem {
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
    portal: Obj<RawItemPortal>,
}

#[derive(Default)]
pub(crate) struct RawStats {
    visits: Count,
    page_views: Count,
    online: Count,
    today: Count,
    this_month: Count,
}

#[derive(Default)]
struct RawContact {
    agency: Text,
    address: Text,
    phone: Text,
    email: Text,
    responsible: Text,
    licence: Text,
}

#[derive(Default)]
struct RawSitePortal {
    site_name: Text,
    stats: Obj<RawStats>,
    contact: Obj<RawContact>,
}

#[derive(Default)]
struct RawFeed {
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
    items: Option<Vec<Obj<RawItem>>>,
    portal: Obj<RawSitePortal>,
}

type Read<T> = Result<T, String>;

fn read_author(m: &Members<'_>) -> Read<RawAuthor> {
    fields(m, &["name", "url"], |a: &mut RawAuthor, k, v| {
        match k {
            "name" => a.name = Text::read(v)?,
            "url" => a.url = Text::read(v)?,
            _ => {}
        }
        Ok(())
    })
}

fn authors_of(v: &Json<'_>) -> Read<List<Obj<RawAuthor>>> {
    List::read(v, &|e| Obj::read(e, read_author))
}

fn read_attachment(m: &Members<'_>) -> Read<RawAttachment> {
    const NAMES: &[&str] = &["url", "mime_type", "title", "size_in_bytes", "duration_in_seconds"];
    fields(m, NAMES, |a: &mut RawAttachment, k, v| {
        match k {
            "url" => a.url = Text::read(v)?,
            "mime_type" => a.mime_type = Text::read(v)?,
            "title" => a.title = Text::read(v)?,
            "size_in_bytes" => a.size_in_bytes = Count::read(v)?,
            "duration_in_seconds" => a.duration_in_seconds = Count::read(v)?,
            _ => {}
        }
        Ok(())
    })
}

fn read_item_portal(m: &Members<'_>) -> Read<RawItemPortal> {
    fields(m, &["slug", "views", "category"], |p: &mut RawItemPortal, k, v| {
        match k {
            "slug" => p.slug = Text::read(v)?,
            "views" => p.views = Count::read(v)?,
            "category" => p.category = Text::read(v)?,
            _ => {}
        }
        Ok(())
    })
}

pub(crate) fn read_item(m: &Members<'_>) -> Read<RawItem> {
    const NAMES: &[&str] = &[
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
    fields(m, NAMES, |it: &mut RawItem, k, v| {
        match k {
            "id" => it.id = Text::read(v)?,
            "url" => it.url = Text::read(v)?,
            "external_url" => it.external_url = Text::read(v)?,
            "title" => it.title = Text::read(v)?,
            "content_html" => it.content_html = Text::read(v)?,
            "content_text" => it.content_text = Text::read(v)?,
            "summary" => it.summary = Text::read(v)?,
            "image" => it.image = Text::read(v)?,
            "banner_image" => it.banner_image = Text::read(v)?,
            "date_published" => it.date_published = Text::read(v)?,
            "date_modified" => it.date_modified = Text::read(v)?,
            "authors" => it.authors = authors_of(v)?,
            "author" => it.author = Obj::read(v, read_author)?,
            "tags" => it.tags = List::read(v, &Text::read)?,
            "language" => it.language = Text::read(v)?,
            "attachments" => it.attachments = List::read(v, &|e| Obj::read(e, read_attachment))?,
            "_portal" => it.portal = Obj::read(v, read_item_portal)?,
            _ => {}
        }
        Ok(())
    })
}

pub(crate) fn read_stats(m: &Members<'_>) -> Read<RawStats> {
    const NAMES: &[&str] = &["visits", "page_views", "online", "today", "this_month"];
    fields(m, NAMES, |s: &mut RawStats, k, v| {
        match k {
            "visits" => s.visits = Count::read(v)?,
            "page_views" => s.page_views = Count::read(v)?,
            "online" => s.online = Count::read(v)?,
            "today" => s.today = Count::read(v)?,
            "this_month" => s.this_month = Count::read(v)?,
            _ => {}
        }
        Ok(())
    })
}

fn read_contact(m: &Members<'_>) -> Read<RawContact> {
    const NAMES: &[&str] = &["agency", "address", "phone", "email", "responsible", "licence"];
    fields(m, NAMES, |c: &mut RawContact, k, v| {
        match k {
            "agency" => c.agency = Text::read(v)?,
            "address" => c.address = Text::read(v)?,
            "phone" => c.phone = Text::read(v)?,
            "email" => c.email = Text::read(v)?,
            "responsible" => c.responsible = Text::read(v)?,
            "licence" => c.licence = Text::read(v)?,
            _ => {}
        }
        Ok(())
    })
}

fn read_site_portal(m: &Members<'_>) -> Read<RawSitePortal> {
    fields(m, &["site_name", "stats", "contact"], |p: &mut RawSitePortal, k, v| {
        match k {
            "site_name" => p.site_name = Text::read(v)?,
            "stats" => p.stats = Obj::read(v, read_stats)?,
            "contact" => p.contact = Obj::read(v, read_contact)?,
            _ => {}
        }
        Ok(())
    })
}

/// `items` must be an array (or `null`, read as absent); everything else about a feed is
/// negotiable. What an item cannot hold (a duplicate key, an unpaired surrogate) fails the feed
/// too, named as such.
fn read_items(v: &Json<'_>) -> Read<Option<Vec<Obj<RawItem>>>> {
    match v {
        Json::Null => Ok(None),
        Json::Arr(items) => items
            .iter()
            .map(|e| Obj::read(e, read_item))
            .collect::<Read<Vec<_>>>()
            .map(Some)
            .map_err(|why| format!("một mục của \"items\" hỏng: {why}")),
        _ => Err("\"items\" không phải là một mảng".into()),
    }
}

fn read_feed(m: &Members<'_>) -> Read<RawFeed> {
    const NAMES: &[&str] = &[
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "icon",
        "favicon",
        "authors",
        "author",
        "language",
        "expired",
        "next_url",
        "items",
        "_portal",
    ];
    fields(m, NAMES, |f: &mut RawFeed, k, v| {
        match k {
            "version" => f.version = Text::read(v)?,
            "title" => f.title = Text::read(v)?,
            "home_page_url" => f.home_page_url = Text::read(v)?,
            "feed_url" => f.feed_url = Text::read(v)?,
            "description" => f.description = Text::read(v)?,
            "icon" => f.icon = Text::read(v)?,
            "favicon" => f.favicon = Text::read(v)?,
            "authors" => f.authors = authors_of(v)?,
            "author" => f.author = Obj::read(v, read_author)?,
            "language" => f.language = Text::read(v)?,
            "expired" => f.expired = Flag::read(v)?,
            "next_url" => f.next_url = Text::read(v)?,
            "items" => f.items = read_items(v)?,
            "_portal" => f.portal = Obj::read(v, read_site_portal)?,
            _ => {}
        }
        Ok(())
    })
}

/// Strips the UTF-8 byte-order mark some servers prepend (JSON.parse rejects it).
pub fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{feff}').unwrap_or(s)
}

/// Reads a JSON Feed document.
pub fn parse_feed(doc: &Json<'_>, utc_offset_minutes: i32) -> Result<Feed, FeedError> {
    // Through `Obj`: an array is not a feed, even one whose elements line up with the fields.
    let raw = Obj::read(doc, read_feed).map_err(|e| FeedError::NotAFeed(first_line(&e)))?;
    let raw = raw.0.ok_or_else(|| FeedError::NotAFeed("tài liệu không phải là một đối tượng JSON".into()))?;
    from_raw(raw, utc_offset_minutes)
}

/// Reads one JSON Feed item (the portal API's `GET /articles/{key}`).
pub fn parse_item(doc: &Json<'_>, utc_offset_minutes: i32) -> Result<Article, FeedError> {
    let raw = Obj::read(doc, read_item).map_err(|e| FeedError::NotAFeed(first_line(&e)))?;
    let raw = raw.0.ok_or_else(|| FeedError::NotAFeed("bài viết không phải là một đối tượng JSON".into()))?;
    convert_item(raw, utc_offset_minutes).map_err(|why| FeedError::NotAFeed(why.into()))
}

/// Reads the stats object (`_portal.stats`, or the portal API's `GET /stats`).
pub fn parse_stats(doc: &Json<'_>) -> Result<Stats, FeedError> {
    let raw = Obj::read(doc, read_stats).map_err(|e| FeedError::NotAFeed(first_line(&e)))?;
    raw.0.map(convert_stats).ok_or_else(|| FeedError::NotAFeed("số liệu thống kê không hợp lệ".into()))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).chars().take(200).collect()
}

fn supported_version(v: &str) -> bool {
    let v = v.trim().trim_end_matches('/').to_ascii_lowercase();
    let v = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://")).unwrap_or(&v);
    matches!(v, "jsonfeed.org/version/1" | "jsonfeed.org/version/1.1" | "1" | "1.0" | "1.1")
}

fn from_raw(raw: RawFeed, offset: i32) -> Result<Feed, FeedError> {
    let Some(raw_items) = raw.items else {
        return Err(FeedError::NotAFeed("thiếu danh sách \"items\"".into()));
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
        match item.0.ok_or("không phải là đối tượng").and_then(|it| convert_item(it, offset)) {
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
    if article::is_collapsed(&s) {
        s
    } else {
        article::collapse_whitespace(&s)
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

pub(crate) fn convert_item(it: RawItem, offset: i32) -> Result<Article, &'static str> {
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
                mime_type: a.mime_type.0.unwrap_or_else(|| "application/octet-stream".into()),
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
