//! The native article sanitizer (`prerender::sanitize::sanitize_html`): the README's rules one by
//! one, then the XSS corpus, with every output parsed again by html5ever and checked as a tree.

use html5ever::tendril::TendrilSink;
use html5ever::{ns, parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use minh_long_portal::model::allowlist::{attr_rule, element_rule, AttrRule, ElementRule};
use minh_long_portal::model::url::{safe_image, safe_link};
use minh_long_portal::prerender::sanitize::sanitize_html;

pub(crate) const BASE: &str = "https://minhlong.quangngai.gov.vn/tin-tuc/bai-viet.html";
pub(crate) const SITE: &str = "https://minhlong.quangngai.gov.vn";
const ABS: &str = "https://minhlong.quangngai.gov.vn/tin-tuc/";

pub(crate) fn s(html: &str) -> String {
    sanitize_html(html, BASE, SITE)
}

// ---- the output as a browser reads it ----------------------------------------------------------------

/// Parses `html` as a page would (with a doctype) and checks every node against the allowlist.
/// Returns every attribute value, for checks of their own.
pub(crate) fn assert_inert(html: &str) -> Vec<String> {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(format!("<!DOCTYPE html>{html}"));
    let body = find_body(&dom).unwrap_or_else(|| panic!("no body in {html:?}"));
    let mut values = Vec::new();
    let mut stack: Vec<(Handle, usize)> = body.children.borrow().iter().map(|c| (c.clone(), 1)).collect();
    while let Some((node, depth)) = stack.pop() {
        match &node.data {
            NodeData::Text { .. } => {}
            NodeData::Element { name, attrs, .. } => {
                let tag = &*name.local;
                assert!(name.ns == ns!(html), "foreign element {tag} in {html:?}");
                assert!(matches!(element_rule(tag), ElementRule::Keep(t) if t == tag), "element {tag} in {html:?}");
                assert!(depth <= 64, "depth {depth} in {html:?}");
                for a in attrs.borrow().iter() {
                    assert_attribute(tag, &a.name.local, &a.value, html);
                    values.push(a.value.to_string());
                }
                stack.extend(node.children.borrow().iter().map(|c| (c.clone(), depth + 1)));
            }
            other => panic!("{other:?} in {html:?}"),
        }
    }
    values
}

fn assert_attribute(tag: &str, name: &str, value: &str, html: &str) {
    let added = matches!((tag, name), ("a", "rel") | ("img", "loading" | "decoding"));
    assert!(added || attr_rule(tag, name) != AttrRule::Drop, "attribute {tag}[{name}] in {html:?}");
    let lower = name.to_ascii_lowercase();
    assert!(!lower.starts_with("on"), "handler {name} in {html:?}");
    for bad in ["style", "class", "id", "name", "srcdoc", "srcset", "formaction", "target"] {
        assert_ne!(lower, bad, "in {html:?}");
    }
    match attr_rule(tag, name) {
        AttrRule::Link => {
            assert_eq!(safe_link(value).as_deref(), Some(value), "{tag}[{name}] in {html:?}");
            assert!(
                value.starts_with("https://") || value.starts_with("http://") || value.starts_with('#'),
                "{value:?}"
            );
        }
        AttrRule::Image => assert_eq!(safe_image(value).as_deref(), Some(value), "{tag}[{name}] in {html:?}"),
        _ => {}
    }
    match (tag, name) {
        ("a", "rel") => assert!(value == "external" || value == "external noopener noreferrer", "{value:?}"),
        ("img", "loading") => assert_eq!(value, "lazy"),
        ("img", "decoding") => assert_eq!(value, "async"),
        _ => {}
    }
}

fn find_body(dom: &RcDom) -> Option<Handle> {
    let is = |n: &Handle, want: &str| matches!(&n.data, NodeData::Element { name, .. } if &*name.local == want);
    let html = dom.document.children.borrow().iter().find(|n| is(n, "html")).cloned()?;
    let body = html.children.borrow().iter().find(|n| is(n, "body")).cloned();
    body
}

/// Inert, and sanitizing the output changes nothing: the browser reads back what was written.
pub(crate) fn assert_sanitized(input: &str) -> String {
    let out = s(input);
    assert_inert(&out);
    assert_eq!(s(&out), out, "not idempotent for {input:?}");
    out
}

// ---- rules -------------------------------------------------------------------------------------------

#[test]
fn news_markup_is_kept() {
    for tag in [
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "figure",
        "figcaption",
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
    ] {
        assert_eq!(assert_sanitized(&format!("<{tag}>x</{tag}>")), format!("<{tag}>x</{tag}>"));
    }
    assert_eq!(
        s("<ul><li>a</li></ul><dl><dt>t</dt><dd>d</dd></dl>"),
        "<ul><li>a</li></ul><dl><dt>t</dt><dd>d</dd></dl>"
    );
    assert_eq!(
        assert_sanitized("<table><caption>c</caption><colgroup><col span=2></colgroup><thead><tr><th scope=col>h</th></tr></thead><tr><td colspan=2 rowspan=1>d</td></tr><tfoot><tr><td>f</td></tr></tfoot></table>"),
        "<table><caption>c</caption><colgroup><col span=\"2\"></colgroup><thead><tr><th scope=\"col\">h</th></tr></thead><tbody><tr><td colspan=\"2\" rowspan=\"1\">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>"
    );
    assert_eq!(s("a<br>b<hr>"), "a<br>b<hr>");
}

#[test]
fn the_title_stays_the_only_h1() {
    assert_eq!(assert_sanitized("<h1 title=t>Tiêu đề</h1>"), "<h2 title=\"t\">Tiêu đề</h2>");
    assert_eq!(s("<H1>x</H1>"), "<h2>x</h2>");
}

#[test]
fn active_content_goes_with_its_content() {
    for tag in [
        "script", "style", "template", "noscript", "iframe", "object", "applet", "svg", "math", "form", "button",
        "select", "textarea", "label", "fieldset", "legend", "datalist", "output", "title", "noembed", "noframes",
        "xmp", "listing", "canvas", "dialog", "audio", "video", "portal", "slot", "marquee", "option", "optgroup",
    ] {
        assert_eq!(assert_sanitized(&format!("<div>a<{tag}>bí mật</{tag}>b</div>")), "<div>ab</div>", "{tag}");
        assert_eq!(s(&format!("<div>a<{}>bí mật</{tag}>b</div>", tag.to_uppercase())), "<div>ab</div>", "{tag}");
    }
    for void in [
        "embed",
        "param",
        "meta",
        "base href=//evil.example/",
        "link rel=stylesheet href=x",
        "source",
        "track",
        "input",
    ] {
        assert_eq!(assert_sanitized(&format!("<div>a<{void}>b</div>")), "<div>ab</div>", "{void}");
    }
    assert_eq!(s("<div>a<plaintext>bí mật</div><p>c"), "<div>a</div>");
    assert_eq!(s("<div>a<!-- bí mật --><![CDATA[x]]>b</div>"), "<div>ab</div>");
    assert_eq!(
        s("<head><title>t</title><meta http-equiv=refresh content='0;url=javascript:x'></head><p>b</p>"),
        "<p>b</p>"
    );
}

#[test]
fn foreign_content_is_never_recreated() {
    assert_eq!(assert_sanitized("<p>a<svg><a href=x>lien</a><p>b</p></svg>c</p>"), "<p>a</p><p>b</p>c<p></p>");
    assert_eq!(s("<math><mi>x</mi><mtext><b>y</b></mtext></math>z"), "z");
}

#[test]
fn unknown_markup_is_unwrapped() {
    assert_eq!(
        assert_sanitized(
            "<section><font color=red>a</font> <x-widget data-x=1>b</x-widget> <center>c</center></section>"
        ),
        "a b c"
    );
    assert_eq!(s("<article><details open><summary>s</summary>d</details></article>"), "sd");
    assert_eq!(s("<p><font face=x><b onclick=y>b</b></font></p>"), "<p><b>b</b></p>");
}

#[test]
fn only_listed_attributes_survive() {
    assert_eq!(s("<p title=t lang=vi dir=ltr>x</p>"), "<p title=\"t\" lang=\"vi\" dir=\"ltr\">x</p>");
    assert_eq!(
        s("<img src=a.jpg alt=A width=10 height=20>"),
        format!("<img src=\"{ABS}a.jpg\" alt=\"A\" width=\"10\" height=\"20\" loading=\"lazy\" decoding=\"async\">")
    );
    assert_eq!(
        s("<ol start=3 reversed type=a><li value=4>x</li></ol>"),
        "<ol start=\"3\" reversed=\"\" type=\"a\"><li value=\"4\">x</li></ol>"
    );
    assert_eq!(
        s("<blockquote cite=/a>q</blockquote><time datetime=2022-04-13>t</time><del cite=b datetime=d>x</del>"),
        format!("<blockquote cite=\"https://minhlong.quangngai.gov.vn/a\">q</blockquote><time datetime=\"2022-04-13\">t</time><del cite=\"{ABS}b\" datetime=\"d\">x</del>")
    );
    let dropped = "onclick=a ONMOUSEOVER=b onerror=c style=color:red class=c id=i name=n srcdoc=s srcset=x formaction=f target=_blank ping=p background=b xmlns:xlink=x xlink:href=y data-x=1 href=z";
    assert_eq!(assert_sanitized(&format!("<p {dropped}>x</p>")), "<p>x</p>");
    assert_eq!(s(&format!("<img {dropped}>")), "<img alt=\"\" loading=\"lazy\" decoding=\"async\">");
    assert_eq!(s(&format!("<a {}>x</a>", dropped.replace("href=z", ""))), "<a rel=\"external\">x</a>");
}

#[test]
fn script_urls_fail_however_they_are_written() {
    for href in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "&#1;javascript:alert(1)",
        "&#x20;javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "java&#9;script:alert(1)",
        "java&Tab;script:alert(1)",
        "java&NewLine;script:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "jav&#x0D;ascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:x",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/png;base64,AAAA",
        "file:///etc/passwd",
    ] {
        let quoted = format!("<a href=\"{href}\">x</a><blockquote cite=\"{href}\">q</blockquote>");
        assert_eq!(assert_sanitized(&quoted), "<a rel=\"external\">x</a><blockquote>q</blockquote>", "{href:?}");
        let img = format!("<img src=\"{href}\">");
        let want = if href.starts_with("data:image/png") {
            format!("<img src=\"{href}\" alt=\"\" loading=\"lazy\" decoding=\"async\">")
        } else {
            "<img alt=\"\" loading=\"lazy\" decoding=\"async\">".to_string()
        };
        assert_eq!(assert_sanitized(&img), want, "{href:?}");
    }
}

