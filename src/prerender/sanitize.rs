//! Untrusted article HTML made inert for a server-rendered page: the native twin of
//! `dom::sanitize`, with the same rules (`model::allowlist`, `model::url`), producing a string.
//!
//! The browser path never re-parses anything; this one must, because its result is a string that
//! the reader's browser parses again. So the output is written to parse back into exactly the tree
//! it was written from: every text and attribute value escaped, a `<pre>`'s leading newline
//! doubled, no leading whitespace the parser would drop. Where the sanitized tree still cannot be
//! written as markup that parses back to itself (unwrapping can leave an `h3` inside an `h2`, an
//! `li` directly inside an `li`, text directly inside a `tr` after flattening…), the string is
//! re-parsed and sanitized again until it no longer changes: the result is then what any browser
//! builds from it, quirks mode or not.

use crate::model::allowlist::{attr_rule, element_rule, AttrRule, ElementRule};
use crate::model::url::{safe_image, safe_link};
use html5ever::tendril::TendrilSink;
use html5ever::tokenizer::TokenizerOpts;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ns, parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use url::Url;

/// As in `dom::sanitize`: deeper nesting is flattened to text.
const MAX_DEPTH: usize = 64;
/// One extra round is the most seen (80 of 60,000 fuzz calls needed it); the cap bounds the work.
const MAX_ROUNDS: usize = 4;
/// What the HTML parser treats as whitespace (and drops at the start of a document).
const HTML_WS: [char; 5] = [' ', '\t', '\n', '\x0C', '\r'];

/// Sanitized, serialized HTML of untrusted article HTML; relative URLs resolve against `base_url`
/// (the article's URL). `site_origin` is the origin of the site the page is served from (e.g.
/// "https://minhlong.quangngai.gov.vn"), used to decide which links "leave the site".
pub fn sanitize_html(html: &str, base_url: &str, site_origin: &str) -> String {
    let base = Url::parse(base_url).ok();
    // `location.origin` in the browser is always serialized; accept "https://x.vn/" as well.
    let origin = Url::parse(site_origin).map_or_else(|_| site_origin.to_string(), |u| u.origin().ascii_serialization());
    let ctx = Ctx { base: base.as_ref(), origin: &origin };

    // Like DOMParser: a whole document, no doctype (quirks mode), scripting off.
    let mut out = ctx.write(&parse(html, false));
    for _ in 0..MAX_ROUNDS {
        // The page embedding the result has a doctype: check in no-quirks mode, where the parser
        // is stricter (a `<table>` closes an open `<p>`).
        let again = ctx.write(&parse(&out, true));
        if again == out {
            return out;
        }
        out = again;
    }
    // Never seen; plain text is the one form certain to parse back to itself.
    let mut w = Writer::default();
    if let Some(body) = body(&parse(&out, true)) {
        w.text(&visible_text(&body));
    }
    w.out
}

fn parse(html: &str, no_quirks: bool) -> RcDom {
    let opts = ParseOpts {
        // A string, not bytes: DOMParser keeps a leading U+FEFF, and so must a second reading.
        tokenizer: TokenizerOpts { discard_bom: false, ..Default::default() },
        tree_builder: TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
    };
    let sink = parse_document(RcDom::default(), opts);
    if no_quirks {
        sink.one(format!("<!DOCTYPE html>{html}"))
    } else {
        sink.one(html)
    }
}

fn is_html(node: &Handle, local: &str) -> bool {
    matches!(&node.data, NodeData::Element { name, .. } if name.ns == ns!(html) && &*name.local == local)
}

/// `document.body`: the first `body` or `frameset` child of the root `html` element.
fn body(dom: &RcDom) -> Option<Handle> {
    let html = dom.document.children.borrow().iter().find(|n| is_html(n, "html")).cloned()?;
    let body = html.children.borrow().iter().find(|n| is_html(n, "body") || is_html(n, "frameset")).cloned();
    body
}

