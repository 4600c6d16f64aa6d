//! One prerendered page: the route rendered by the app's own views, put into Trunk's
//! `index.html` in place of its loading placeholder.

use super::head::attr;
use crate::app::App;
use crate::config::Config;
use crate::dom::head::take_collected;
use crate::model::head::PageMeta;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// Around the mount element's placeholder in `index.html`: what the prerender replaces.
pub const CONTENT_START: &str = "<!--np-content-->";
pub const CONTENT_END: &str = "<!--/np-content-->";
/// On the mount element of a prerendered page: the path it was rendered for. The app takes the
/// page over only when it shows the same address (README, "Prerendered pages").
pub const PRERENDERED_ATTR: &str = "data-np-prerendered";
/// On the mount element of a prerendered page: the site URL it was written for (`--site-url`),
/// which the app's canonical addresses keep after the takeover (`config::SITE_ATTR`).
pub use crate::config::SITE_ATTR;

/// The mount element's HTML for `path` (under `config.base`) and the head tags the page set.
/// `site_url` is the site's origin (and any path in front of the base), without a trailing '/'.
pub fn render(config: &Config, site_url: &str, path: &str) -> (String, Option<PageMeta>) {
    crate::platform::set_prerender_address(&format!("{site_url}{path}"));
    let _ = take_collected();
    let owner = Owner::new();
    let config = config.clone();
    let html = owner.with(|| view! { <App config/> }.to_html());
    let meta = take_collected();
    owner.cleanup();
    (html, meta)
}

/// `template` (Trunk's index.html) with the page's head and content.
pub fn compose(
    template: &str,
    site_url: &str,
    path: &str,
    body: &str,
    meta: Option<&PageMeta>,
) -> Result<String, String> {
    let start = template.find(CONTENT_START).ok_or("index.html: no <!--np-content--> marker in the mount element")?;
    let end =
        template[start..].find(CONTENT_END).map(|e| e + start).ok_or("index.html: no <!--/np-content--> marker")?;
    let mount_open = template[..start].rfind("<div").ok_or("index.html: the mount element is not a <div>")?;
    let head_end = template.find("</head>").ok_or("index.html: no </head>")?;
    if head_end > mount_open {
        return Err("index.html: the mount element must be in <body>".into());
    }
    let mut head = without_preloads(&template[..head_end]);
    if let Some(meta) = meta {
        head = super::head::write(&head, meta);
    }
    let mount_attrs_end = mount_open + "<div".len();
    Ok(format!(
        "{head}{between}{mount} {PRERENDERED_ATTR}=\"{path}\" {SITE_ATTR}=\"{site}\"{mount_rest}{CONTENT_START}{body}{rest}",
        between = &template[head_end..mount_open],
        mount = &template[mount_open..mount_attrs_end],
        path = attr(path),
        site = attr(site_url),
        mount_rest = &template[mount_attrs_end..start],
        rest = &template[end..],
    ))
}

/// The head without `<link rel="preload">` / `modulepreload`: a prerendered page is complete
/// without the wasm, which must not compete with its first paint (the app's `embed.js` starts the
/// download after it).
fn without_preloads(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(at) = rest.find("<link") {
        let Some(len) = rest[at..].find('>') else { break };
        let tag = &rest[at..=at + len];
        out.push_str(&rest[..at]);
        let rel = tag.split("rel=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("");
        if rel != "preload" && rel != "modulepreload" {
            out.push_str(tag);
        } else if out.ends_with("  ") {
            // Keep the file tidy: drop the indentation of the removed line.
            out.truncate(out.trim_end_matches(' ').len());
        }
        rest = &rest[at + len + 1..];
    }
    out.push_str(rest);
    out
}