#[test]
fn images_may_be_raster_data_urls_never_svg() {
    for ok in [
        "data:image/png;base64,iVBORw0KGgo=",
        "DATA:IMAGE/JPEG;base64,AAAA",
        "data:image/gif;base64,R0lGOD",
        "data:image/webp;base64,UklG",
        "data:image/avif;base64,AAAA",
    ] {
        assert_eq!(
            s(&format!("<img src='{ok}'>")),
            format!("<img src=\"{ok}\" alt=\"\" loading=\"lazy\" decoding=\"async\">")
        );
    }
    for bad in [
        "data:image/svg+xml,<svg onload=alert(1)>",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:text/html,x",
        "data:,x",
    ] {
        assert_eq!(s(&format!("<img src='{bad}'>")), "<img alt=\"\" loading=\"lazy\" decoding=\"async\">", "{bad:?}");
    }
    // Obfuscated raster data URLs are read the way the browser reads them.
    assert_eq!(
        s("<img src=' da\tta:image/png;base64,AA'>"),
        "<img src=\"data:image/png;base64,AA\" alt=\"\" loading=\"lazy\" decoding=\"async\">"
    );
}

#[test]
fn links_are_resolved_and_marked() {
    let cases = [
        ("bai-khac.html", format!("{ABS}bai-khac.html"), "external"),
        ("/files/a.pdf", format!("{SITE}/files/a.pdf"), "external"),
        ("#chu-thich", "#chu-thich".to_string(), "external"),
        ("https://minhlong.quangngai.gov.vn/x?a=1&b=2", format!("{SITE}/x?a=1&amp;b=2"), "external"),
        ("HTTPS://MINHLONG.QUANGNGAI.GOV.VN/x", format!("{SITE}/x"), "external"),
        (
            "https://minhlong.quangngai.gov.vn:8443/x",
            "https://minhlong.quangngai.gov.vn:8443/x".to_string(),
            "external noopener noreferrer",
        ),
        (
            "http://minhlong.quangngai.gov.vn/x",
            "http://minhlong.quangngai.gov.vn/x".to_string(),
            "external noopener noreferrer",
        ),
        ("//quangngai.gov.vn/x", "https://quangngai.gov.vn/x".to_string(), "external noopener noreferrer"),
        ("https://example.org/a b", "https://example.org/a%20b".to_string(), "external noopener noreferrer"),
    ];
    for (href, abs, rel) in cases {
        assert_eq!(
            assert_sanitized(&format!("<a href='{href}' target=_blank>x</a>")),
            format!("<a href=\"{abs}\" rel=\"{rel}\">x</a>"),
            "{href}"
        );
    }
    // rel from the feed is replaced, never merged.
    assert_eq!(s("<a rel='opener' href=/x>x</a>"), format!("<a href=\"{SITE}/x\" rel=\"external\">x</a>"));
    assert_eq!(s("<a>x</a>"), "<a rel=\"external\">x</a>");
}

