//! The `<head>` of a prerendered page, from the [`PageMeta`] its view asked for.

use crate::dom::head::PageMeta;

/// `value` for a double-quoted attribute.
pub fn attr(value: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(value)
}

/// `value` as element text (the title, a sitemap's `<loc>`).
pub fn text(value: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_text(value)
}

/// The document title, as the app sets it (`page_shown`): "{page} | {site}".
pub fn full_title(meta: &PageMeta) -> String {
    if meta.title.is_empty() {
        meta.site_name.clone()
    } else {
        format!("{} | {}", meta.title, meta.site_name)
    }
}

/// The per-page tags after the template's own: canonical, OpenGraph, Twitter card, JSON-LD.
/// Each carries `data-np-head`, so the app replaces them (not duplicates them) when it takes over.
pub fn tags(meta: &PageMeta) -> String {
    let mut out = String::new();
    let mut tag = |html: String| {
        out.push_str("  ");
        out.push_str(&html);
        out.push('\n');
    };
    tag(format!(r#"<link rel="canonical" href="{}" data-np-head>"#, attr(&meta.url)));
    let description = meta.description.as_deref().filter(|d| !d.trim().is_empty());
    let og = [
        ("og:title", Some(meta.title.as_str()).filter(|t| !t.is_empty()).or(Some(&meta.site_name))),
        ("og:description", description),
        ("og:url", Some(meta.url.as_str())),
        ("og:type", Some(meta.kind)),
        ("og:image", meta.image.as_deref()),
        ("og:site_name", Some(meta.site_name.as_str())),
        ("og:locale", Some("vi_VN")),
        ("article:published_time", meta.published.as_deref()),
    ];
    for (property, value) in og.into_iter().filter_map(|(p, v)| Some((p, v?))) {
        tag(format!(r#"<meta property="{property}" content="{}" data-np-head>"#, attr(value)));
    }
    let card = if meta.image.is_some() { "summary_large_image" } else { "summary" };
    tag(format!(r#"<meta name="twitter:card" content="{card}" data-np-head>"#));
    if let Some(json) = &meta.json_ld {
        // The JSON escapes "<" (\u003c): the text cannot end its script element. A data block
        // (type application/ld+json) never runs, so the page's CSP allows it.
        tag(format!(r#"<script type="application/ld+json" data-np-head>{}</script>"#, json.replace('<', "\\u003c")));
    }
    out
}
