//! What survives of untrusted article HTML. The DOM walk that applies it lives in
//! `dom::sanitize`; the rules are here so they can be read and tested on their own.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementRule {
    /// Recreate the element (under the given, possibly normalised, tag name).
    Keep(&'static str),
    /// Drop the element but keep its children (unknown or layout-only markup).
    Unwrap,
    /// Drop the element and everything inside it.
    Drop,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrRule {
    Drop,
    /// Copied as text (attribute values are never interpreted as markup).
    Text,
    /// A link target: only http(s) or relative after resolution.
    Link,
    /// An image source: like `Link`, plus raster `data:image/…`.
    Image,
}

const KEEP: &[&str] = &[
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
    "figure",
    "figcaption",
    "img",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "mark",
    "abbr",
    "cite",
    "q",
    "blockquote",
    "code",
    "pre",
    "kbd",
    "samp",
    "var",
    "time",
    "del",
    "ins",
    "span",
    "div",
];

/// Elements removed with their whole content: active content, forms, metadata, foreign
/// namespaces, and raw-text elements whose content would otherwise leak out as text.
const DROP: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "select",
    "option",
    "optgroup",
    "textarea",
    "label",
    "fieldset",
    "legend",
    "datalist",
    "output",
    "title",
    "head",
    "meta",
    "base",
    "link",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "listing",
    "canvas",
    "dialog",
    "audio",
    "video",
    "source",
    "track",
    "portal",
    "slot",
    "frameset",
    "marquee",
    "image",
];

pub fn element_rule(tag: &str) -> ElementRule {
    let tag = tag.to_ascii_lowercase();
    if DROP.contains(&tag.as_str()) {
        return ElementRule::Drop;
    }
    // The article title is the page's only h1; headings in the body start one level below.
    if tag == "h1" {
        return ElementRule::Keep("h2");
    }
    match KEEP.iter().find(|k| **k == tag) {
        Some(k) => ElementRule::Keep(k),
        None => ElementRule::Unwrap,
    }
}

/// `tag` is one of the kept (normalised) tags.
pub fn attr_rule(tag: &str, attr: &str) -> AttrRule {
    let attr = attr.to_ascii_lowercase();
    match (tag, attr.as_str()) {
        (_, "title" | "lang" | "dir") => AttrRule::Text,
        ("a", "href") => AttrRule::Link,
        ("img", "src") => AttrRule::Image,
        ("img", "alt" | "width" | "height") => AttrRule::Text,
        ("td" | "th", "colspan" | "rowspan") => AttrRule::Text,
        ("th", "scope") => AttrRule::Text,
        ("col" | "colgroup", "span") => AttrRule::Text,
        ("ol", "start" | "reversed" | "type") => AttrRule::Text,
        ("li", "value") => AttrRule::Text,
        ("blockquote" | "q" | "del" | "ins", "cite") => AttrRule::Link,
        ("time" | "del" | "ins", "datetime") => AttrRule::Text,
        _ => AttrRule::Drop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_content_is_dropped_whole() {
        for t in [
            "script", "SCRIPT", "style", "iframe", "object", "embed", "svg", "math", "form", "template", "noscript",
            "base", "meta", "link", "textarea", "xmp",
        ] {
            assert_eq!(element_rule(t), ElementRule::Drop, "{t}");
        }
    }

    #[test]
    fn news_markup_is_kept_and_unknown_markup_unwrapped() {
        assert_eq!(element_rule("P"), ElementRule::Keep("p"));
        assert_eq!(element_rule("h1"), ElementRule::Keep("h2"));
        assert_eq!(element_rule("table"), ElementRule::Keep("table"));
        assert_eq!(element_rule("font"), ElementRule::Unwrap);
        assert_eq!(element_rule("section"), ElementRule::Unwrap);
        assert_eq!(element_rule("x-widget"), ElementRule::Unwrap);
    }

    #[test]
    fn no_handlers_styles_ids_or_names() {
        for a in [
            "onclick",
            "onerror",
            "ONLOAD",
            "style",
            "id",
            "name",
            "class",
            "srcdoc",
            "formaction",
            "xlink:href",
            "srcset",
            "background",
            "target",
            "ping",
        ] {
            assert_eq!(attr_rule("a", a), AttrRule::Drop, "{a}");
            assert_eq!(attr_rule("img", a), AttrRule::Drop, "{a}");
        }
        assert_eq!(attr_rule("a", "href"), AttrRule::Link);
        assert_eq!(attr_rule("img", "src"), AttrRule::Image);
        assert_eq!(attr_rule("p", "href"), AttrRule::Drop);
        assert_eq!(attr_rule("img", "alt"), AttrRule::Text);
    }
}
