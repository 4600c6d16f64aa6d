//! The routes: the README's "Portal API" under `/api`, `/healthz`, and the built site for the rest.

use crate::counting::Counter;
use crate::db::{Db, Target};
use crate::item::{page_json, stats_json, with_views};
use crate::reader::{client_ip, RateLimiter, ReaderHasher};
use crate::settings::{
    Settings, LINGER_BYTES, LINGER_TIME, MAX_ARTICLE_KEY_BYTES, MAX_IDEMPOTENCY_KEY_BYTES, MAX_PAGE, MAX_PER_PAGE,
    MAX_QUERY_BYTES,
};
use crate::Error;
use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use minh_long_portal::model::portal_api::{articles_url, DEFAULT_PER_PAGE};
use minh_long_portal::model::slug::slugify;
use std::net::SocketAddr;
use std::sync::Arc;

/// What every request may use.
pub struct AppState {
    pub db: Db,
    pub counter: Counter,
    pub hasher: ReaderHasher,
    pub limiter: RateLimiter,
    pub settings: Settings,
}

pub type Shared = Arc<AppState>;

pub fn router(state: Shared) -> Router {
    let api = Router::new()
        .route("/articles", get(list))
        .route("/articles/{key}", get(article))
        .route("/articles/{key}/views", post(count_view))
        .route("/stats", get(stats))
        .route("/stats/visits", post(count_visit))
        // PUT and DELETE of /articles/{key}: the publish API (publish.rs, issue 25).
        .merge(crate::publish::routes())
        .fallback(|| async { Error::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), cors));
    Router::new()
        .nest("/api", api)
        .route("/healthz", get(healthz))
        .fallback(crate::site::serve)
        .layer(middleware::from_fn_with_state(state.clone(), limit_body))
        .with_state(state)
}

fn json(body: String, cache: &'static str) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        body,
    )
        .into_response()
}

/// The query string's parameters (`+` and percent-escapes decoded); the last of equal names wins.
fn params(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| {
        q.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                let decode = |s: &str| {
                    percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
                };
                (decode(k), decode(v))
            })
            .collect()
    })
    .unwrap_or_default()
}

fn number(params: &[(String, String)], name: &str, default: u32, max: u32) -> Result<u32, Error> {
    match params.iter().rev().find(|(k, _)| k == name) {
        None => Ok(default),
        Some((_, v)) => match v.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(Error::BadRequest(format!("{name} must be a whole number from 1 to {max}"))),
        },
    }
}

fn text<'a>(params: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, Error> {
    match params.iter().rev().find(|(k, _)| k == name) {
        Some((_, v)) if v.len() > MAX_QUERY_BYTES => {
            Err(Error::BadRequest(format!("{name} is longer than {MAX_QUERY_BYTES} bytes")))
        }
        Some((_, v)) if !v.trim().is_empty() => Ok(Some(v.as_str())),
        _ => Ok(None),
    }
}

/// `GET /api/articles?page=N&per_page=M[&tag=T][&q=text]`
async fn list(State(state): State<Shared>, RawQuery(raw): RawQuery) -> Result<Response, Error> {
    let params = params(raw.as_deref());
    let page = number(&params, "page", 1, MAX_PAGE)?;
    let per_page = number(&params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    let tag = text(&params, "tag")?;
    let q = text(&params, "q")?;
    let section = tag.map(slugify);
    let offset = i64::from(page - 1) * i64::from(per_page);
    let limit = i64::from(per_page) + 1;
    let mut rows = match q {
        Some(q) => crate::search::search(&state.db, q, section.as_deref(), offset, limit).await?,
        None => state.db.list(section.as_deref(), offset, limit).await?,
    };
    let more = rows.len() > per_page as usize;
    rows.truncate(per_page as usize);
    let items = rows
        .iter()
        .map(|r| with_views(&r.item, r.views))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Source(format!("stored item: {e}")))?;
    // Relative to this URL (`/api/articles?…`), so it holds behind any path prefix.
    let next_url = more.then(|| articles_url("", page + 1, per_page, tag, q).trim_start_matches('/').to_string());
    let site = state.db.site().await?;
    Ok(json(page_json(&site, items, next_url).to_string(), "no-cache"))
}

fn article_key(path: Result<Path<String>, PathRejection>) -> Result<String, Error> {
    let Path(key) = path.map_err(|e| Error::BadRequest(format!("article key: {e}")))?;
    if key.is_empty() || key.len() > MAX_ARTICLE_KEY_BYTES {
        return Err(Error::BadRequest(format!("an article key has 1 to {MAX_ARTICLE_KEY_BYTES} bytes")));
    }
    Ok(key)
}

/// `GET /api/articles/{key}`
async fn article(State(state): State<Shared>, path: Result<Path<String>, PathRejection>) -> Result<Response, Error> {
    let key = article_key(path)?;
    let row = state.db.article(&key).await?.ok_or(Error::NotFound)?;
    let item = with_views(&row.item, row.views).map_err(|e| Error::Source(format!("stored item: {e}")))?;
    Ok(json(item.to_string(), "no-cache"))
}

/// `GET /api/stats`
async fn stats(State(state): State<Shared>) -> Result<Response, Error> {
    let stats = state.db.stats(crate::time::now()).await?;
    Ok(json(stats_json(&stats).to_string(), "no-store"))
}

