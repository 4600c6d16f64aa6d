//! The JSON Feed spec's own examples (https://jsonfeed.org/version/1.1 and /version/1), copied into
//! tests/fixtures/feeds/spec-*.json, read field by field. If the portal cannot read these, it cannot
//! read any feed.

use crate::common::{article, feed, ids, slugs, VN};
use minh_long_portal::model::date::{format_date, iso_utc};
use minh_long_portal::model::{Attachment, Author};

fn author(name: &str, url: Option<&str>) -> Author {
    Author { name: name.into(), url: url.map(Into::into) }
}

/// Guards: the 1.1 "simple example" (two items, content_text / content_html, no titles, no dates).
#[test]
fn minimal_1_1_example() {
    let f = feed("spec-1.1-minimal.json");
    assert_eq!(f.title.as_deref(), Some("My Example Feed"));
    assert_eq!(f.home_page_url.as_deref(), Some("https://example.org/"));
    assert_eq!(f.feed_url.as_deref(), Some("https://example.org/feed.json"));
    assert_eq!((f.description.as_deref(), f.icon.as_deref(), f.favicon.as_deref()), (None, None, None));
    assert_eq!((f.language.as_deref(), f.next_url.as_deref(), f.expired), (None, None, false));
    assert!(f.authors.is_empty());
    assert!(f.skipped.is_empty(), "{:?}", f.skipped);
    // Feed order is kept; ids are strings.
    assert_eq!(ids(&f), ["2", "1"]);
    assert_eq!(slugs(&f), ["2", "1"]);

    let second = article(&f, "2");
    assert_eq!(second.url.as_deref(), Some("https://example.org/second-item"));
    assert_eq!(second.title, None);
    assert_eq!(second.content_text.as_deref(), Some("This is a second item."));
    assert_eq!(second.content_html, None);
    assert_eq!((second.published, second.modified), (None, None));
    assert_eq!(second.display_title(VN), "This is a second item.");

    let first = article(&f, "1");
    assert_eq!(first.url.as_deref(), Some("https://example.org/initial-post"));
    assert_eq!(first.content_html.as_deref(), Some("<p>Hello, world!</p>"));
    assert_eq!(first.content_text, None);
    assert_eq!(first.display_title(VN), "Hello, world!");
    assert!(first.attachments.is_empty() && first.authors.is_empty() && first.tags.is_empty());
}

/// Guards: the podcast example — both content fields, summary, an RFC 3339 date with an offset and
/// an attachment with size and duration.
#[test]
fn podcast_example() {
    let f = feed("spec-1.1-podcast.json");
    assert_eq!(f.title.as_deref(), Some("The Record"));
    assert_eq!(f.home_page_url.as_deref(), Some("http://therecord.co/"));
    assert_eq!(f.feed_url.as_deref(), Some("http://therecord.co/feed.json"));
    assert_eq!(ids(&f), ["http://therecord.co/chris-parrish"]);

    let a = &f.articles[0];
    assert_eq!(a.slug, "chris-parrish", "slug from the id's last path segment");
    assert_eq!(a.title.as_deref(), Some("Special #1 - Chris Parrish"));
    assert_eq!(a.url.as_deref(), Some("http://therecord.co/chris-parrish"));
    assert!(a
        .content_text
        .as_deref()
        .unwrap()
        .starts_with("Chris has worked at Adobe and as a founder of Rogue Sheep"));
    assert!(a.content_text.as_deref().unwrap().ends_with("a quick ferry ride from Seattle."));
    // content_html is passed on untouched (the DOM sanitizer deals with it).
    assert!(a.content_html.as_deref().unwrap().contains("<a href=\"http://adobe.com/\">Adobe</a>"));
    assert_eq!(
        a.summary.as_deref(),
        Some("Brent interviews Chris Parrish, co-host of The Record and one-half of Aged & Distilled.")
    );
    // 2014-05-09T14:04:00-07:00 is 21:04 UTC, already the 10th in Vietnam.
    assert_eq!(a.published, Some(1_399_669_440));
    assert_eq!(iso_utc(a.published.unwrap()), "2014-05-09T21:04:00Z");
    assert_eq!(format_date(a.published.unwrap(), VN), "10/05/2014");
    assert_eq!(a.modified, None);
    assert_eq!(
        a.attachments,
        [Attachment {
            url: "http://therecord.co/downloads/The-Record-sp1e1-ChrisParrish.m4a".into(),
            mime_type: "audio/x-m4a".into(),
            title: None,
            size_in_bytes: Some(89_970_236),
            duration_in_seconds: Some(6629),
        }]
    );
    assert_eq!(a.attachments[0].display_name(), "The-Record-sp1e1-ChrisParrish.m4a");
    assert_eq!(a.attachments[0].kind_label(), "M4A");
}

