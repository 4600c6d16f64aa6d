//! The publish API (issue 25): a CMS's save hook puts one article, or deletes it, and the pages
//! it touched are prerendered again into the `dist/` the server answers from, before the answer.
//!
//! - `PUT /api/articles/{key}`: the body is one JSON Feed item with `_portal` (its `_portal.slug`,
//!   when given, must be `key`), read by the app's own reader (`minh_long_portal::model::feed`);
//!   201 when new, 200 when replaced; the article keeps its view count.
//! - `DELETE /api/articles/{key}`: 200, 404 when there is no such article.
//!
//! Both need `Authorization: Bearer <token>`, the token read from `--publish-token-file`: 401
//! without it, 403 when it is wrong. The two are compared in constant time (as SHA-256 digests, so
//! neither the content nor the length of the token shows in the time taken), and the header is
//! never logged. Without `--publish-token-file` the routes answer 404: nothing can write.
//!
//! Bodies above `--max-publish-bytes` (default [`DEFAULT_MAX_PUBLISH_BYTES`]) get 413; the item is
//! refused with 422 and `{"error": …, "field": …}` naming what is wrong.

use crate::api::Shared;
use crate::db::Db;
use crate::item::Row;
use crate::Error;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use axum::Router;
use minh_long_portal::model::date::VIETNAM_OFFSET_MINUTES;
use minh_long_portal::model::feed::parse_item;
use minh_long_portal::model::Article;
use minh_long_portal::prerender::publish::{list_page_of, Change, Site};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use subtle::ConstantTimeEq;
use tower::ServiceExt;

/// A published item of 1 MiB is a very long article (the bundled feed's longest is ≈ 12 KB); the
/// limit bounds what a token holder can make the server buffer and parse.
pub const DEFAULT_MAX_PUBLISH_BYTES: usize = 1024 * 1024;

/// The publish API's settings (`serve --publish-token-file … [--site-url …] [--max-publish-bytes …]`).
#[derive(Clone)]
pub struct Publishing {
    /// SHA-256 of the bearer token.
    token_digest: [u8; 32],
    /// The largest PUT body.
    pub max_body_bytes: usize,
    /// Origin the prerendered pages name (canonical, og:url), without a trailing '/'.
    pub site_url: String,
}

impl std::fmt::Debug for Publishing {
    /// Never the token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publishing")
            .field("max_body_bytes", &self.max_body_bytes)
            .field("site_url", &self.site_url)
            .finish()
    }
}

impl Publishing {
    /// Reads the token: the file's first line, surrounding white space removed; refused when
    /// empty or shorter than 16 characters (a token must not be guessable).
    pub fn from_file(path: &std::path::Path, site_url: &str, max_body_bytes: usize) -> Result<Publishing, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Source(format!("--publish-token-file {}: {e}", path.display())))?;
        let token = text.lines().next().unwrap_or("").trim();
        if token.len() < 16 {
            return Err(Error::Source(format!(
                "--publish-token-file {}: the token must have at least 16 characters",
                path.display()
            )));
        }
        Ok(Publishing::with_token(token, site_url, max_body_bytes))
    }

    pub fn with_token(token: &str, site_url: &str, max_body_bytes: usize) -> Publishing {
        Publishing {
            token_digest: Sha256::digest(token.as_bytes()).into(),
            max_body_bytes,
            site_url: site_url.trim_end_matches('/').to_string(),
        }
    }
}

/// The routes, for the `/api` router.
pub fn routes() -> Router<Shared> {
    Router::new().route("/articles/{key}", put(put_article).delete(delete_article))
}

/// The body limit of `request`: the publish limit for the publish routes, else `general`.
pub fn body_limit(request: &Request, state: &crate::api::AppState, general: usize) -> usize {
    let publishing = matches!(*request.method(), axum::http::Method::PUT);
    match (&state.settings.publish, publishing) {
        (Some(p), true) => p.max_body_bytes,
        _ => general,
    }
}