/// The text of a subtree without the content of dropped or foreign elements, walked without
/// recursion (this is what very deep nesting becomes).
fn visible_text(root: &Handle) -> String {
    let mut out = String::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. }
                if name.ns == ns!(html) && element_rule(&name.local) != ElementRule::Drop =>
            {
                stack.extend(node.children.borrow().iter().rev().cloned());
            }
            _ => {}
        }
    }
    out
}

struct Ctx<'a> {
    base: Option<&'a Url>,
    origin: &'a str,
}

impl Ctx<'_> {
    fn write(&self, dom: &RcDom) -> String {
        let mut w = Writer::default();
        if let Some(body) = body(dom) {
            self.copy_children(&body, &mut w, 0);
        }
        w.out
    }

    /// Recursion is bounded: below MAX_DEPTH a subtree is flattened by `visible_text`.
    fn copy_children(&self, from: &Handle, w: &mut Writer, depth: usize) {
        for child in from.children.borrow().iter() {
            self.copy_node(child, w, depth);
        }
    }

    fn copy_node(&self, node: &Handle, w: &mut Writer, depth: usize) {
        match &node.data {
            NodeData::Text { contents } => w.text(&contents.borrow()),
            NodeData::Element { name, attrs, .. } => {
                if name.ns != ns!(html) {
                    return; // SVG/MathML and anything else foreign: never recreated.
                }
                let rule = element_rule(&name.local);
                if depth >= MAX_DEPTH && rule != ElementRule::Drop {
                    w.text(&visible_text(node));
                    return;
                }
                match rule {
                    ElementRule::Drop => {}
                    ElementRule::Unwrap => self.copy_children(node, w, depth + 1),
                    ElementRule::Keep(tag) => {
                        let attrs = self.attributes(&attrs.borrow(), tag);
                        w.start_tag(tag, &attrs);
                        // The parser gives void elements no children; their end tag would be an error.
                        if !matches!(tag, "br" | "hr" | "img" | "col") {
                            self.copy_children(node, w, depth + 1);
                            w.end_tag(tag);
                        }
                    }
                }
            }
            _ => {} // comments, processing instructions, doctypes
        }
    }

    /// The attributes `dom::sanitize` sets, in the order it sets them.
    fn attributes(&self, from: &[html5ever::Attribute], tag: &str) -> Vec<(String, String)> {
        let mut to: Vec<(String, String)> = Vec::new();
        for attr in from {
            if attr.name.ns != ns!() {
                continue;
            }
            let (name, value) = (&*attr.name.local, &*attr.value);
            let value = match attr_rule(tag, name) {
                AttrRule::Drop => continue,
                AttrRule::Text => Some(value.to_string()),
                AttrRule::Link => safe_link(value).and_then(|v| self.resolve(&v)),
                AttrRule::Image => match safe_image(value) {
                    Some(v) if v.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")) => Some(v),
                    Some(v) => self.resolve(&v),
                    None => None,
                },
            };
            if let Some(v) = value {
                set(&mut to, &name.to_ascii_lowercase(), v);
            }
        }
        match tag {
            "a" => {
                let href = to.iter().find(|(n, _)| n == "href").and_then(|(_, v)| Url::parse(v).ok());
                let leaves_site = href.is_some_and(|u| u.origin().ascii_serialization() != self.origin);
                // "external" keeps the app's router from taking over links to files and other sites.
                let rel = if leaves_site { "external noopener noreferrer" } else { "external" };
                set(&mut to, "rel", rel.to_string());
            }
            "img" => {
                if !to.iter().any(|(n, _)| n == "alt") {
                    set(&mut to, "alt", String::new()); // decorative rather than a file name
                }
                set(&mut to, "loading", "lazy".to_string());
                set(&mut to, "decoding", "async".to_string());
            }
            _ => {}
        }
        to
    }

    /// Absolute form of a URL against the article's address, re-checked after resolution.
    /// In-page anchors stay as they are (see `dom::sanitize`). An unparsable base fails every
    /// URL, as `new URL(url, base)` does.
    fn resolve(&self, url: &str) -> Option<String> {
        if url.starts_with('#') {
            return Some(url.to_string());
        }
        let abs = self.base?.join(url).ok()?;
        safe_link(abs.as_str()).filter(|a| a.starts_with("http:") || a.starts_with("https:"))
    }
}

