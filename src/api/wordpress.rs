//! WordPress (`data-wordpress="https://site/wp-json"`): `/wp/v2/posts?_embed`, paged with
//! `page`/`per_page` and the `X-WP-TotalPages` header.

use crate::api::absolutize::{absolutize_article, Base};
use crate::api::decode::decode;
use crate::api::http::Abort;
use crate::api::{freshness, ApiError};
use crate::model::wordpress::{parse_post_list_first, parse_posts, post_by_slug_url, posts_url, total_pages};
use crate::model::{Article, Feed};

pub const PER_PAGE: u32 = 10;

pub async fn list(root: &str, page: u32, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    let answer = freshness::get(&posts_url(root, page, PER_PAGE, None, None), cancel).await?;
    let (mut articles, skipped) = decode(&answer.body, |doc| parse_posts(doc, offset))?;
    if !skipped.is_empty() {
        crate::platform::warn(&format!("WordPress: bỏ qua {} bài hỏng: {}", skipped.len(), skipped.join("; ")));
    }
    let base = Base::new(&answer.url);
    for a in &mut articles {
        absolutize_article(a, &base);
    }
    let more = total_pages(answer.total_pages.as_deref()).is_some_and(|total| page < total);
    Ok(Feed {
        next_url: more.then(|| posts_url(root, page + 1, PER_PAGE, None, None)),
        articles,
        skipped,
        ..Feed::default()
    })
}

/// The page number of a posts URL this adapter built (for following `next_url`).
pub fn page_of(url: &str) -> u32 {
    url.split(['?', '&']).find_map(|p| p.strip_prefix("page=")).and_then(|n| n.parse().ok()).unwrap_or(1)
}

pub async fn article(root: &str, slug: &str, offset: i32, cancel: Option<&Abort>) -> Result<Article, ApiError> {
    let answer = freshness::get(&post_by_slug_url(root, slug), cancel).await?;
    decode(&answer.body, |doc| parse_post_list_first(doc, offset))?.ok_or(ApiError::NotFound)
}
