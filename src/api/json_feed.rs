//! A JSON Feed document (the bundled `feed.json` or any publisher's feed).

use crate::api::http::{absolutize_feed, data_timeout_ms, decode, fetch, Abort, Method};
use crate::api::ApiError;
use crate::model::feed::parse_feed;
use crate::model::Feed;

pub async fn load(url: &str, utc_offset_minutes: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    let answer = fetch(Method::Get, url, cancel, data_timeout_ms()).await?;
    let mut feed = decode(&answer.body, |doc| parse_feed(doc, utc_offset_minutes)).map_err(|e| match e {
        ApiError::Decode(why)
            if !why.starts_with("không phải JSON") && !why.starts_with("máy chủ") && why != "phản hồi rỗng" =>
        {
            ApiError::Decode(format!("không phải JSON Feed ({why})"))
        }
        other => other,
    })?;
    absolutize_feed(&mut feed, if answer.url.is_empty() { url } else { &answer.url });
    if !feed.skipped.is_empty() {
        crate::platform::warn(&format!("{url}: bỏ qua {} mục hỏng: {}", feed.skipped.len(), feed.skipped.join("; ")));
    }
    Ok(feed)
}
