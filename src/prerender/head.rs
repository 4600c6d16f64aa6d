//! The `<head>` of a prerendered page: the tags of [`crate::model::head::tags`], the list the app
//! writes too, serialized into Trunk's `index.html`.

use crate::model::head::{full_title, tags, HeadTag, PageMeta};

/// `value` for a double-quoted attribute.
pub fn attr(value: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(value)
}

/// `value` as element text (the title, a sitemap's `<loc>`).
pub fn text(value: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_text(value)
}

/// `head` (the template's, up to `</head>`) with the page's title and tags: a tag the template
/// already has (its description) gets the page's value, the others follow the template's own.
/// Each added tag carries `data-np-head`, so the app replaces them (not duplicates them) when it
/// takes over.
pub fn write(head: &str, meta: &PageMeta) -> String {
    let mut head = replace_title(head, &full_title(&meta.title, &meta.site_name));
    for tag in tags(meta) {
        let html = match &tag {
            HeadTag::Meta { key_attr, key, content } => {
                let template_tag = format!("<meta {key_attr}=\"{key}\"");
                if let Some(at) = head.find(&template_tag) {
                    let Some(len) = head[at..].find('>') else { continue };
                    head = format!(
                        "{}{template_tag} content=\"{}\">{}",
                        &head[..at],
                        attr(content),
                        &head[at + len + 1..]
                    );
                    continue;
                }
                format!(r#"<meta {key_attr}="{key}" content="{}" data-np-head>"#, attr(content))
            }
            HeadTag::Link { rel, href } => format!(r#"<link rel="{rel}" href="{}" data-np-head>"#, attr(href)),
            // A data block (type application/ld+json) never runs, so the page's CSP allows it.
            HeadTag::JsonLd(json) => format!(r#"<script type="application/ld+json" data-np-head>{json}</script>"#),
        };
        head.push_str("  ");
        head.push_str(&html);
        head.push('\n');
    }
    head
}

fn replace_title(head: &str, title: &str) -> String {
    match (head.find("<title>"), head.find("</title>")) {
        (Some(a), Some(b)) if a < b => format!("{}<title>{}{}", &head[..a], text(title), &head[b..]),
        _ => head.to_string(),
    }
}
