//! `portal-server import`: a JSON Feed (file or URL, following `next_url`) or a WordPress site
//! into the database, read by the app's own readers with the app's tolerance (a bad item is
//! skipped and reported). Upserts by key: running it again changes nothing, counts are kept.

use crate::db::Db;
use crate::item::{site_json, Row};
use crate::Error;
use minh_long_portal::model::date::VIETNAM_OFFSET_MINUTES;
use minh_long_portal::model::feed::parse_feed;
use minh_long_portal::model::slug::{dedupe, Taken};
use minh_long_portal::model::wordpress::{parse_posts, posts_url, total_pages};
use minh_long_portal::model::Article;
use std::time::Duration;

/// Pages followed at most (a `next_url` loop must end).
pub const MAX_PAGES: usize = 10_000;
/// WordPress posts asked per page (its maximum).
const WP_PER_PAGE: u32 = 100;
/// One fetched document at most (the app's `MAX_BODY_BYTES`).
const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

pub enum Source {
    Feed(String),
    WordPress(String),
}

#[derive(Debug, Default, PartialEq)]
pub struct Report {
    pub imported: usize,
    pub skipped: Vec<String>,
    pub pages: usize,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// (status, body, X-WP-TotalPages) of a GET.
fn get(agent: &ureq::Agent, url: &str) -> Result<(u16, String, Option<String>), Error> {
    let mut response = agent.get(url).call().map_err(|e| Error::Source(format!("{url}: {e}")))?;
    let status = response.status().as_u16();
    let pages = response.headers().get("x-wp-totalpages").and_then(|v| v.to_str().ok()).map(str::to_string);
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_DOCUMENT_BYTES)
        .read_to_string()
        .map_err(|e| Error::Source(format!("{url}: {e}")))?;
    Ok((status, body, pages))
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Resolves the article's relative links against `base` (the document's URL), or, for a file,
/// makes them relative to the site root (`files/x.pdf` → `/files/x.pdf`), where `dist/` serves
/// the feed's files.
fn absolutize(a: &mut Article, base: Option<&url::Url>) {
    let fix = |s: &mut String| {
        if s.is_empty() || s.starts_with('/') || s.starts_with('#') || s.contains(':') {
            return;
        }
        match base {
            Some(b) => {
                if let Ok(u) = b.join(s) {
                    *s = u.to_string();
                }
            }
            None => s.insert(0, '/'),
        }
    };
    for slot in [&mut a.url, &mut a.external_url, &mut a.image, &mut a.banner_image].into_iter().flatten() {
        fix(slot);
    }
    for att in &mut a.attachments {
        fix(&mut att.url);
    }
}

/// Reads every page of `source` and upserts its articles, page by page.
pub async fn import(db: &Db, source: &Source) -> Result<Report, Error> {
    let mut report = Report::default();
    let mut taken = Taken::default();
    let agent = agent();
    match source {
        Source::Feed(location) => {
            let mut next = Some(location.clone());
            let mut first = true;
            while let Some(at) = next.take() {
                if report.pages == MAX_PAGES {
                    report.skipped.push(format!("stopped after {MAX_PAGES} pages"));
                    break;
                }
                let (text, base) = if is_url(&at) {
                    let (status, body, _) = get(&agent, &at)?;
                    if status != 200 {
                        return Err(Error::Source(format!("{at}: HTTP {status}")));
                    }
                    (body, url::Url::parse(&at).ok())
                } else {
                    (std::fs::read_to_string(&at).map_err(|e| Error::Source(format!("{at}: {e}")))?, None)
                };
                let feed =
                    parse_feed(&text, VIETNAM_OFFSET_MINUTES).map_err(|e| Error::Source(format!("{at}: {e}")))?;
                report.pages += 1;
                if first {
                    db.set_site(&site_json(&feed.site)).await?;
                    db.seed_counters(feed.stats.visits.unwrap_or(0) as i64, feed.stats.page_views.unwrap_or(0) as i64)
                        .await?;
                    first = false;
                }
                report.skipped.extend(feed.skipped.iter().map(|s| format!("{at}: {s}")));
                store(db, feed.articles, base.as_ref(), &mut taken, &mut report).await?;
                next = match (feed.next_url, &base) {
                    (Some(n), Some(b)) => b.join(&n).ok().map(|u| u.to_string()),
                    (Some(n), None) if is_url(&n) => Some(n),
                    (Some(n), None) => {
                        std::path::Path::new(&at).parent().map(|dir| dir.join(&n).to_string_lossy().into_owned())
                    }
                    (None, _) => None,
                };
            }
        }
        Source::WordPress(root) => {
            db.seed_counters(0, 0).await?;
            let mut page = 1;
            loop {
                let at = posts_url(root, page, WP_PER_PAGE, None, None);
                let (status, body, pages) = get(&agent, &at)?;
                // WordPress answers 400 for a page past the last.
                if status == 400 && page > 1 {
                    break;
                }
                if status != 200 {
                    return Err(Error::Source(format!("{at}: HTTP {status}")));
                }
                let (articles, skipped) =
                    parse_posts(&body, VIETNAM_OFFSET_MINUTES).map_err(|e| Error::Source(format!("{at}: {e}")))?;
                report.pages += 1;
                report.skipped.extend(skipped.into_iter().map(|s| format!("{at}: {s}")));
                let empty = articles.is_empty();
                store(db, articles, url::Url::parse(&at).ok().as_ref(), &mut taken, &mut report).await?;
                let last = total_pages(pages.as_deref()).is_some_and(|n| page >= n);
                if empty || last || report.pages == MAX_PAGES {
                    break;
                }
                page += 1;
            }
        }
    }
    Ok(report)
}

async fn store(
    db: &Db,
    articles: Vec<Article>,
    base: Option<&url::Url>,
    taken: &mut Taken,
    report: &mut Report,
) -> Result<(), Error> {
    let rows: Vec<(Row, i64)> = articles
        .into_iter()
        .map(|mut a| {
            // A slug an earlier page gave out gets -2, -3…, as in the app.
            a.slug = dedupe(std::mem::take(&mut a.slug), taken);
            absolutize(&mut a, base);
            let views = a.views.unwrap_or(0) as i64;
            (Row::of(&a), views)
        })
        .collect();
    report.imported += rows.len();
    db.upsert_articles(&rows).await
}
