//! Takes inline style and script out of article markup before the browser parses it.
//!
//! Chromium checks the page's Content-Security-Policy while it *parses*: a `style` attribute, an
//! `on*` handler or a `<style>` element raise a `securitypolicyviolation` (and a console error)
//! under `style-src 'self'; script-src 'self'`, and `<base href>` one under `base-uri 'none'`, even
//! in a document that never renders or runs anything. Measured in Chromium 156: `DOMParser`,
//! `document.implementation.createHTMLDocument` with `innerHTML`, `<template>`,
//! `Range.createContextualFragment`, `Document.parseHTMLUnsafe` and the Sanitizer API (`Document.parseHTML`, `setHTML`) all report them; only a non-HTML (XML)
//! parse does not, and article HTML is not XML. The sanitizer drops all of these anyway, so they
//! are cut from the string first, by a scan that follows the HTML tokenizer's tag syntax.
//!
//! The browser's parse stays the only one that builds a tree (the sanitizer copies from it), and
//! this pass only ever removes: attributes from start tags, `<base>` tags and `<style>` elements
//! with their text (both replaced by an empty comment, so the text on either side cannot join into
//! a new tag).
//! Where it reads markup differently from the browser (text inside `<svg><style>`, script
//! escapes), it leaves a violation or removes content the sanitizer would remove too; it never
//! adds markup.

use std::borrow::Cow;

/// `html` without `style` attributes, `on*` attributes, `<base>` tags and `<style>` elements.
pub fn strip_inline_code(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Markup without any of these words cannot hold any of them.
    if !contains_ci(b, b"style") && !contains_ci(b, b"on") && !contains_ci(b, b"base") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0; // html[copied..i] is still to be copied
    let mut i = 0;
    let mut changed = false;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        let next = b.get(lt + 1).copied();
        match next {
            Some(b'!') => {
                i = if b[lt..].starts_with(b"<!--") { comment_end(b, lt + 4) } else { until_gt(b, lt + 2) };
            }
            Some(b'?') => i = until_gt(b, lt + 2),
            Some(b'/') => {
                // End tag: its attributes are tokenized (a '>' in a quoted value does not end it)
                // and thrown away by the browser, so they are left as they are.
                let tag = Tag::scan(b, lt + 2, false);
                i = tag.end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = Tag::scan(b, lt + 1, true);
                if tag.name.eq_ignore_ascii_case(b"style") {
                    // RAWTEXT up to `</style`; the whole element goes.
                    out.push_str(&html[copied..lt]);
                    out.push_str("<!---->");
                    let end = raw_text_end(b, tag.end, b"style");
                    copied = end;
                    i = end;
                    changed = true;
                    continue;
                }
                if tag.name.eq_ignore_ascii_case(b"base") {
                    // Parsing `<base href>` sets the parsed document's base URL, which `base-uri`
                    // checks. A void element: nothing else to skip.
                    out.push_str(&html[copied..lt]);
                    out.push_str("<!---->");
                    copied = tag.end;
                    i = tag.end;
                    changed = true;
                    continue;
                }
                if !tag.drop.is_empty() {
                    out.push_str(&html[copied..tag.drop[0].start]);
                    for (k, r) in tag.drop.iter().enumerate() {
                        let until = tag.drop.get(k + 1).map_or(tag.end, |n| n.start);
                        out.push_str(&html[r.end..until]);
                    }
                    copied = tag.end;
                    changed = true;
                }
                i = tag.end;
                let raw = RAW_TEXT.iter().find(|n| tag.name.eq_ignore_ascii_case(n));
                if let Some(name) = raw {
                    i = raw_text_end(b, i, name);
                } else if tag.name.eq_ignore_ascii_case(b"plaintext") {
                    i = b.len();
                }
            }
            _ => i = lt + 1,
        }
        if i >= b.len() {
            break;
        }
    }
    if !changed {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied.min(html.len())..]);
    Cow::Owned(out)
}

