//! The model every view renders, whatever the data source.

use crate::model::{date, slug};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Author {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attachment {
    pub url: String,
    pub mime_type: String,
    pub title: Option<String>,
    pub size_in_bytes: Option<u64>,
    pub duration_in_seconds: Option<u64>,
}

impl Attachment {
    /// The name a reader sees: the title, else the last path segment of the URL.
    pub fn display_name(&self) -> String {
        if let Some(t) = self.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return t.trim().to_string();
        }
        let path = self.url.split(['?', '#']).next().unwrap_or("");
        let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("tệp đính kèm");
        crate::model::url::percent_decode(last)
    }

    /// Short upper-case type label ("PDF", "DOCX", "JPG") from the MIME type, else the extension.
    pub fn kind_label(&self) -> String {
        let by_mime = match self.mime_type.to_ascii_lowercase().as_str() {
            "application/pdf" => Some("PDF"),
            "image/jpeg" => Some("JPG"),
            "image/png" => Some("PNG"),
            "image/gif" => Some("GIF"),
            "image/webp" => Some("WEBP"),
            "application/msword" => Some("DOC"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Some("DOCX"),
            "application/vnd.ms-excel" => Some("XLS"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => Some("XLSX"),
            "application/zip" => Some("ZIP"),
            "audio/mpeg" => Some("MP3"),
            "video/mp4" => Some("MP4"),
            _ => None,
        };
        if let Some(l) = by_mime {
            return l.to_string();
        }
        let name = self.display_name();
        match name.rsplit_once('.') {
            Some((_, ext)) if !ext.is_empty() && ext.len() <= 5 => ext.to_ascii_uppercase(),
            _ => "TỆP".to_string(),
        }
    }

    pub fn is_image(&self) -> bool {
        self.mime_type.to_ascii_lowercase().starts_with("image/")
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub id: String,
    /// The path segment of the reader's URL: `/tin-tuc/{slug}`.
    pub slug: String,
    pub url: Option<String>,
    pub external_url: Option<String>,
    /// `None` for title-less items (microblog style); see [`Article::display_title`].
    pub title: Option<String>,
    pub content_html: Option<String>,
    pub content_text: Option<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub banner_image: Option<String>,
    /// Seconds since the Unix epoch (UTC).
    pub published: Option<i64>,
    pub modified: Option<i64>,
    pub authors: Vec<Author>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub views: Option<u64>,
    pub language: Option<String>,
    pub attachments: Vec<Attachment>,
}

impl Article {
    /// The text without markup: `content_text`, else `content_html` with its tags stripped.
    pub fn plain_text(&self) -> Option<String> {
        self.content_text.clone().or_else(|| self.content_html.as_deref().map(strip_tags))
    }

    /// A readable link text even for title-less items: the summary or the start of the text,
    /// else the date.
    pub fn display_title(&self, utc_offset_minutes: i32) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let text = self
            .summary
            .clone()
            .or_else(|| self.content_text.clone())
            .or_else(|| self.content_html.as_deref().map(strip_tags))
            .unwrap_or_default();
        let text = collapse_whitespace(&text);
        if !text.is_empty() {
            return truncate_words(&text, 80);
        }
        match self.published {
            Some(ts) => format!("Bài viết ngày {}", date::format_date(ts, utc_offset_minutes)),
            None => "Bài viết không có tiêu đề".to_string(),
        }
    }

    /// The date shown to readers: published, else modified.
    pub fn date(&self) -> Option<i64> {
        self.published.or(self.modified)
    }

    /// The category if the source has one, else the first tag.
    pub fn section(&self) -> Option<&str> {
        self.category.as_deref().or(self.tags.first().map(String::as_str))
    }

    pub fn category_slug(&self) -> Option<String> {
        self.section().map(slug::slugify)
    }
}

/// Site-wide figures of the visit counter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub visits: Option<u64>,
    pub page_views: Option<u64>,
    pub online: Option<u64>,
    pub today: Option<u64>,
    pub this_month: Option<u64>,
}

/// What the footer and header show about the publishing agency (`_portal` at feed level).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiteInfo {
    pub name: Option<String>,
    pub agency: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub responsible: Option<String>,
    pub licence: Option<String>,
}

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

/// Rough tag stripper for deriving plain text from HTML (link text, search); the result is only
/// ever rendered as text. Each tag becomes one space; the text between tags is copied in slices.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            // An unclosed tag runs to the end.
            None => rest = "",
        }
    }
    out.push_str(rest);
    crate::model::entities::decode(&out)
}

/// The plain definition of [`strip_tags`], character by character (a test holds the fast one to it).
#[cfg(test)]
fn strip_tags_reference(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::model::entities::decode(&out)
}

fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_tags_matches_its_plain_definition() {
        for html in [
            "",
            "plain",
            "<p>Một &amp; hai</p><br/>ba",
            "a > b < c",
            "<a <b> c",
            "x <unclosed",
            "<p>X&atilde; h&#7897;i &nbsp;&</p>>",
        ] {
            assert_eq!(strip_tags(html), strip_tags_reference(html), "{html:?}");
        }
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
}
