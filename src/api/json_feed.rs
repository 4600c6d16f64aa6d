//! A JSON Feed document (the bundled `feed.json` or any publisher's feed).

use crate::api::http::{absolutize_feed, fetch, parse_json, Abort, Method, DEFAULT_TIMEOUT_MS};
use crate::api::ApiError;
use crate::model::feed::parse_feed;
use crate::model::Feed;

pub async fn load(url: &str, utc_offset_minutes: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    let answer = fetch(Method::Get, url, cancel, DEFAULT_TIMEOUT_MS).await?;
    let value = parse_json(&answer.text)?;
    let mut feed = parse_feed(serde_wasm_bindgen::Deserializer::from(value), utc_offset_minutes)
        .map_err(|e| ApiError::Decode(format!("không phải JSON Feed ({e})")))?;
    absolutize_feed(&mut feed, if answer.url.is_empty() { url } else { &answer.url });
    if !feed.skipped.is_empty() {
        web_sys::console::warn_1(
            &format!("[news-portal] {url}: bỏ qua {} mục hỏng: {}", feed.skipped.len(), feed.skipped.join("; ")).into(),
        );
    }
    Ok(feed)
}