/// Elements whose content is text up to their end tag (the parser's RAWTEXT, RCDATA and script
/// states; `noscript` is markup, as in documents without scripting such as `DOMParser`'s).
const RAW_TEXT: [&[u8]; 7] = [b"script", b"xmp", b"iframe", b"noembed", b"noframes", b"textarea", b"title"];

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

fn until_gt(b: &[u8], from: usize) -> usize {
    b[from.min(b.len())..].iter().position(|&c| c == b'>').map_or(b.len(), |p| from + p + 1)
}

/// After `<!--`: "<!-->" and "<!--->" end at once; otherwise "-->" or "--!>" ends it.
fn comment_end(b: &[u8], from: usize) -> usize {
    let rest = &b[from.min(b.len())..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    for k in 0..rest.len() {
        if rest[k..].starts_with(b"-->") {
            return from + k + 3;
        }
        if rest[k..].starts_with(b"--!>") {
            return from + k + 4;
        }
    }
    b.len()
}

/// Just past the end tag `</name` (followed by whitespace, '/' or '>') at or after `from`, or the
/// end of the input.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut k = from;
    while k + 2 + name.len() <= b.len() {
        if b[k] == b'<' && b[k + 1] == b'/' && b[k + 2..k + 2 + name.len()].eq_ignore_ascii_case(name) {
            let after = k + 2 + name.len();
            if after == b.len() || matches!(b[after], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>') {
                return Tag::scan(b, k + 2, false).end;
            }
        }
        k += 1;
    }
    b.len()
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

struct Tag<'a> {
    name: &'a [u8],
    /// Just past the tag's '>' (or the end of the input).
    end: usize,
    /// Byte ranges of the attributes to remove (name through value).
    drop: Vec<std::ops::Range<usize>>,
}

