//! `dom::sanitize` on real browser parsing: what survives, what is rewritten, and that nothing
//! active ever comes out. Every result goes through `assert_inert`.

use crate::support::{all, assert_inert, attr, document, text};
use minh_long_portal::dom::sanitize::sanitize;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

/// An article URL on another site than the test page (the usual case: the feed's own site).
const REMOTE: &str = "https://minhlong.gov.vn/tin-tuc/bai-viet.html";

/// The same path on the test page's own origin (images here only ever hit the local test server).
fn local_base() -> String {
    format!("{}/tin-tuc/bai-viet.html", web_sys::window().unwrap().location().origin().unwrap())
}

/// Sanitizes `html` against `base` into a detached `<div>`, checks it is inert, returns it.
fn clean_with(html: &str, base: &str) -> Element {
    let fragment = sanitize(html, base).expect("sanitize failed");
    let div = document().create_element("div").unwrap();
    div.append_child(&fragment).unwrap();
    assert_inert(&div);
    div
}

fn clean(html: &str) -> Element {
    clean_with(html, &local_base())
}

#[wasm_bindgen_test]
fn active_and_foreign_elements_go_with_their_content() {
    // The inner element is a custom one: HTML elements such as <b> would break out of <svg>/<math>
    // in the parser itself (correctly), which is not what this test is about.
    for tag in [
        "script", "style", "iframe", "object", "form", "template", "noscript", "svg", "math", "textarea", "xmp",
        "noembed", "select", "button", "video", "canvas",
    ] {
        let div = clean(&format!("<p>vor</p><{tag}>GEHEIM<x-fett>fett</x-fett></{tag}><p>nach</p>"));
        assert_eq!(text(&div), "vornach", "<{tag}> left something: {}", div.inner_html());
        assert_eq!(div.inner_html(), "<p>vor</p><p>nach</p>", "<{tag}>");
    }
}

#[wasm_bindgen_test]
fn head_and_embedding_elements_disappear() {
    let div = clean(
        r#"<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">
           <link rel="stylesheet" href="https://evil.example/x.css"><p><a href="/ok">ok</a></p>
           <object data="x.swf"><param name="a" value="b"></object><embed src="x.swf"><iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
    );
    assert_eq!(all(&div, "*").len(), 2, "{}", div.inner_html());
    // <base> in the article does not redirect its relative links.
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(attr(&div.query_selector("a").unwrap().unwrap(), "href"), Some(format!("{origin}/ok")));
}

#[wasm_bindgen_test]
fn event_handler_attributes_are_removed() {
    let div = clean(
        r#"<p onclick="alert(1)" ONMOUSEOVER="alert(2)">a</p><img src="x.png" onerror="alert(3)" OnLoad="alert(4)">
           <a href="/x" onfocus="alert(5)" onpointerenter="alert(6)">b</a><div ONLOAD="alert(7)">c</div>"#,
    );
    assert_eq!(all(&div, "p, img, a, div").len(), 4, "{}", div.inner_html());
    assert!(!div.inner_html().contains("alert"), "{}", div.inner_html());
}