#[test]
fn images_are_lazy_with_an_alt() {
    assert_eq!(
        s("<img src=/a.png>"),
        format!("<img src=\"{SITE}/a.png\" alt=\"\" loading=\"lazy\" decoding=\"async\">")
    );
    assert_eq!(
        s("<img alt='Ảnh' loading=eager decoding=sync src=/a.png>"),
        format!("<img alt=\"Ảnh\" src=\"{SITE}/a.png\" loading=\"lazy\" decoding=\"async\">")
    );
    assert_eq!(
        s("<img alt src=/a.png>"),
        format!("<img alt=\"\" src=\"{SITE}/a.png\" loading=\"lazy\" decoding=\"async\">")
    );
}

#[test]
fn nesting_deeper_than_64_becomes_visible_text() {
    let deep = format!("{}x<script>bí mật</script><b>y</b>{}", "<div>".repeat(70), "</div>".repeat(70));
    assert_eq!(assert_sanitized(&deep), format!("{}xy{}", "<div>".repeat(64), "</div>".repeat(64)));
    // Unwrapped elements count too: the b is the 64th level, its i the 65th.
    let unwrapped = format!("{}<b>a<i>b<svg>c</svg></i></b>", "<font>".repeat(63));
    assert_eq!(assert_sanitized(&unwrapped), "<b>ab</b>");
    let very_deep = format!("{}x", "<span>".repeat(100_000));
    assert_eq!(assert_sanitized(&very_deep), format!("{}x{}", "<span>".repeat(64), "</span>".repeat(64)));
}