impl<'a> Tag<'a> {
    /// The tag whose name starts at `from`, tokenized as the HTML tokenizer does (tag name, then
    /// attribute name / value states, '/' of the self-closing state).
    fn scan(b: &'a [u8], from: usize, collect: bool) -> Tag<'a> {
        let mut k = from;
        while k < b.len() && !is_space(b[k]) && b[k] != b'/' && b[k] != b'>' {
            k += 1;
        }
        let name = &b[from..k];
        let mut drop = Vec::new();
        loop {
            // Before attribute name.
            while k < b.len() && (is_space(b[k]) || b[k] == b'/') {
                k += 1;
            }
            if k >= b.len() {
                return Tag { name, end: b.len(), drop };
            }
            if b[k] == b'>' {
                return Tag { name, end: k + 1, drop };
            }
            // Attribute name: a leading '=' belongs to it.
            let start = k;
            k += 1;
            while k < b.len() && !is_space(b[k]) && !matches!(b[k], b'/' | b'>' | b'=') {
                k += 1;
            }
            let attr = &b[start..k];
            // After attribute name: spaces, then maybe '=' and a value.
            let mut v = k;
            while v < b.len() && is_space(b[v]) {
                v += 1;
            }
            if v < b.len() && b[v] == b'=' {
                v += 1;
                while v < b.len() && is_space(b[v]) {
                    v += 1;
                }
                k = match b.get(v) {
                    Some(&q @ (b'"' | b'\'')) => {
                        b[v + 1..].iter().position(|&c| c == q).map_or(b.len(), |p| v + 1 + p + 1)
                    }
                    Some(b'>') | None => v,
                    Some(_) => {
                        let mut u = v;
                        while u < b.len() && !is_space(b[u]) && b[u] != b'>' {
                            u += 1;
                        }
                        u
                    }
                };
            }
            let inline =
                attr.eq_ignore_ascii_case(b"style") || (attr.len() > 2 && attr[..2].eq_ignore_ascii_case(b"on"));
            if collect && inline {
                drop.push(start..k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip_inline_code as s;

    #[test]
    fn ordinary_content_keeps_everything_but_inline_code() {
        assert_eq!(s(r#"<p style="text-align:center">Chào</p>"#), "<p >Chào</p>");
        assert_eq!(s(r#"<p class=a STYLE='x' title="t">b</p>"#), r#"<p class=a  title="t">b</p>"#);
        assert_eq!(s(r#"<img src=x onerror="alert(1)" alt=a>"#), "<img src=x  alt=a>");
        assert_eq!(s(r#"<a href=/x onclick=go()>x</a>"#), "<a href=/x >x</a>");
        assert_eq!(s("<p>a</p><style>p{color:red}</style><p>b</p>"), "<p>a</p><!----><p>b</p>");
        assert_eq!(s("<STYLE type=text/css>x</STYLE >y"), "<!---->y");
        assert_eq!(s(r#"<p>a<BASE href="https://evil.example/">b</p>"#), "<p>a<!---->b</p>");
        assert_eq!(s("<p>database</p>"), "<p>database</p>");
        // Untouched input is returned as it is.
        assert!(matches!(s("<p>Không có gì.</p>"), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(s("<p title=\"one\">on style</p>"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn attribute_syntax_follows_the_tokenizer() {
        assert_eq!(s(r#"<p title="a>b" style="c">d</p>"#), r#"<p title="a>b" >d</p>"#);
        assert_eq!(s(r#"<p style = "x" id=1>"#), "<p  id=1>");
        assert_eq!(s(r#"<p a="1"style="x"title="y">"#), r#"<p a="1"title="y">"#);
        // An unquoted value runs to a space or '>': "x/title=y" is style's value.
        assert_eq!(s("<p/style=x/title=y>"), "<p/>");
        assert_eq!(s("<p/style='x'/title=y>"), "<p//title=y>");
        assert_eq!(s("<p style>x"), "<p >x");
        assert_eq!(s("<p styles=1 on=2 one=3>"), "<p styles=1 on=2 >");
        assert_eq!(s("<p style=a\"b>x"), "<p >x");
        // Text, comments, end tags and raw text are not tags.
        assert_eq!(s("a style=b <!-- <p style=x> --> c"), "a style=b <!-- <p style=x> --> c");
        assert_eq!(s("<!--><p style=x>"), "<!--><p >");
        assert_eq!(s("</p style=x><b onclick=y>"), "</p style=x><b >");
        assert_eq!(s("<textarea><p style=x></textarea><i style=y>"), "<textarea><p style=x></textarea><i >");
        assert_eq!(s("<script>'<p style=x>'</script >"), "<script>'<p style=x>'</script >");
        assert_eq!(s("<title>a</titlex><p style=x></title>"), "<title>a</titlex><p style=x></title>");
        assert_eq!(s("<plaintext><p style=x>"), "<plaintext><p style=x>");
        assert_eq!(s("1 < 2 <p onclick=x>"), "1 < 2 <p >");
        // Unterminated constructs end at the end of the input.
        assert_eq!(s("<p style=\"x"), "<p ");
        assert_eq!(s("<style>x"), "<!---->");
    }

    #[test]
    fn removing_never_joins_text_into_a_new_tag() {
        assert_eq!(s("<<style>x</style>img src=x onerror=alert(1)>"), "<<!---->img src=x onerror=alert(1)>");
        assert_eq!(s("&am<style></style>p;"), "&am<!---->p;");
    }

    #[test]
    fn never_panics_and_never_grows_tags() {
        let mut rng = fastrand::Rng::with_seed(16);
        let mut below = |n: usize| rng.usize(..n);
        let alphabet =
            ["<", ">", "/", "=", "\"", "'", " ", "style", "on", "click", "p", "!--", "-->", "script", "ấ", "x", "\n"];
        for _ in 0..3000 {
            let n = below(40);
            let input: String = (0..n).map(|_| alphabet[below(alphabet.len())]).collect();
            let out = s(&input);
            assert!(out.matches('<').count() <= input.matches('<').count(), "{input:?} → {out:?}");
        }
    }
}
