//! The one JSON shape the server writes: JSON Feed 1.1 items and pages with the `_portal`
//! extension, exactly what `minh_long_portal::model::feed` reads back (tested by round trip).

use minh_long_portal::model::date::iso_utc;
use minh_long_portal::model::{Article, SiteInfo, Stats};
use serde_json::{json, Map, Value};

/// Articles without a date sort after every dated one.
pub const UNDATED: i64 = i64::MIN;

/// An article as stored: the served item (without `views`) and the columns queries use.
pub struct Row {
    pub key: String,
    pub item: String,
    pub published: i64,
    pub section: String,
    pub folded: String,
}

impl Row {
    pub fn of(article: &Article) -> Row {
        Row {
            key: article.slug.clone(),
            item: item_json(article).to_string(),
            published: article.date().unwrap_or(UNDATED),
            section: article.category_slug().unwrap_or_default(),
            folded: crate::search::folded_text(article),
        }
    }
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(v) = value {
        map.insert(key.into(), Value::String(v.clone()));
    }
}

/// A JSON Feed item of `a`; `_portal.views` is added when served ([`with_views`]).
pub fn item_json(a: &Article) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(a.id.clone()));
    put(&mut m, "url", a.url.as_ref());
    put(&mut m, "external_url", a.external_url.as_ref());
    put(&mut m, "title", a.title.as_ref());
    put(&mut m, "content_html", a.content_html.as_ref());
    put(&mut m, "content_text", a.content_text.as_ref());
    put(&mut m, "summary", a.summary.as_ref());
    put(&mut m, "image", a.image.as_ref());
    put(&mut m, "banner_image", a.banner_image.as_ref());
    if let Some(ts) = a.published {
        m.insert("date_published".into(), Value::String(iso_utc(ts)));
    }
    if let Some(ts) = a.modified {
        m.insert("date_modified".into(), Value::String(iso_utc(ts)));
    }
    if !a.authors.is_empty() {
        let authors = a
            .authors
            .iter()
            .map(|au| {
                let mut o = Map::new();
                o.insert("name".into(), Value::String(au.name.clone()));
                put(&mut o, "url", au.url.as_ref());
                Value::Object(o)
            })
            .collect();
        m.insert("authors".into(), Value::Array(authors));
    }
    if !a.tags.is_empty() {
        m.insert("tags".into(), json!(a.tags));
    }
    put(&mut m, "language", a.language.as_ref());
    if !a.attachments.is_empty() {
        let list = a
            .attachments
            .iter()
            .map(|at| {
                let mut o = Map::new();
                o.insert("url".into(), Value::String(at.url.clone()));
                o.insert("mime_type".into(), Value::String(at.mime_type.clone()));
                put(&mut o, "title", at.title.as_ref());
                if let Some(n) = at.size_in_bytes {
                    o.insert("size_in_bytes".into(), json!(n));
                }
                if let Some(n) = at.duration_in_seconds {
                    o.insert("duration_in_seconds".into(), json!(n));
                }
                Value::Object(o)
            })
            .collect();
        m.insert("attachments".into(), Value::Array(list));
    }
    let mut portal = Map::new();
    portal.insert("slug".into(), Value::String(a.slug.clone()));
    put(&mut portal, "category", a.category.as_ref());
    m.insert("_portal".into(), Value::Object(portal));
    Value::Object(m)
}

/// The stored item text with the current view count in `_portal.views`.
pub fn with_views(item: &str, views: i64) -> Result<Value, serde_json::Error> {
    let mut v: Value = serde_json::from_str(item)?;
    if let Some(p) = v.get_mut("_portal").and_then(Value::as_object_mut) {
        p.insert("views".into(), json!(views.max(0)));
    }
    Ok(v)
}

/// The feed-level `_portal` object: site name and contact.
pub fn site_json(s: &SiteInfo) -> Value {
    let mut contact = Map::new();
    put(&mut contact, "agency", s.agency.as_ref());
    put(&mut contact, "address", s.address.as_ref());
    put(&mut contact, "phone", s.phone.as_ref());
    put(&mut contact, "email", s.email.as_ref());
    put(&mut contact, "responsible", s.responsible.as_ref());
    put(&mut contact, "licence", s.licence.as_ref());
    let mut portal = Map::new();
    put(&mut portal, "site_name", s.name.as_ref());
    if !contact.is_empty() {
        portal.insert("contact".into(), Value::Object(contact));
    }
    Value::Object(portal)
}

/// `GET /api/stats` and the answer of `POST /api/stats/visits`.
pub fn stats_json(s: &Stats) -> Value {
    let mut m = Map::new();
    for (name, value) in [
        ("visits", s.visits),
        ("page_views", s.page_views),
        ("online", s.online),
        ("today", s.today),
        ("this_month", s.this_month),
    ] {
        if let Some(v) = value {
            m.insert(name.into(), json!(v));
        }
    }
    Value::Object(m)
}

/// One page of `GET /api/articles`: a JSON Feed 1.1 document.
pub fn page_json(site: &Value, items: Vec<Value>, next_url: Option<String>) -> Value {
    let mut m = Map::new();
    m.insert("version".into(), json!("https://jsonfeed.org/version/1.1"));
    let title = site.get("site_name").and_then(Value::as_str).unwrap_or("Tin tức");
    m.insert("title".into(), json!(title));
    if let Some(next) = next_url {
        m.insert("next_url".into(), json!(next));
    }
    m.insert("items".into(), Value::Array(items));
    if site.as_object().is_some_and(|o| !o.is_empty()) {
        m.insert("_portal".into(), site.clone());
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use minh_long_portal::model::feed::{parse_feed, parse_item};

    /// Every article of the bundled feed reads back, through the app's own reader, as it was read.
    #[test]
    fn items_round_trip_through_the_apps_reader() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/feed.json")).unwrap();
        let feed = parse_feed(&text, 420).unwrap();
        assert!(feed.articles.len() > 20);
        for a in &feed.articles {
            let served = with_views(&item_json(a).to_string(), a.views.unwrap_or(0) as i64).unwrap();
            let back = parse_item(&served.to_string(), 420).unwrap();
            let mut expected = a.clone();
            expected.views = Some(a.views.unwrap_or(0));
            assert_eq!(back, expected);
        }
        let site = site_json(&feed.site);
        let page = page_json(&site, vec![], Some("articles?page=2&per_page=10".into()));
        let back = parse_feed(&page.to_string(), 420).unwrap();
        assert_eq!(back.site, feed.site);
        assert_eq!(back.next_url.as_deref(), Some("articles?page=2&per_page=10"));
    }
}