#[test]
fn text_and_attributes_are_escaped() {
    assert_eq!(
        assert_sanitized("<p>a &lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; b</p>"),
        "<p>a &lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; b</p>"
    );
    assert_eq!(
        assert_sanitized("<code>&lt;/code&gt;&lt;img src=x onerror=alert(1)&gt;</code>"),
        "<code>&lt;/code&gt;&lt;img src=x onerror=alert(1)&gt;</code>"
    );
    assert_eq!(assert_sanitized("<p title='a\"b&amp;c<d>'>x</p>"), "<p title=\"a&quot;b&amp;c&lt;d&gt;\">x</p>");
    assert_eq!(assert_sanitized("<p title=\"x&#13;y\">a&#13;b</p>"), "<p title=\"x&#13;y\">a&#13;b</p>");
    assert_eq!(assert_sanitized("<pre>\n\nđầu dòng</pre>"), "<pre>\n\nđầu dòng</pre>");
    assert_eq!(assert_sanitized("<pre><font>\nx</font></pre>"), "<pre>\n\nx</pre>");
    assert_eq!(s("<p>&nbsp;&amp;&copy;&#x1ED9;</p>"), "<p>\u{a0}&amp;©ộ</p>");
}

#[test]
fn markup_that_cannot_be_written_as_built_is_written_as_the_browser_reads_it() {
    // The DOM path keeps these trees; as a string they are read differently, so the string says
    // what will be read.
    assert_eq!(assert_sanitized("<h2>a<section><h3>b</h3></section></h2>"), "<h2>a</h2><h3>b</h3>");
    assert_eq!(
        assert_sanitized("<p>a<table><tr><td>b</td></tr></table>c</p>"),
        "<p>a</p><table><tbody><tr><td>b</td></tr></tbody></table>c<p></p>"
    );
    let tr_flattened =
        format!("{}<table><tbody><tr><td>x</td></tr></tbody></table>{}", "<div>".repeat(62), "</div>".repeat(62));
    assert_sanitized(&tr_flattened);
}

// ---- the corpus ----------------------------------------------------------------------------------------

#[test]
fn xss_corpus_comes_out_inert_and_stable() {
    let path = format!("{}/tests/fixtures/xss-vectors.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(vectors.len() >= 146, "{} vectors", vectors.len());
    for v in &vectors {
        let (id, html) = (v["id"].as_str().unwrap_or("?"), v["html"].as_str().unwrap_or_else(|| panic!("{v}")));
        let out = s(html);
        for value in assert_inert(&out) {
            // Stricter than the scheme check: not even inside an http(s) or data URL.
            let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            assert!(!squeezed.to_ascii_lowercase().contains("javascript:"), "{id}: {value:?} in {out}");
        }
        assert!(!out.to_ascii_lowercase().contains("<script"), "{id}: {out}");
        assert_eq!(s(&out), out, "{id}: not idempotent");
    }
}
