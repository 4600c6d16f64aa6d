//! What a page says about itself in `<head>`, written once for both writers: the prerender puts
//! [`tags`] into the page's file (`prerender::head`), the app puts the same list into the live
//! document (`dom::head`). One list, one title format, one canonical address rule, so a page
//! reads the same to a link preview or a search engine before and after the app takes it over.

/// What one page says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    /// The page's own title (without the site name), for `og:title`.
    pub title: String,
    pub description: Option<String>,
    /// Canonical address of the page ([`canonical_path`] under the site's URL): `canonical` and
    /// `og:url`. Empty for a page that has no address of its own (not found).
    pub url: String,
    /// `og:type`: "article" or "website".
    pub kind: &'static str,
    /// Absolute http(s) URL of the page's image.
    pub image: Option<String>,
    pub site_name: String,
    /// `article:published_time` (RFC 3339, UTC) of an article.
    pub published: Option<String>,
    /// A schema.org object, as JSON, written as `<script type="application/ld+json">`.
    pub json_ld: Option<String>,
}

/// One element of a page's head. `Meta` and `Link` are found again by their key (`name` /
/// `property` / `rel`), so a writer can replace a tag the page already has instead of adding a
/// second one.
#[derive(Clone, Debug, PartialEq)]
pub enum HeadTag {
    /// `<meta {key_attr}="{key}" content="{content}">`; `key_attr` is "name" or "property".
    Meta { key_attr: &'static str, key: &'static str, content: String },
    /// `<link rel="{rel}" href="{href}">`
    Link { rel: &'static str, href: String },
    /// `<script type="application/ld+json">{json}</script>`, "<" already escaped.
    JsonLd(String),
}

impl HeadTag {
    /// The element's name and the attribute that carries its value.
    pub fn element(&self) -> (&'static str, &'static str) {
        match self {
            HeadTag::Meta { .. } => ("meta", "content"),
            HeadTag::Link { .. } => ("link", "href"),
            HeadTag::JsonLd(_) => ("script", ""),
        }
    }

    /// `(attribute, value)` that identifies the tag among its kind; none for JSON-LD.
    pub fn key(&self) -> Option<(&'static str, &'static str)> {
        match self {
            HeadTag::Meta { key_attr, key, .. } => Some((key_attr, key)),
            HeadTag::Link { rel, .. } => Some(("rel", rel)),
            HeadTag::JsonLd(_) => None,
        }
    }

    pub fn value(&self) -> &str {
        match self {
            HeadTag::Meta { content, .. } => content,
            HeadTag::Link { href, .. } => href,
            HeadTag::JsonLd(json) => json,
        }
    }
}

/// The document title: "{page} | {site}", the site name alone for a page without a title.
pub fn full_title(title: &str, site_name: &str) -> String {
    if title.is_empty() {
        site_name.to_string()
    } else {
        format!("{title} | {site_name}")
    }
}

/// Every per-page tag, in the order they are written. The description comes first: the page
/// template (and a host page) already has one, which the writers replace.
pub fn tags(meta: &PageMeta) -> Vec<HeadTag> {
    let meta_tag = |key_attr, key, content: &str| HeadTag::Meta { key_attr, key, content: content.to_string() };
    let description = meta.description.as_deref().filter(|d| !d.trim().is_empty());
    let mut out = Vec::new();
    if let Some(d) = description {
        out.push(meta_tag("name", "description", d));
    }
    if !meta.url.is_empty() {
        out.push(HeadTag::Link { rel: "canonical", href: meta.url.clone() });
    }
    let title = if meta.title.is_empty() { &meta.site_name } else { &meta.title };
    let og = [
        ("og:title", Some(title.as_str())),
        ("og:description", description),
        ("og:url", Some(meta.url.as_str()).filter(|u| !u.is_empty())),
        ("og:type", Some(meta.kind)),
        ("og:image", meta.image.as_deref()),
        ("og:site_name", Some(meta.site_name.as_str())),
        ("og:locale", Some("vi_VN")),
        ("article:published_time", meta.published.as_deref()),
    ];
    for (property, value) in og {
        if let Some(v) = value {
            out.push(meta_tag("property", property, v));
        }
    }
    let card = if meta.image.is_some() { "summary_large_image" } else { "summary" };
    out.push(meta_tag("name", "twitter:card", card));
    if let Some(json) = &meta.json_ld {
        // "<" escaped (\u003c): the text can never end its script element.
        out.push(HeadTag::JsonLd(json.replace('<', "\\u003c")));
    }
    out
}

/// The one form of a page's path in its canonical address, whatever form the browser shows:
/// the directory index (`…/index.html`) and a trailing slash are dropped, except on the home
/// page, which is `{base}/`. `base` is "" or like "/tin-huyen" (no trailing slash).
pub fn canonical_path(path: &str, base: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let trimmed = path.trim_end_matches('/');
    if trimmed == base {
        format!("{base}/")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_path_has_one_form() {
        for shown in ["/tin-tuc/x", "/tin-tuc/x/", "/tin-tuc/x/index.html"] {
            assert_eq!(canonical_path(shown, ""), "/tin-tuc/x", "{shown}");
        }
        for shown in ["/", "", "/index.html"] {
            assert_eq!(canonical_path(shown, ""), "/", "{shown:?}");
        }
        for shown in ["/tin-huyen", "/tin-huyen/", "/tin-huyen/index.html"] {
            assert_eq!(canonical_path(shown, "/tin-huyen"), "/tin-huyen/", "{shown}");
        }
        assert_eq!(canonical_path("/tin-huyen/chuyen-muc/a/trang/2/", "/tin-huyen"), "/tin-huyen/chuyen-muc/a/trang/2");
    }

    #[test]
    fn tags_of_an_article_and_of_a_page_without_address() {
        let meta = PageMeta {
            title: "T".into(),
            description: Some("D".into()),
            url: "https://x.vn/tin-tuc/a".into(),
            kind: "article",
            image: None,
            site_name: "S".into(),
            published: Some("2022-04-13T00:00:00Z".into()),
            json_ld: Some("{\"a\":\"</script>\"}".into()),
        };
        let all = tags(&meta);
        let keys: Vec<_> = all.iter().filter_map(HeadTag::key).map(|(_, k)| k).collect();
        assert_eq!(
            keys,
            [
                "description",
                "canonical",
                "og:title",
                "og:description",
                "og:url",
                "og:type",
                "og:site_name",
                "og:locale",
                "article:published_time",
                "twitter:card"
            ]
        );
        assert_eq!(all.last(), Some(&HeadTag::JsonLd("{\"a\":\"\\u003c/script>\"}".into())));
        let not_found = PageMeta { title: "N".into(), url: String::new(), kind: "website", ..meta };
        let all = tags(&not_found);
        assert!(all.iter().all(|t| !matches!(t.key(), Some((_, "canonical" | "og:url")))));
        assert_eq!(full_title("", "S"), "S");
        assert_eq!(full_title("N", "S"), "N | S");
    }
}