/// Guards: the 1.1 microblog example — a title-less item with a URL in its plain text, and the
/// feed-level `authors` array (the `avatar` member is ignored).
#[test]
fn microblog_1_1_example() {
    let f = feed("spec-1.1-microblog.json");
    assert_eq!(f.title.as_deref(), Some("Brent Simmons’s Microblog"));
    assert_eq!(f.home_page_url.as_deref(), Some("https://example.org/"));
    assert_eq!(f.feed_url.as_deref(), Some("https://example.org/feed.json"));
    assert_eq!(f.authors, [author("Brent Simmons", Some("http://example.org/"))]);

    let a = article(&f, "2347259");
    assert_eq!(a.slug, "2347259");
    assert_eq!(a.url.as_deref(), Some("https://example.org/2347259"));
    assert_eq!(a.title, None);
    assert_eq!(a.content_text.as_deref(), Some("Cats are neat. \n\nhttps://example.org/cats"));
    assert_eq!(a.display_title(VN), "Cats are neat. https://example.org/cats");
    assert_eq!(a.published, Some(1_455_052_920));
    assert_eq!(iso_utc(a.published.unwrap()), "2016-02-09T21:22:00Z");
    assert_eq!(format_date(a.published.unwrap(), VN), "10/02/2016");
    // Item authors are not inherited from the feed by the model; the view decides.
    assert!(a.authors.is_empty());
}

/// Guards: the 1.0 microblog example with the deprecated singular `author` object.
#[test]
fn microblog_1_0_example_with_deprecated_author() {
    let f = feed("spec-1.0-microblog.json");
    assert_eq!(f.title.as_deref(), Some("Brent Simmons’s Microblog"));
    assert_eq!(f.authors, [author("Brent Simmons", Some("http://example.org/"))]);
    assert_eq!(ids(&f), ["2347259"]);
    assert_eq!(f.articles[0].published, Some(1_455_052_920));
    // Same document content as the 1.1 example: same model apart from the version.
    assert_eq!(f, feed("spec-1.1-microblog.json"));
}

/// Guards: every top-level and item field the 1.1 spec defines (next_url, expired, language, icon,
/// favicon, authors preferred over author, external_url, images, both dates, tags, alternate
/// attachments) in one composed document.
#[test]
fn every_field_the_1_1_spec_defines() {
    let f = feed("spec-1.1-all-top-level-fields.json");
    assert_eq!(f.title.as_deref(), Some("My Example Feed"));
    assert_eq!(f.home_page_url.as_deref(), Some("https://example.org/"));
    assert_eq!(f.feed_url.as_deref(), Some("https://example.org/feed.json?page=1"));
    assert_eq!(f.description.as_deref(), Some("What the feed is about."));
    assert_eq!(f.next_url.as_deref(), Some("https://example.org/feed.json?page=2"));
    assert_eq!(f.icon.as_deref(), Some("https://example.org/icon-512.png"));
    assert_eq!(f.favicon.as_deref(), Some("https://example.org/favicon-64.png"));
    assert_eq!(f.language.as_deref(), Some("en-US"));
    assert!(f.expired);
    // "Feed readers should always prefer `authors` if present."
    assert_eq!(
        f.authors,
        [author("Brent Simmons", Some("http://example.org/")), author("Manton Reece", Some("https://manton.org/"))]
    );
    assert!(f.skipped.is_empty());

    let a = article(&f, "https://example.org/initial-post");
    assert_eq!(a.slug, "initial-post");
    assert_eq!(a.url.as_deref(), Some("https://example.org/initial-post"));
    assert_eq!(a.external_url.as_deref(), Some("https://elsewhere.example/thing"));
    assert_eq!(a.title.as_deref(), Some("Initial post"));
    assert_eq!(a.summary.as_deref(), Some("A plain text sentence."));
    assert_eq!(a.image.as_deref(), Some("https://example.org/image.png"));
    assert_eq!(a.banner_image.as_deref(), Some("https://example.org/banner.png"));
    assert_eq!(a.published, Some(1_265_569_440), "2010-02-07T14:04:00-05:00");
    assert_eq!(a.modified, Some(1_265_619_600), "2010-02-08T09:00:00Z");
    assert_eq!(a.date(), a.published);
    assert_eq!(a.authors, [author("Manton Reece", None)]);
    assert_eq!(a.tags, ["example", "json"]);
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.section(), Some("example"), "no category: the first tag");
    assert_eq!(a.attachments.len(), 2, "alternate representations share a title and are both kept");
    assert_eq!(a.attachments[0].size_in_bytes, Some(1024));
    assert_eq!(a.attachments[0].duration_in_seconds, Some(60));
    assert_eq!(a.attachments[1].title.as_deref(), Some("Episode"));
    assert_eq!((a.attachments[1].size_in_bytes, a.attachments[1].duration_in_seconds), (None, None));
}
