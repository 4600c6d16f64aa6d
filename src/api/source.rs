//! One entry point per kind of read, whatever the configured source.

use crate::api::http::Abort;
use crate::api::{json_feed, portal, ApiError};
use crate::config::Source;
use crate::model::{Article, Feed};

/// The first page of the news list (the whole feed in feed mode).
pub async fn first_page(source: &Source, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    match source {
        Source::Feed(url) => json_feed::load(url, offset, cancel).await,
        Source::Api(api) => portal::list(api, 1, None, None, offset, cancel).await,
        Source::WordPress(_) => Err(ApiError::Config("nguồn WordPress chưa được hỗ trợ trong bản này".into())),
    }
}

/// A further page, by the `next_url` the previous page gave.
pub async fn next_page(_source: &Source, next_url: &str, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    json_feed::load(next_url, offset, cancel).await
}

/// One article by the reader's URL segment. `None` from the caller's cache means: ask the source.
pub async fn article(source: &Source, key: &str, offset: i32, cancel: Option<&Abort>) -> Result<Article, ApiError> {
    match source {
        Source::Api(api) => portal::article(api, key, offset, cancel).await,
        Source::Feed(_) | Source::WordPress(_) => {
            let feed = first_page(source, offset, cancel).await?;
            feed.articles.into_iter().find(|a| a.slug == key).ok_or(ApiError::NotFound)
        }
    }
}

/// Candidates for "Tin liên quan": articles of the same section, from the source when it can
/// filter, else from the list already loaded.
pub async fn related_candidates(source: &Source, section: &str, offset: i32, cancel: Option<&Abort>) -> Result<Vec<Article>, ApiError> {
    match source {
        Source::Api(api) => portal::list(api, 1, Some(section), None, offset, cancel).await.map(|f| f.articles),
        _ => first_page(source, offset, cancel).await.map(|f| f.articles),
    }
}
