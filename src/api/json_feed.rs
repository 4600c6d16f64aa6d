//! A JSON Feed document (the bundled `feed.json` or any publisher's feed).

use crate::api::absolutize::absolutize_feed;
use crate::api::decode::{decode, Undecodable};
use crate::api::http::Abort;
use crate::api::{freshness, ApiError};
use crate::model::feed::parse_feed;
use crate::model::Feed;

pub async fn load(url: &str, utc_offset_minutes: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    let answer = freshness::get(url, cancel).await?;
    let mut feed = decode(&answer.body, |doc| parse_feed(doc, utc_offset_minutes)).map_err(|e| match e {
        // JSON, but not a feed: said so, with the reader's reason.
        Undecodable::Shape(why) => ApiError::Decode(format!("không phải JSON Feed ({why})")),
        other => ApiError::from(other),
    })?;
    absolutize_feed(&mut feed, if answer.url.is_empty() { url } else { &answer.url });
    if !feed.skipped.is_empty() {
        crate::platform::warn(&format!("{url}: bỏ qua {} mục hỏng: {}", feed.skipped.len(), feed.skipped.join("; ")));
    }
    Ok(feed)
}
