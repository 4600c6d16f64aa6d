//! One entry point per kind of list read, whatever the configured source. (One article is read
//! by `routes::article::load`: from the API or WordPress, or from the loaded feed.)

use crate::api::http::Abort;
use crate::api::{json_feed, portal, wordpress, ApiError};
use crate::config::Source;
use crate::model::Feed;

/// The first page of the news list (the whole feed in feed mode).
pub async fn first_page(source: &Source, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    let page = match source {
        Source::Feed(url) => json_feed::load(url, offset, cancel).await,
        Source::Api(api) => portal::list(api, 1, None, None, offset, cancel).await,
        Source::WordPress(root) => wordpress::list(root, 1, offset, cancel).await,
    };
    // With the feed's Resource Timing entry, this splits "download" from "parse into the model"
    // in scripts/bench.sh (a User Timing mark costs nothing when nobody reads it).
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("np-first-page-parsed");
    }
    page
}

/// A further page, by the `next_url` the previous page gave.
pub async fn next_page(source: &Source, next_url: &str, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    match source {
        Source::WordPress(root) => wordpress::list(root, wordpress::page_of(next_url), offset, cancel).await,
        Source::Feed(_) | Source::Api(_) => json_feed::load(next_url, offset, cancel).await,
    }
}
