//! Helpers shared by the native test files: fixture loading and parsing as the app does.

#![allow(dead_code)]

use minh_long_portal::model::date::VIETNAM_OFFSET_MINUTES;
use minh_long_portal::model::feed::{parse_feed, Feed, FeedError};
use minh_long_portal::model::Article;

pub const VN: i32 = VIETNAM_OFFSET_MINUTES;

pub fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Parses JSON text as the app does, rejecting trailing garbage like `JSON.parse` would.
pub fn parse_json(json: &str, offset_minutes: i32) -> Result<Feed, FeedError> {
    parse_feed(json, offset_minutes)
}

pub fn try_feed_at(name: &str, offset_minutes: i32) -> Result<Feed, FeedError> {
    parse_json(&fixture(name), offset_minutes)
}

pub fn try_feed(name: &str) -> Result<Feed, FeedError> {
    try_feed_at(name, VN)
}

/// A fixture that must parse, read in Vietnam time.
pub fn feed(name: &str) -> Feed {
    try_feed(name).unwrap_or_else(|e| panic!("{name} should parse: {e}"))
}

pub fn article<'a>(feed: &'a Feed, id: &str) -> &'a Article {
    feed.articles.iter().find(|a| a.id == id).unwrap_or_else(|| {
        panic!("no article with id {id:?} in {:?}", feed.articles.iter().map(|a| &a.id).collect::<Vec<_>>())
    })
}

pub fn ids(feed: &Feed) -> Vec<&str> {
    feed.articles.iter().map(|a| a.id.as_str()).collect()
}

pub fn slugs(feed: &Feed) -> Vec<&str> {
    feed.articles.iter().map(|a| a.slug.as_str()).collect()
}