/// `Element::set_attribute`: replaces in place, else appends.
fn set(attrs: &mut Vec<(String, String)>, name: &str, value: String) {
    match attrs.iter_mut().find(|(n, _)| n == name) {
        Some(slot) => slot.1 = value,
        None => attrs.push((name.to_string(), value)),
    }
}

/// Serializes so that parsing the output gives back the same nodes.
#[derive(Default)]
struct Writer {
    out: String,
    /// Just wrote `<pre>`: the parser drops one newline right after it.
    after_pre: bool,
}

impl Writer {
    fn text(&mut self, text: &str) {
        // Whitespace before the first element or text of a document never reaches its body.
        let text = if self.out.is_empty() { text.trim_start_matches(HTML_WS) } else { text };
        if text.is_empty() {
            return;
        }
        if std::mem::take(&mut self.after_pre) && text.starts_with('\n') {
            self.out.push('\n');
        }
        escape(text, false, &mut self.out);
    }

    fn start_tag(&mut self, tag: &str, attrs: &[(String, String)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name); // only allowlisted names get here
            self.out.push_str("=\"");
            escape(value, true, &mut self.out);
            self.out.push('"');
        }
        self.out.push('>');
        self.after_pre = tag == "pre";
    }

    fn end_tag(&mut self, tag: &str) {
        self.after_pre = false;
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }
}

/// `<` and `>` are escaped in attributes too, so the output stays inert even if someone later
/// embeds it somewhere a stray `>` matters. CR would be turned into LF by the parser, NUL dropped.
fn escape(s: &str, attr: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://minhlong.quangngai.gov.vn/tin-tuc/bai-viet";
    const SITE: &str = "https://minhlong.quangngai.gov.vn";

    fn s(html: &str) -> String {
        sanitize_html(html, BASE, SITE)
    }

    #[test]
    fn writes_what_dom_sanitize_builds() {
        assert_eq!(s("<h1 class=x>T</h1><p onclick=a>x &amp; y</p>"), "<h2>T</h2><p>x &amp; y</p>");
        assert_eq!(s("<font>a<script>b</script></font>"), "a");
        assert_eq!(
            s("<img src=a.png title='\"q\"'>"),
            "<img src=\"https://minhlong.quangngai.gov.vn/tin-tuc/a.png\" title=\"&quot;q&quot;\" alt=\"\" loading=\"lazy\" decoding=\"async\">"
        );
    }

    #[test]
    fn output_parses_back_to_itself() {
        assert_eq!(s("<pre>\n\nx</pre>"), "<pre>\n\nx</pre>");
        assert_eq!(s("<font> a</font>"), "a");
        assert_eq!(s("<p>&#13;</p>"), "<p>&#13;</p>");
        // unwrapping leaves an li inside an li, which no parser builds: written as the parser reads it
        let once = s("<ul><li>a<section><li>b</li></section></li></ul>");
        assert_eq!(s(&once), once);
    }

    #[test]
    fn bad_base_or_origin_fails_safe() {
        assert_eq!(sanitize_html("<a href=x>y</a>", "not a url", SITE), "<a rel=\"external\">y</a>");
        assert_eq!(
            sanitize_html("<a href=https://minhlong.quangngai.gov.vn/x>y</a>", BASE, "garbage"),
            "<a href=\"https://minhlong.quangngai.gov.vn/x\" rel=\"external noopener noreferrer\">y</a>"
        );
    }
}
