//! Turns untrusted article HTML into inert DOM nodes.
//!
//! The string is parsed once by the browser's own parser (`DOMParser`, whose documents never run
//! scripts or load resources), and a new tree is built node by node in the live document from
//! what the allowlist keeps. No string is ever re-parsed, so mutation XSS (markup that parses
//! differently the second time) has nothing to work on. Costs no HTML parser in the wasm. Before
//! that parse, inline style and handlers are cut from the string, since Chromium reports them as
//! CSP violations while parsing (`model::inline_code`).

use crate::model::allowlist::{attr_rule, element_rule, AttrRule, ElementRule};
use crate::model::url::{safe_image, safe_link};
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, DomParser, Element, Node, SupportedType};

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// Deeper nesting than this is flattened to text: it is never legitimate in an article and
/// would otherwise cost stack.
const MAX_DEPTH: usize = 64;

/// Builds the sanitized content. Relative URLs resolve against `base_url` (the article's URL).
pub fn sanitize(html: &str, base_url: &str) -> Result<DocumentFragment, String> {
    let target = web_sys::window().and_then(|w| w.document()).ok_or("không có document")?;
    // The page's CSP applies to this parse too (model/inline_code.rs): what it would report is
    // cut from the string first.
    let html = crate::model::inline_code::strip_inline_code(html);
    let parsed = DomParser::new()
        .and_then(|p| p.parse_from_string(&html, SupportedType::TextHtml))
        .map_err(|_| "không phân tích được nội dung HTML".to_string())?;
    let out = target.create_document_fragment();
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let ctx = Ctx { target: &target, base_url, origin: &origin };
    if let Some(body) = parsed.body() {
        ctx.copy_children(&body, out.as_ref(), 0);
    }
    Ok(out)
}

/// The text of a subtree without the content of dropped elements (no script source or CSS
/// leaking out as article text), walked without recursion.
fn visible_text(root: &Node) -> String {
    let mut out = String::new();
    let mut stack = vec![root.clone()];
    while let Some(node) = stack.pop() {
        match node.node_type() {
            Node::TEXT_NODE => out.push_str(&node.text_content().unwrap_or_default()),
            Node::ELEMENT_NODE => {
                let keep = node.dyn_ref::<Element>().is_some_and(|el| {
                    el.namespace_uri().as_deref() == Some(HTML_NS)
                        && element_rule(&el.local_name()) != ElementRule::Drop
                });
                if keep {
                    let children = node.child_nodes();
                    for i in (0..children.length()).rev() {
                        if let Some(c) = children.item(i) {
                            stack.push(c);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

struct Ctx<'a> {
    target: &'a Document,
    base_url: &'a str,
    origin: &'a str,
}

impl Ctx<'_> {
    fn copy_children(&self, from: &Node, to: &Node, depth: usize) {
        let children = from.child_nodes();
        for i in 0..children.length() {
            if let Some(child) = children.item(i) {
                self.copy_node(&child, to, depth);
            }
        }
    }

    fn copy_node(&self, node: &Node, to: &Node, depth: usize) {
        match node.node_type() {
            Node::TEXT_NODE => {
                let text = node.text_content().unwrap_or_default();
                let _ = to.append_child(&self.target.create_text_node(&text));
            }
            Node::ELEMENT_NODE => {
                let Some(el) = node.dyn_ref::<Element>() else { return };
                if el.namespace_uri().as_deref() != Some(HTML_NS) {
                    return; // SVG/MathML and anything else foreign: never recreated.
                }
                let rule = element_rule(&el.local_name());
                if depth >= MAX_DEPTH && rule != ElementRule::Drop {
                    let text = visible_text(node);
                    let _ = to.append_child(&self.target.create_text_node(&text));
                    return;
                }
                match rule {
                    ElementRule::Drop => {}
                    ElementRule::Unwrap => self.copy_children(node, to, depth + 1),
                    ElementRule::Keep(tag) => {
                        let Ok(copy) = self.target.create_element(tag) else { return };
                        self.copy_attributes(el, &copy, tag);
                        self.copy_children(node, copy.as_ref(), depth + 1);
                        let _ = to.append_child(&copy);
                    }
                }
            }
            _ => {} // comments, processing instructions, doctypes
        }
    }

    fn copy_attributes(&self, from: &Element, to: &Element, tag: &str) {
        let attrs = from.attributes();
        for i in 0..attrs.length() {
            let Some(attr) = attrs.item(i) else { continue };
            if attr.namespace_uri().is_some() {
                continue;
            }
            let (name, value) = (attr.local_name(), attr.value());
            let value = match attr_rule(tag, &name) {
                AttrRule::Drop => continue,
                AttrRule::Text => Some(value),
                AttrRule::Link => safe_link(&value).and_then(|v| self.resolve(&v)),
                AttrRule::Image => match safe_image(&value) {
                    Some(v) if v.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")) => Some(v),
                    Some(v) => self.resolve(&v),
                    None => None,
                },
            };
            if let Some(v) = value {
                let _ = to.set_attribute(&name.to_ascii_lowercase(), &v);
            }
        }
        match tag {
            "a" => {
                let href = to.get_attribute("href").unwrap_or_default();
                let leaves_site = web_sys::Url::new(&href).map(|u| u.origin() != self.origin).unwrap_or(false);
                // "external" keeps the app's router from taking over links to files and other sites.
                let rel = if leaves_site { "external noopener noreferrer" } else { "external" };
                let _ = to.set_attribute("rel", rel);
            }
            "img" => {
                if !to.has_attribute("alt") {
                    let _ = to.set_attribute("alt", ""); // decorative rather than a file name
                }
                let _ = to.set_attribute("loading", "lazy");
                let _ = to.set_attribute("decoding", "async");
            }
            _ => {}
        }
    }

    /// Absolute form of a URL against the article's address, re-checked after resolution.
    /// In-page anchors ("#chu-thich") stay as they are: resolving them against the article's
    /// source would send the reader to the feed file.
    fn resolve(&self, url: &str) -> Option<String> {
        if url.starts_with('#') {
            return Some(url.to_string());
        }
        let abs = web_sys::Url::new_with_base(url, self.base_url).ok()?.href();
        safe_link(&abs).filter(|a| a.starts_with("http:") || a.starts_with("https:"))
    }
}
