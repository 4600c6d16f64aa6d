//! The model every view renders, whatever the data source.

use crate::model::text::{collapse_whitespace, html_to_text, shorten};
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

/// [`Article::display_title`] of an item without title or text: the date after this, else [`UNTITLED`];
/// text is shortened to [`TITLE_CHARS`] characters. Also the widget script's (`prerender --widget-kit`).
pub const DATED: &str = "Bài viết ngày ";
pub const UNTITLED: &str = "Bài viết không có tiêu đề";
pub const TITLE_CHARS: usize = 80;

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
        self.content_text.clone().or_else(|| self.content_html.as_deref().map(html_to_text))
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
            .or_else(|| self.content_html.as_deref().map(html_to_text))
            .unwrap_or_default();
        let text = collapse_whitespace(&text);
        if !text.is_empty() {
            return shorten(&text, TITLE_CHARS).into_owned();
        }
        match self.published {
            Some(ts) => format!("{DATED}{}", date::format_date(ts, utc_offset_minutes)),
            None => UNTITLED.to_string(),
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

/// What the visit counter shows: its figures and where they come from. The live counter (the
/// portal API, `api::live_stats`) and a feed's `_portal.stats` both end up as one of these.
#[derive(Clone, Debug, PartialEq)]
pub enum Figures {
    Loading,
    /// Just fetched.
    Live(Stats),
    /// The last figures this browser saw, fetched at `at` (seconds): the counter cannot be reached
    /// or the page shows a saved copy of the feed.
    Saved {
        stats: Stats,
        at: i64,
    },
    /// None to show: the source has no counter, or it failed with nothing saved.
    Unknown,
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