/// What a publish request can be refused for, beside the server's own errors.
#[derive(Debug)]
pub enum Refused {
    /// No `Authorization: Bearer …` header.
    Unauthenticated,
    /// A token, not the right one.
    Forbidden,
    /// The item, with the field at fault.
    Invalid {
        field: &'static str,
        why: String,
    },
    Server(Error),
}

impl From<Error> for Refused {
    fn from(e: Error) -> Self {
        Refused::Server(e)
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            Refused::Server(e) => return e.into_response(),
            Refused::Unauthenticated => (StatusCode::UNAUTHORIZED, json!({ "error": "a bearer token is required" })),
            Refused::Forbidden => (StatusCode::FORBIDDEN, json!({ "error": "this token may not publish" })),
            Refused::Invalid { field, why } => {
                (StatusCode::UNPROCESSABLE_ENTITY, json!({ "error": why, "field": field }))
            }
        };
        let mut r = (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
        r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"publish\""));
        }
        r
    }
}

/// The settings when the request carries the right token.
fn authorised<'a>(state: &'a Shared, headers: &HeaderMap) -> Result<&'a Publishing, Refused> {
    let Some(publishing) = state.settings.publish.as_ref() else { return Err(Refused::Server(Error::NotFound)) };
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let (Some(value), None) = (values.next(), values.next()) else { return Err(Refused::Unauthenticated) };
    let token = match value.as_bytes() {
        v if v.len() > 7 && v[..7].eq_ignore_ascii_case(b"bearer ") => v[7..].trim_ascii(),
        _ => return Err(Refused::Unauthenticated),
    };
    let digest: [u8; 32] = Sha256::digest(token).into();
    if bool::from(digest[..].ct_eq(&publishing.token_digest[..])) {
        Ok(publishing)
    } else {
        Err(Refused::Forbidden)
    }
}

fn key_of(path: Result<Path<String>, PathRejection>) -> Result<String, Refused> {
    let Path(key) = path.map_err(|e| Error::BadRequest(format!("article key: {e}")))?;
    if key.is_empty() || key.len() > crate::settings::MAX_ARTICLE_KEY_BYTES {
        return Err(Error::BadRequest(format!(
            "an article key has 1 to {} bytes",
            crate::settings::MAX_ARTICLE_KEY_BYTES
        ))
        .into());
    }
    Ok(key)
}

/// The article `body` describes, read by the app's reader, for the address `key`.
pub fn read_item(key: &str, body: &[u8]) -> Result<Article, Refused> {
    let invalid = |field, why: String| Refused::Invalid { field, why };
    let text = std::str::from_utf8(body).map_err(|_| invalid("body", "the body is not UTF-8".into()))?;
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| invalid("body", format!("the body is not JSON: {e}")))?;
    let item = value
        .as_object_mut()
        .ok_or_else(|| invalid("body", "the body must be one JSON Feed item (an object)".into()))?;
    let portal = item
        .entry("_portal")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or_else(|| invalid("_portal", "_portal must be an object".into()))?;
    match portal.get("slug") {
        None | Some(Value::Null) => {
            portal.insert("slug".into(), Value::String(key.to_string()));
        }
        Some(Value::String(s)) if s == key => {}
        Some(_) => return Err(invalid("_portal.slug", format!("_portal.slug must be the article's key, {key:?}"))),
    }
    let has = |name: &str| item.get(name).is_some_and(|v| !v.is_null());
    let had_date = has("date_published");
    let had_modified = has("date_modified");
    let article = parse_item(&value.to_string(), VIETNAM_OFFSET_MINUTES).map_err(|e| {
        let why = e.to_string();
        let field = if why.contains("\"id\"") { "id" } else { "title" };
        invalid(field, why)
    })?;
    if article.slug != key {
        return Err(invalid(
            "_portal.slug",
            format!("the key {key:?} is not a slug the portal can address (lower-case letters, digits and '-')"),
        ));
    }
    if article.title.is_none() {
        return Err(invalid("title", "a published article needs a title".into()));
    }
    if article.content_html.is_none() && article.content_text.is_none() {
        return Err(invalid("content_html", "a published article needs content_html or content_text".into()));
    }
    if !had_date {
        return Err(invalid("date_published", "a published article needs date_published (RFC 3339)".into()));
    }
    if article.published.is_none() {
        return Err(invalid("date_published", "date_published is not an RFC 3339 date".into()));
    }
    if had_modified && article.modified.is_none() {
        return Err(invalid("date_modified", "date_modified is not an RFC 3339 date".into()));
    }
    Ok(article)
}

