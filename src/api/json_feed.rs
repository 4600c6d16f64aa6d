//! A JSON Feed document (the bundled `feed.json` or any publisher's feed).

use crate::api::absolutize::absolutize_feed;
use crate::api::decode::{decode, Undecodable};
use crate::api::http::Abort;
use crate::api::{freshness, ApiError};
use crate::model::feed::parse_feed;
use crate::model::Feed;

pub async fn load(url: &str, utc_offset_minutes: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    let answer = freshness::get(url, cancel).await?;
    let mut feed = read(&answer.body, utc_offset_minutes)?;
    absolutize_feed(&mut feed, if answer.url.is_empty() { url } else { &answer.url });
    if !feed.skipped.is_empty() {
        crate::platform::warn(&format!("{url}: bỏ qua {} mục hỏng: {}", feed.skipped.len(), feed.skipped.join("; ")));
    }
    Ok(feed)
}

/// A feed's body into the model, or the error its reader is shown. Also what the widget script's
/// test vectors are made of (`prerender --widget-vectors`).
pub fn read(body: &[u8], utc_offset_minutes: i32) -> Result<Feed, ApiError> {
    decode(body, |doc| parse_feed(doc, utc_offset_minutes)).map_err(|e| match e {
        Undecodable::Shape(why) => not_a_feed(&why),
        other => ApiError::from(other),
    })
}

/// JSON, but not a feed: said so, with the reader's reason.
pub fn not_a_feed(why: &str) -> ApiError {
    ApiError::Decode(format!("không phải JSON Feed ({why})"))
}
