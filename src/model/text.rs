//! Plain text: whitespace collapsed, HTML read as text, long text shortened. One definition of
//! each, shared by the model, the views and the prerender (letters are folded in `slug`, whose
//! [`is_combining`] is the one table of combining marks).

use crate::model::slug::is_combining;
use std::borrow::Cow;

/// Runs of whitespace become one space; none at either end.
pub fn collapse_whitespace(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether [`collapse_whitespace`] would return `s` unchanged, as nearly every title and summary
/// of a feed is. A byte scan: only lead bytes of non-ASCII whitespace (U+0085, U+00A0, U+1680,
/// U+2000…U+205F, U+3000) need the character decoded; Vietnamese letters are E1 BA/BB xx.
pub(crate) fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b' ' if after_space => return false,
            b' ' => {
                after_space = true;
                continue;
            }
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            // The second byte rules out the Vietnamese letters (E1 BA/BB xx) before decoding.
            0xc2 | 0xe1 | 0xe2 | 0xe3
                if matches!(
                    (c, b.get(i + 1)),
                    (0xc2, _) | (0xe1, Some(0x9a)) | (0xe2 | 0xe3, Some(0x80)) | (0xe2, Some(0x81))
                ) && s[i..].chars().next().is_some_and(char::is_whitespace) =>
            {
                return false
            }
            _ => {}
        }
        after_space = false;
    }
    true
}

/// The tags [`html_to_text`] reads as a break between words (a space); any other tag is nothing.
/// Also the widget script's (through `prerender --widget-kit`).
pub const BREAKING: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Rendered HTML to one line of plain text: tags and comments removed (block-level tags and `<br>`
/// become spaces, inline ones nothing, so "H<sub>2</sub>O" stays one word), then character
/// references decoded and whitespace collapsed. The result is only ever rendered as text (link
/// text, descriptions, the search index). The one HTML-to-text of the app.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            out.push(' ');
            continue;
        }
        let starts_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !starts_tag {
            // A bare "<" in text ("a < b").
            out.push('<');
            rest = after;
            continue;
        }
        let Some(end) = after.find('>') else {
            // An unterminated tag: drop it rather than show markup.
            rest = "";
            break;
        };
        // The tag's name, compared without an allocation (a 10,000-item feed's text is read
        // through here for the search index).
        let tag = after[..end].trim_start_matches('/');
        let name = &tag[..tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len())];
        if BREAKING.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            out.push(' ');
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    collapse_whitespace(&crate::model::entities::decode(&out))
}

/// `text` cut to about `max_chars` characters followed by "…" when it is longer: link text for
/// title-less items, the meta description, a reader's query echoed in a sentence, the end of a
/// search snippet. The one shortener of the app:
/// - the cut falls on a char boundary and never between a letter and the combining marks that
///   follow it (text in decomposed form), so no Vietnamese letter loses half its diacritics;
/// - words stay whole: the cut goes back to the last space when that keeps more than half;
/// - no space or `,;:.` is left in front of the ellipsis.
pub fn shorten(text: &str, max_chars: usize) -> Cow<'_, str> {
    let Some((mut cut, _)) = text.char_indices().nth(max_chars) else {
        return Cow::Borrowed(text);
    };
    while text[cut..].chars().next().is_some_and(is_combining) {
        match text[..cut].char_indices().next_back() {
            Some((i, _)) => cut = i,
            None => break,
        }
    }
    let mut short = &text[..cut];
    if let Some(space) = short.rfind(char::is_whitespace) {
        if short[..space].chars().count() > max_chars / 2 {
            short = &short[..space];
        }
    }
    let short = short.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'));
    Cow::Owned(format!("{short}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases of the tag stripper `Article::plain_text` used before (each tag one space, no
    /// collapsing); this one is the WordPress adapter's, which both now use.
    #[test]
    fn html_to_text_reads_the_former_strippers_cases() {
        for (html, text) in [
            ("", ""),
            ("plain", "plain"),
            ("<p>Một &amp; hai</p><br/>ba", "Một & hai ba"),
            ("a > b < c", "a > b < c"),
            ("<a <b> c", "c"),
            ("x <unclosed", "x"),
            ("<p>X&atilde; h&#7897;i &nbsp;&</p>>", "Xã hội & >"),
        ] {
            assert_eq!(html_to_text(html), text, "{html:?}");
        }
    }

    #[test]
    fn html_to_text_strips_tags_and_decodes() {
        assert_eq!(html_to_text("Kinh tế &amp; Xã hội &#8211; Quý I"), "Kinh tế & Xã hội – Quý I");
        assert_eq!(html_to_text("<p>Một</p>\n<p>Hai<br/>ba</p>"), "Một Hai ba");
        assert_eq!(html_to_text("H<sub>2</sub>O <em>sạch</em>, an toàn"), "H2O sạch, an toàn");
        assert_eq!(html_to_text("a < b <!-- x > y --> c"), "a < b c");
        assert_eq!(html_to_text("&lt;script&gt;"), "<script>");
        assert_eq!(html_to_text("cắt <a href=\"x"), "cắt");
    }

    #[test]
    fn the_collapsed_check_agrees_with_collapsing() {
        let spaces = [
            " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}",
            "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let words = ["Dân", "vận", "ạ", "x", "\u{200b}", "\u{2060}", "\u{e000}", "€"];
        let mut cases = vec![String::new()];
        for s in spaces {
            for w in words {
                cases.extend([format!("{w}{s}{w}"), format!("{s}{w}"), format!("{w}{s}"), format!("{w} {w}{s}")]);
            }
        }
        for c in &cases {
            let collapsed: Vec<&str> = c.split_whitespace().collect();
            assert_eq!(collapse_whitespace(c), collapsed.join(" "), "{c:?}");
            assert_eq!(is_collapsed(c), collapsed.join(" ") == *c, "{c:?}");
        }
    }

    #[test]
    fn whitespace_collapses_to_single_spaces() {
        assert_eq!(collapse_whitespace("  Dân \t vận\n\u{a0}quý I  "), "Dân vận quý I");
        assert_eq!(collapse_whitespace(" \n "), "");
        assert_eq!(collapse_whitespace("a"), "a");
    }

    #[test]
    fn long_text_is_shortened_on_a_char_boundary() {
        assert_eq!(shorten("dân vận", 80), "dân vận");
        assert_eq!(shorten("", 3), "");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        let long = "đ".repeat(10_000);
        let short = shorten(&long, 80);
        assert_eq!(short.chars().count(), 81);
        assert!(short.ends_with('…'));
        // A space before the cut is not kept in front of the ellipsis.
        assert_eq!(shorten("ab cd", 3), "ab…");
        // Decomposed "ậ" (a + U+0323 + U+0302) is not split from its accents.
        let nfd = "va\u{0323}\u{0302}n";
        assert_eq!(shorten(nfd, 2), "v…");
        assert_eq!(shorten(nfd, 4), "va\u{0323}\u{0302}…");
    }
}