/// `PUT /api/articles/{key}`
async fn put_article(
    State(state): State<Shared>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Refused> {
    authorised(&state, &headers)?;
    let key = key_of(path)?;
    let article = read_item(&key, &body)?;
    let before = state.db.placed(&key).await?;
    let row = Row::of(&article);
    let published = row.published;
    state.db.upsert_articles(&[(row, article.views.map_or(0, |v| v as i64))]).await?;
    let after = state.db.position(published, &key).await?;
    let from = before.as_ref().map_or(after, |b| b.position.min(after));
    let change = Change {
        key: key.clone(),
        removed: false,
        previous_section: before.as_ref().and_then(|b| b.section.clone()),
        home_from_page: list_page_of(from as usize),
    };
    let pages = prerender(&state, change).await?;
    let views = state.db.article(&key).await?.map_or(0, |r| r.views);
    let status = if before.is_some() { StatusCode::OK } else { StatusCode::CREATED };
    Ok((
        status,
        [(header::CONTENT_TYPE, "application/json")],
        json!({ "key": key, "views": views, "pages": pages }).to_string(),
    )
        .into_response())
}

/// `DELETE /api/articles/{key}`
async fn delete_article(
    State(state): State<Shared>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Refused> {
    authorised(&state, &headers)?;
    let key = key_of(path)?;
    let before = state.db.placed(&key).await?.ok_or(Refused::Server(Error::NotFound))?;
    state.db.delete_article(&key).await?;
    let change = Change {
        key: key.clone(),
        removed: true,
        previous_section: before.section,
        home_from_page: list_page_of(before.position as usize),
    };
    let pages = prerender(&state, change).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        json!({ "key": key, "deleted": true, "pages": pages }).to_string(),
    )
        .into_response())
}

/// The site the server renders into, when it serves one.
fn site(state: &Shared) -> Option<Site> {
    let dist = state.settings.dist.clone()?;
    let site_url = state.settings.publish.as_ref()?.site_url.clone();
    Some(Site {
        dist,
        api: format!("{site_url}/api"),
        site_url,
        base: String::new(),
        utc_offset_minutes: VIETNAM_OFFSET_MINUTES,
    })
}

/// Rewrites the pages `change` touched (nothing without `--dist`), the pages' data answered by
/// this server's own GET routes, in-process. Returns what was written and removed.
async fn prerender(state: &Shared, change: Change) -> Result<Value, Error> {
    let Some(site) = site(state) else { return Ok(json!(null)) };
    let router = crate::api::router(state.clone());
    let handle = tokio::runtime::Handle::current();
    let report = tokio::task::spawn_blocking(move || {
        let answer = answerer(router, handle, &site.api);
        minh_long_portal::prerender::publish::publish(&site, &change, answer)
    })
    .await
    .map_err(|e| Error::Source(format!("prerender: {e}")))?
    .map_err(|why| Error::Source(format!("prerender: {why}")))?;
    Ok(
        json!({ "written": report.written, "unchanged": report.unchanged, "removed": report.removed, "skipped": report.skipped }),
    )
}

