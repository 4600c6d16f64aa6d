//! The portal's own API (`data-api`): JSON Feed pages, single items, stats and counters.

use crate::api::absolutize::{absolutize_article, Base};
use crate::api::decode::decode;
use crate::api::http::{fetch, fetch_with_key, Abort, Method};
use crate::api::{freshness, json_feed, ApiError};
use crate::model::feed::{parse_item, parse_stats};
use crate::model::portal_api::{self, DEFAULT_PER_PAGE};
use crate::model::{Article, Feed, Stats};

/// Counter requests must never hold anything up: a short limit, then "—".
pub const COUNTER_TIMEOUT_MS: i32 = 4_000;

pub async fn list(
    api: &str,
    page: u32,
    tag: Option<&str>,
    q: Option<&str>,
    offset: i32,
    cancel: Option<&Abort>,
) -> Result<Feed, ApiError> {
    json_feed::load(&portal_api::articles_url(api, page, DEFAULT_PER_PAGE, tag, q), offset, cancel).await
}

pub async fn article(api: &str, key: &str, offset: i32, cancel: Option<&Abort>) -> Result<Article, ApiError> {
    let url = portal_api::article_url(api, key);
    let answer =
        freshness::get(&url, cancel).await.map_err(
            |e| {
                if e == ApiError::Http(404) {
                    ApiError::NotFound
                } else {
                    e
                }
            },
        )?;
    let mut article = decode(&answer.body, |doc| parse_item(doc, offset))?;
    absolutize_article(&mut article, &Base::new(if answer.url.is_empty() { &url } else { &answer.url }));
    Ok(article)
}

pub async fn stats(api: &str) -> Result<Stats, ApiError> {
    decode_stats(&fetch(Method::GetLive, &portal_api::stats_url(api), None, COUNTER_TIMEOUT_MS).await?.body)
}

/// `POST {api}/stats/visits`: counts this visit, answers the new figures.
/// `key` is the visit's `Idempotency-Key` (the same on a retry).
pub async fn count_visit(api: &str, key: &str) -> Result<Stats, ApiError> {
    let answer =
        fetch_with_key(Method::Post, &portal_api::visits_url(api), None, COUNTER_TIMEOUT_MS, Some(key)).await?;
    decode_stats(&answer.body)
}

/// `POST {api}/articles/{key}/views`: counts one view, answers the article's new count.
/// `idempotency_key`: one per view of this article (the same on a retry).
pub async fn count_view(api: &str, key: &str, idempotency_key: &str) -> Result<u64, ApiError> {
    let answer =
        fetch_with_key(Method::Post, &portal_api::views_url(api, key), None, COUNTER_TIMEOUT_MS, Some(idempotency_key))
            .await?;
    Ok(decode(&answer.body, portal_api::parse_views)?)
}

fn decode_stats(body: &[u8]) -> Result<Stats, ApiError> {
    Ok(decode(body, parse_stats)?)
}
