//! Relative URLs in what a source served made absolute against the document they came from,
//! as JSON Feed requires for relative URLs (`next_url`, attachments, images…).

/// The document relative URLs resolve against, and its directory as the browser serializes it
/// (http(s) only): one call into JavaScript per page lets plain relative paths be joined by hand.
pub struct Base<'a> {
    href: &'a str,
    dir: Option<String>,
}

impl<'a> Base<'a> {
    pub fn new(href: &'a str) -> Self {
        let dir = crate::platform::resolve_url(href, href).and_then(|h| {
            if !h.starts_with("https://") && !h.starts_with("http://") {
                return None;
            }
            // '?' and '#' are escaped in user info, so the first one ends the path.
            let path_end = h.find(['?', '#']).unwrap_or(h.len());
            let dir_end = h[..path_end].rfind('/')? + 1;
            Some(h[..dir_end].to_string())
        });
        Base { href, dir }
    }

    fn resolve(&self, rel: &str) -> Option<String> {
        if let Some(joined) = self.dir.as_deref().and_then(|d| crate::model::url::join_to_dir(d, rel)) {
            return Some(joined);
        }
        crate::platform::resolve_url(rel, self.href)
    }
}

/// Makes every URL of a loaded page absolute against the document it came from, as JSON Feed
/// requires for relative URLs (`next_url`, attachments, images…).
pub fn absolutize_feed(feed: &mut crate::model::Feed, base: &str) {
    let base = Base::new(base);
    for slot in [&mut feed.next_url, &mut feed.home_page_url, &mut feed.feed_url, &mut feed.icon, &mut feed.favicon] {
        absolutize(slot, &base);
    }
    for a in &mut feed.articles {
        absolutize_article(a, &base);
    }
}

pub fn absolutize_article(a: &mut crate::model::Article, base: &Base<'_>) {
    for slot in [&mut a.url, &mut a.external_url, &mut a.image, &mut a.banner_image] {
        absolutize(slot, base);
    }
    for att in &mut a.attachments {
        if crate::model::url::is_canonical_absolute(&att.url) {
            continue;
        }
        if let Some(u) = base.resolve(&att.url) {
            att.url = u;
        }
    }
    for author in &mut a.authors {
        absolutize(&mut author.url, base);
    }
}

fn absolutize(slot: &mut Option<String>, base: &Base<'_>) {
    if let Some(v) = slot.as_deref() {
        if v.starts_with("data:") || crate::model::url::is_canonical_absolute(v) {
            return;
        }
        *slot = base.resolve(v);
    }
}