/// The `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header): one, 1 to
/// [`MAX_IDEMPOTENCY_KEY_BYTES`] visible ASCII characters, bare or as a quoted sf-string.
pub fn idempotency_key(headers: &HeaderMap) -> Result<String, Error> {
    let mut values = headers.get_all("idempotency-key").iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(Error::BadRequest("exactly one Idempotency-Key header is required".into()));
    };
    let raw = value.as_bytes();
    let raw = match raw {
        [b'"', inner @ .., b'"'] => inner,
        other => other,
    };
    if raw.is_empty() || raw.len() > MAX_IDEMPOTENCY_KEY_BYTES {
        return Err(Error::BadRequest(format!(
            "Idempotency-Key must have 1 to {MAX_IDEMPOTENCY_KEY_BYTES} characters"
        )));
    }
    if !raw.iter().all(|b| (0x21..=0x7e).contains(b) && *b != b'"' && *b != b'\\') {
        return Err(Error::BadRequest("Idempotency-Key must be visible ASCII characters".into()));
    }
    Ok(String::from_utf8_lossy(raw).into_owned())
}

/// Who asks, checked against the rate limit; then the key and the reader's hash.
async fn counting_request(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Result<(String, String), Error> {
    let now = crate::time::now();
    let ip = client_ip(peer.ip(), headers, &state.settings.trusted_proxies);
    state.limiter.check(ip, now)?;
    let key = idempotency_key(headers)?;
    let user_agent = headers.get(header::USER_AGENT).map(HeaderValue::as_bytes).unwrap_or_default();
    let reader = state.hasher.reader(ip, user_agent, now).await?;
    Ok((key, reader))
}

/// `POST /api/stats/visits`
async fn count_visit(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let (key, reader) = counting_request(&state, peer, &headers).await?;
    let answer = state.counter.count(key, Target::Visit, reader).await?;
    Ok(json(answer.body, "no-store"))
}

/// `POST /api/articles/{key}/views`
async fn count_view(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let article = article_key(path)?;
    let (key, reader) = counting_request(&state, peer, &headers).await?;
    let answer = state.counter.count(key, Target::View(article), reader).await?;
    Ok(json(answer.body, "no-store"))
}

/// `GET /healthz`: 200 when the database answers.
async fn healthz(State(state): State<Shared>) -> Result<Response, Error> {
    state.db.article_count().await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], "ok\n").into_response())
}

/// CORS for the configured origins only; the preflight allows `Accept, Idempotency-Key`.
async fn cors(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let allowed = origin
        .as_ref()
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| state.settings.cors_origins.iter().any(|a| a == o));
    let preflight =
        request.method() == Method::OPTIONS && request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        if !allowed {
            return (StatusCode::FORBIDDEN, [(header::VARY, "Origin")]).into_response();
        }
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        if let Some(o) = origin {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        }
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Accept, Idempotency-Key"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        return r;
    }
    let mut r = next.run(request).await;
    let h = r.headers_mut();
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    if allowed {
        if let Some(o) = origin {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
            h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After"));
        }
    }
    r
}

/// Bodies above `--max-body-bytes` get 413, whether announced by Content-Length or not.
async fn limit_body(State(state): State<Shared>, request: Request, next: Next) -> Result<Response, Error> {
    let max = crate::publish::body_limit(&request, &state, state.settings.limits.max_body_bytes);
    let announced =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let (parts, body) = request.into_parts();
    if announced.is_some_and(|n| n > max as u64) {
        linger(body).await;
        return Err(Error::PayloadTooLarge);
    }
    let bytes = read_limited(body, max).await?;
    Ok(next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await)
}

/// Reads `body` whole if it holds at most `max` bytes; else 413, after [`linger`] on the rest.
async fn read_limited(mut body: axum::body::Body, max: usize) -> Result<Vec<u8>, Error> {
    use http_body_util::BodyExt;
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        // A body that breaks off is not a request to answer (the client is gone): refused like one too big.
        let frame = frame.map_err(|_| Error::PayloadTooLarge)?;
        if let Some(data) = frame.data_ref() {
            if bytes.len() + data.len() > max {
                linger(body).await;
                return Err(Error::PayloadTooLarge);
            }
            bytes.extend_from_slice(data);
        }
    }
    Ok(bytes)
}

/// Reads and drops what is left of a refused body, bounded by [`LINGER_BYTES`] and [`LINGER_TIME`] (settings.rs),
/// before the 413. A server that answers and closes while the client is still sending resets the
/// connection, and the client (a CMS's save hook) sees "broken pipe" instead of the 413 (nginx's
/// lingering close does the same). Whatever ends the reading — the end of the body, a client error,
/// either bound — the answer is the same 413, so the outcome is not needed.
async fn linger(mut body: axum::body::Body) {
    use http_body_util::BodyExt;
    let drain = async {
        let mut seen = 0usize;
        while let Some(Ok(frame)) = body.frame().await {
            seen += frame.data_ref().map_or(0, |d| d.len());
            if seen > LINGER_BYTES {
                break;
            }
        }
    };
    let _bounded = tokio::time::timeout(LINGER_TIME, drain).await;
}