/// Answers the prerender's GETs of `{api}/…` with this server's routes, in-process (blocking: the
/// prerender runs on a blocking thread).
pub fn answerer(
    router: Router,
    handle: tokio::runtime::Handle,
    api: &str,
) -> impl Fn(&str) -> Result<Vec<u8>, minh_long_portal::api::ApiError> + 'static {
    use minh_long_portal::api::ApiError;
    let origin_and_base = api.trim_end_matches("/api").to_string();
    move |url: &str| {
        let path = url
            .strip_prefix(&origin_and_base)
            .filter(|p| p.starts_with("/api/"))
            .ok_or_else(|| ApiError::Network(format!("{url}: not this server's API")))?;
        let request = axum::http::Request::builder()
            .uri(path)
            .body(Body::empty())
            .map_err(|e| ApiError::Network(format!("{url}: {e}")))?;
        let Ok(response) = handle.block_on(router.clone().oneshot(request));
        match response.status() {
            StatusCode::OK => {
                let bytes = handle
                    .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
                    .map_err(|e| ApiError::Network(format!("{url}: {e}")))?;
                Ok(bytes.to_vec())
            }
            StatusCode::NOT_FOUND => Err(ApiError::NotFound),
            other => Err(ApiError::Http(other.as_u16())),
        }
    }
}

/// The whole site prerendered from `db` into `dist` (after `import`, which may change any page),
/// through the same in-process answers as a publish.
pub async fn prerender_all(
    db: Db,
    dist: PathBuf,
    site_url: &str,
) -> Result<minh_long_portal::prerender::site::Report, Error> {
    let dist = std::fs::canonicalize(&dist).map_err(|e| Error::Source(format!("--dist {}: {e}", dist.display())))?;
    let settings = crate::settings::Settings { dist: Some(dist.clone()), ..Default::default() };
    let (counter, writer) = crate::counting::Counter::start(db.clone(), &settings.limits);
    let state = std::sync::Arc::new(crate::api::AppState {
        hasher: crate::reader::ReaderHasher::new(db.clone()),
        limiter: crate::reader::RateLimiter::new(0),
        db,
        counter,
        settings,
    });
    let router = crate::api::router(state);
    let site_url = site_url.trim_end_matches('/').to_string();
    let site = Site {
        dist,
        api: format!("{site_url}/api"),
        site_url,
        base: String::new(),
        utc_offset_minutes: VIETNAM_OFFSET_MINUTES,
    };
    let handle = tokio::runtime::Handle::current();
    let report = tokio::task::spawn_blocking(move || {
        let answer = answerer(router, handle, &site.api);
        minh_long_portal::prerender::publish::publish_all(&site, answer)
    })
    .await
    .map_err(|e| Error::Source(format!("prerender: {e}")))?
    .map_err(|why| Error::Source(format!("prerender: {why}")));
    // The router (and with it the last counter) is gone: the writer ends.
    let _ = writer.await;
    report
}

/// A path `/tin-tuc/{key}` whose article is not in the database (deleted, or never published):
/// the site answers it with its not-found page and 404, not with the app's shell.
pub async fn is_gone_article(state: &Shared, segments: &[String]) -> Result<bool, Error> {
    let [first, key] = segments else { return Ok(false) };
    if first != "tin-tuc" || key.is_empty() || key.len() > crate::settings::MAX_ARTICLE_KEY_BYTES {
        return Ok(false);
    }
    Ok(state.db.article(key).await?.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let p = Publishing::with_token("secret-token-0123456789", "https://x.vn/", 10);
        let shown = format!("{p:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert_eq!(p.site_url, "https://x.vn");
    }

    #[test]
    fn a_missing_slug_is_the_key_and_a_different_one_is_refused() {
        let item = |portal: &str| {
            format!(
                r#"{{"id": "1", "title": "T", "content_text": "x", "date_published": "2026-01-01T00:00:00Z"{portal}}}"#
            )
        };
        assert_eq!(read_item("bai-1", item("").as_bytes()).unwrap().slug, "bai-1");
        assert_eq!(read_item("bai-1", item(r#", "_portal": {"slug": "bai-1"}"#).as_bytes()).unwrap().slug, "bai-1");
        match read_item("bai-1", item(r#", "_portal": {"slug": "bai-2"}"#).as_bytes()) {
            Err(Refused::Invalid { field, .. }) => assert_eq!(field, "_portal.slug"),
            other => panic!("{other:?}"),
        }
    }
}