#[wasm_bindgen_test]
fn script_urls_in_links_are_dropped_however_spelled() {
    for href in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java&#9;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;script:alert(1)",
        " javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "&#14;javascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "file:///etc/passwd",
    ] {
        let div = clean(&format!(r#"<a href="{href}">liên kết</a>"#));
        let a = div.query_selector("a").unwrap().unwrap_or_else(|| panic!("link text lost for {href:?}"));
        assert_eq!(attr(&a, "href"), None, "{href:?} kept: {}", div.inner_html());
        assert_eq!(text(&a), "liên kết");
    }
}

#[wasm_bindgen_test]
fn script_urls_in_cite_and_img_src_are_dropped() {
    let div = clean(
        r#"<blockquote cite="javascript:alert(1)">a</blockquote><q cite="vbscript:x">b</q>
           <img src="javascript:alert(1)"><img src="&#106;avascript:alert(1)">"#,
    );
    for el in all(&div, "blockquote, q") {
        assert_eq!(attr(&el, "cite"), None);
    }
    for img in all(&div, "img") {
        assert_eq!(attr(&img, "src"), None, "{}", div.inner_html());
    }
}

#[wasm_bindgen_test]
fn raster_data_images_are_kept_but_svg_data_images_are_not() {
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    let div = clean(&format!(
        r#"<img src="{png}" alt="chấm"><img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="svg">
           <img src="DATA:image/SVG+xml,&lt;svg onload=alert(1)&gt;" alt="svg2"><img src="data:text/html,x" alt="html">"#
    ));
    let imgs = all(&div, "img");
    assert_eq!(imgs.len(), 4);
    assert_eq!(attr(&imgs[0], "src").as_deref(), Some(png));
    for img in &imgs[1..] {
        assert_eq!(attr(img, "src"), None, "{}", img.outer_html());
    }
}

#[wasm_bindgen_test]
fn relative_urls_resolve_against_the_article_url() {
    let div = clean_with(
        r#"<a href="../files/ke-hoach.pdf">tệp</a><a href="?trang=2">trang</a><a href="//cdn.example.vn/a">cdn</a>
           <a href="/gioi-thieu">giới thiệu</a><q cite="nguon.html">q</q>"#,
        REMOTE,
    );
    let hrefs: Vec<_> = all(&div, "a").iter().map(|a| attr(a, "href").unwrap_or_default()).collect();
    assert_eq!(
        hrefs,
        [
            "https://minhlong.gov.vn/files/ke-hoach.pdf",
            "https://minhlong.gov.vn/tin-tuc/bai-viet.html?trang=2",
            "https://cdn.example.vn/a",
            "https://minhlong.gov.vn/gioi-thieu",
        ]
    );
    assert_eq!(
        attr(&div.query_selector("q").unwrap().unwrap(), "cite").as_deref(),
        Some("https://minhlong.gov.vn/tin-tuc/nguon.html")
    );

    let local = clean(r#"<img src="anh/hoi-nghi.jpg" alt="Hội nghị">"#);
    let img = local.query_selector("img").unwrap().unwrap();
    assert_eq!(attr(&img, "src"), Some(local_base().replace("bai-viet.html", "anh/hoi-nghi.jpg")));
}

#[wasm_bindgen_test]
fn links_are_marked_external_and_other_sites_get_noopener_noreferrer() {
    let div =
        clean(r#"<a href="https://baoquangngai.vn/tin">ngoài</a><a href="/van-ban/1">nội bộ</a><a>không đích</a>"#);
    let links = all(&div, "a");
    let rel = |i: usize| attr(&links[i], "rel").unwrap_or_default();
    let words = |s: String| s.split_ascii_whitespace().map(str::to_string).collect::<Vec<_>>();
    let outside = words(rel(0));
    for w in ["external", "noopener", "noreferrer"] {
        assert!(outside.iter().any(|x| x == w), "rel={outside:?} lacks {w}");
    }
    // Same origin as the page: only "external" (so the router leaves it alone).
    assert_eq!(words(rel(1)), ["external"]);
    assert!(words(rel(2)).iter().any(|x| x == "external"));
    // A relative link in a remote article points to the other site.
    let remote = clean_with(r#"<a href="/x">x</a>"#, REMOTE);
    let rel = attr(&remote.query_selector("a").unwrap().unwrap(), "rel").unwrap_or_default();
    assert!(rel.contains("noopener") && rel.contains("noreferrer") && rel.contains("external"), "{rel}");
}

#[wasm_bindgen_test]
fn images_get_empty_alt_when_missing_and_lazy_loading() {
    let div = clean(r#"<img src="a.jpg"><img src="b.jpg" alt="Toàn cảnh hội nghị" width="640" height="480">"#);
    let imgs = all(&div, "img");
    assert_eq!(attr(&imgs[0], "alt").as_deref(), Some(""));
    assert_eq!(attr(&imgs[1], "alt").as_deref(), Some("Toàn cảnh hội nghị"));
    assert_eq!(attr(&imgs[1], "width").as_deref(), Some("640"));
    for img in &imgs {
        assert_eq!(attr(img, "loading").as_deref(), Some("lazy"));
    }
}

#[wasm_bindgen_test]
fn id_name_class_style_are_stripped_so_nothing_clobbers_the_dom() {
    let div = clean(
        r#"<img name="getElementById" src="a.png"><a id="location" name="cookie" href="/x">x</a>
           <p class="big" style="position:fixed;inset:0">p</p><form id="np-clobber"><input name="attributes"></form>
           <span id="np-span-clobber">s</span>"#,
    );
    assert!(all(&div, "[id], [name], [class], [style]").is_empty(), "{}", div.inner_html());
    assert!(div.query_selector("form, input").unwrap().is_none());
    // Attached to the live document, the content still clobbers nothing.
    let doc = document();
    doc.body().unwrap().append_child(&div).unwrap();
    let get = js_sys::Reflect::get(&doc, &"getElementById".into()).unwrap();
    let cookie = js_sys::Reflect::get(&doc, &"cookie".into()).unwrap();
    let window_prop = js_sys::Reflect::get(&web_sys::window().unwrap(), &"np-span-clobber".into()).unwrap();
    div.remove();
    assert!(get.is_instance_of::<js_sys::Function>(), "document.getElementById clobbered");
    assert!(cookie.is_string(), "document.cookie clobbered");
    assert!(window_prop.is_undefined(), "window[id] clobbered");
    assert!(doc.get_element_by_id("np-clobber").is_none());
}

#[wasm_bindgen_test]
fn h1_becomes_h2_and_its_text_stays() {
    let div = clean(r#"<h1 title="t">Tiêu đề</h1><h2>Mục</h2><h3>Tiểu mục</h3>"#);
    assert_eq!(div.inner_html(), r#"<h2 title="t">Tiêu đề</h2><h2>Mục</h2><h3>Tiểu mục</h3>"#);
}

#[wasm_bindgen_test]
fn unknown_elements_are_unwrapped_keeping_their_text() {
    let div = clean(
        r#"<section><font color="red" face="Arial">Đỏ</font> <custom-el data-x="1">tùy <b>biến</b></custom-el></section><center>giữa</center><article><p>đoạn</p></article>"#,
    );
    assert_eq!(div.inner_html(), "Đỏ tùy <b>biến</b>giữa<p>đoạn</p>");
}

#[wasm_bindgen_test]
fn news_markup_survives_with_its_useful_attributes() {
    let html = r#"<table><caption>Bảng</caption><thead><tr><th scope="col" colspan="2">A</th></tr></thead><tbody><tr><td rowspan="2">1</td><td>2</td></tr></tbody></table><ol start="3" reversed=""><li value="5">x</li></ol><p lang="en" dir="ltr"><time datetime="2024-03-15">15/03</time> <abbr title="Ủy ban nhân dân">UBND</abbr></p><figure><figcaption>c</figcaption></figure>"#;
    let div = clean(html);
    assert_eq!(div.inner_html(), html);
}

#[wasm_bindgen_test]
fn mutation_xss_classics_come_out_inert() {
    let cases = [
        r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>"#,
        r#"<svg><style><img src=x onerror=alert(1)></style></svg>"#,
        r#"<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">"#,
        r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
        r#"<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>">"#,
        r#"<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>"#,
        r#"<template><script>alert(1)</script><img src=x onerror=alert(1)></template>"#,
        r#"<a href="&#x6A;avascript:alert(1)">x</a>"#,
        r#"<a href="jav&#x09;ascript:alert(1)">x</a>"#,
        r#"<textarea></textarea><img src=x onerror=alert(1)>"#,
        r#"<xmp><img src=x onerror=alert(1)></xmp>"#,
        r#"<!--<img src=x onerror=alert(1)>--><p>ok</p>"#,
        r#"<![CDATA[<img src=x onerror=alert(1)>]]>"#,
        r#"<table><a href="javascript:alert(1)">x</a><td>y</td></table>"#,
        r#"<select><template><img src=x onerror=alert(1)></template></select>"#,
        r#"<p title="&lt;img src=x onerror=alert(1)&gt;">t</p>"#,
        r#"<img src="x` `<script>alert(1)</script>"` `>"#,
        r#"<image src=x onerror=alert(1)>"#,
        r#"<isindex action="javascript:alert(1)" type="image">"#,
        r#"<a href="https://x.vn" xlink:href="javascript:alert(1)" formaction="javascript:alert(1)">x</a>"#,
        r#"<div><div><style><img src=x onerror=alert(1)></style></div></div>"#,
        r#"<plaintext><img src=x onerror=alert(1)>"#,
    ];
    for html in cases {
        let div = clean(html);
        // Inert, checked by `clean`; and no <img> carries anything but src/alt/loading/decoding.
        for img in all(&div, "img") {
            let names = img.get_attribute_names();
            for i in 0..names.length() {
                let n = names.get(i).as_string().unwrap();
                assert!(
                    ["src", "alt", "loading", "decoding", "width", "height", "title", "lang", "dir"]
                        .contains(&n.as_str()),
                    "{html}: {n}"
                );
            }
        }
    }
    // Attribute text that looks like markup stays attribute text.
    let div = clean(r#"<p title="&lt;img src=x onerror=alert(1)&gt;">t</p>"#);
    assert_eq!(all(&div, "*").len(), 1);
    assert_eq!(
        attr(&div.query_selector("p").unwrap().unwrap(), "title").as_deref(),
        Some("<img src=x onerror=alert(1)>")
    );
}

fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "<div>".repeat(depth), "</div>".repeat(depth))
}

fn max_depth(el: &Element) -> usize {
    let kids = el.children();
    (0..kids.length()).filter_map(|i| kids.item(i)).map(|k| 1 + max_depth(&k)).max().unwrap_or(0)
}

#[wasm_bindgen_test]
fn very_deep_nesting_is_flattened_not_fatal() {
    let div = clean(&nested(200, "<b>sâu</b> <img src=x onerror=alert(1)>"));
    let depth = max_depth(&div);
    assert!((1..=64).contains(&depth), "depth {depth}");
    assert_eq!(text(&div).trim(), "sâu");
    // Moderate nesting is left alone.
    let div = clean(&nested(30, "<em>vừa</em>"));
    assert_eq!(max_depth(&div), 31);
}

/// Regression: beyond MAX_DEPTH an element used to be replaced by its `text_content()` before the
/// element rule was consulted, so script source and CSS of DROP elements showed as article text.
#[wasm_bindgen_test]
fn dropped_elements_do_not_leak_as_text_beyond_max_depth() {
    let div = clean(&nested(70, "<p>ok<script>stealCookies()</script><style>body{display:none}</style></p>"));
    assert_eq!(text(&div).trim(), "ok", "{}", div.inner_html());
}

#[wasm_bindgen_test]
fn plain_text_with_markup_characters_stays_text() {
    let div = clean("1 < 2 & 3 > 2, a &lt;b&gt; &amp; &quot;c&quot;");
    assert_eq!(div.child_element_count(), 0, "{}", div.inner_html());
    assert_eq!(text(&div), "1 < 2 & 3 > 2, a <b> & \"c\"");
    let div = clean("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    assert_eq!(text(&div), "<script>alert(1)</script>");
    assert_eq!(div.child_element_count(), 1);
}

#[wasm_bindgen_test]
fn empty_and_whitespace_input_give_an_empty_fragment() {
    assert_eq!(clean("").inner_html(), "");
    assert_eq!(clean("<script>x</script>").inner_html(), "");
    assert_eq!(clean("   ").child_element_count(), 0);
}

// ---- `assert_inert` itself must bite, or every test above proves nothing ---------------------

fn tree(tag: &str, attr: Option<(&str, &str)>) -> Element {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    let el = doc.create_element(tag).unwrap();
    if let Some((n, v)) = attr {
        el.set_attribute(n, v).unwrap();
    }
    div.append_child(&el).unwrap();
    div
}

#[wasm_bindgen_test]
#[should_panic(expected = "event handler")]
fn assert_inert_catches_an_event_handler() {
    assert_inert(&tree("p", Some(("onclick", "alert(1)"))));
}

#[wasm_bindgen_test]
#[should_panic(expected = "javascript: URL")]
fn assert_inert_catches_an_obfuscated_script_url() {
    assert_inert(&tree("a", Some(("href", " JaVa\tScRiPt:alert(1)"))));
}

#[wasm_bindgen_test]
#[should_panic(expected = "forbidden element <script>")]
fn assert_inert_catches_a_script_element() {
    assert_inert(&tree("script", None));
}

#[wasm_bindgen_test]
#[should_panic(expected = "foreign element")]
fn assert_inert_catches_foreign_content() {
    let div = document().create_element("div").unwrap();
    let svg = document().create_element_ns(Some("http://www.w3.org/2000/svg"), "svg").unwrap();
    div.append_child(&svg).unwrap();
    assert_inert(&div);
}
