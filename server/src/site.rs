//! The built site (`dist/`), served as the README's "Server configuration" asks: `$uri`,
//! `$uri/index.html`, then `shell.html`; its cache headers; precompressed `.br`/`.gz` by
//! `Accept-Encoding`; ETag/304; the Content-Security-Policy. Paths never leave `dist/`: `.` and
//! `..` segments (also percent-encoded) are refused and every file is resolved (symlinks
//! included) and checked to lie inside `dist/`.
//!
//! HTML pages are served with their mount elements pointed at this server's `/api`, whatever
//! source `dist/` was built with, so every page counts.

use crate::api::Shared;
use crate::Error;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The README's policy ("Security"), sent with every file of the site.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/// The prerendered not-found page, answered with 404 for a deleted article's address.
const NOT_FOUND_PAGE: &str = "404.html";

/// Where the served pages read their data: this server's API.
pub const API_PATH: &str = "/api";

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("doc") => "application/msword",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        Some("woff2") => "font/woff2",
        Some("map") => "application/json",
        _ => "application/octet-stream",
    }
}

/// `*-<hash>.js|css|wasm`, `*-<hash>_bg.wasm` and `snippets/…`: never change under their name. Trunk
/// writes its 64-bit hash in hex without leading zeros: 16 digits, 15 one build in 16, and so on
/// (12 to 16 are taken: fewer is one build in 65,536).
pub fn is_hashed(rel: &str) -> bool {
    if rel.starts_with("snippets/") || rel.contains("/snippets/") {
        return true;
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    if !matches!(ext, "js" | "css" | "wasm") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// The decoded path segments, or `None` for a path that tries to leave the root.
pub fn segments(path: &str) -> Option<Vec<String>> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    let mut out = Vec::new();
    for seg in decoded.split('/') {
        if seg.is_empty() {
            continue;
        }
        if seg == "." || seg == ".." || seg.contains(['\\', '\0']) {
            return None;
        }
        out.push(seg.to_string());
    }
    Some(out)
}

/// `rel` under `root` if it is a file that, symlinks resolved, lies inside `root`.
async fn inside(root: &Path, rel: &str) -> Option<PathBuf> {
    let path = tokio::fs::canonicalize(root.join(rel)).await.ok()?;
    if !path.starts_with(root) {
        return None;
    }
    let meta = tokio::fs::metadata(&path).await.ok()?;
    meta.is_file().then_some(path)
}

fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|part| {
            let mut it = part.split(';');
            let name = it.next().unwrap_or("").trim();
            let zero = it.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            name.eq_ignore_ascii_case(coding) && !zero
        })
    })
}

fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    let bare = etag.trim_start_matches("W/");
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|t| t.trim() == "*" || t.trim().trim_start_matches("W/") == bare))
}

/// Points every mount element (`data-news-portal`) of an HTML page at `api`: its
/// `data-feed`/`data-wordpress`/`data-api`/`data-counter-api` give way to `data-api="{api}"`.
pub fn point_at_api(html: &str, api: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find("data-news-portal") {
        let Some(open) = rest[..at].rfind('<') else { break };
        let Some(close) = rest[at..].find('>').map(|c| at + c) else { break };
        out.push_str(&rest[..open]);
        let tag = &rest[open..close];
        out.push_str(&strip_source_attributes(tag));
        out.push_str(&format!(" data-api=\"{api}\""));
        rest = &rest[close..];
        // Continue after this tag's `>`.
        out.push('>');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

fn strip_source_attributes(tag: &str) -> String {
    let mut out = tag.to_string();
    for name in ["data-feed", "data-wordpress", "data-counter-api", "data-api"] {
        loop {
            let needle = format!(" {name}=\"");
            let Some(start) = out.find(&needle) else { break };
            let value_start = start + needle.len();
            let Some(end) = out[value_start..].find('"') else { break };
            out.replace_range(start..value_start + end + 1, "");
        }
    }
    out
}

fn site_headers(h: &mut HeaderMap) {
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    site_headers(r.headers_mut());
    r
}

/// The fallback route: a file of `dist/`.
pub async fn serve(State(state): State<Shared>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    }
    let Some(dist) = state.settings.dist.as_deref() else { return plain(StatusCode::NOT_FOUND, "not found\n") };
    let Some(segs) = segments(uri.path()) else { return plain(StatusCode::BAD_REQUEST, "bad path\n") };
    let rel = segs.join("/");
    let mut candidates = Vec::new();
    if !rel.is_empty() && !uri.path().ends_with('/') {
        candidates.push(rel.clone());
    }
    candidates.push(if rel.is_empty() { "index.html".to_string() } else { format!("{rel}/index.html") });
    // A path of the app (no file extension) falls back to the app's shell.
    if !segs.last().is_some_and(|s| s.contains('.')) {
        // Except an article the database does not have (deleted): the not-found page (publish.rs).
        match crate::publish::is_gone_article(&state, &segs).await {
            Ok(true) => candidates.push(NOT_FOUND_PAGE.to_string()),
            Ok(false) => candidates.push("shell.html".to_string()),
            Err(e) => return e.into_response(),
        }
    }
    for candidate in candidates {
        if let Some(path) = inside(dist, &candidate).await {
            return match file(dist, &candidate, &path, &headers).await {
                Ok(mut r) if candidate == NOT_FOUND_PAGE && r.status() == StatusCode::OK => {
                    *r.status_mut() = StatusCode::NOT_FOUND;
                    r
                }
                Ok(r) => r,
                Err(e) => e.into_response(),
            };
        }
    }
    plain(StatusCode::NOT_FOUND, "not found\n")
}

async fn file(dist: &Path, rel: &str, path: &Path, headers: &HeaderMap) -> Result<Response, Error> {
    let kind = content_type(path);
    let html = kind.starts_with("text/html");
    let cache = if is_hashed(rel) { "public, max-age=31536000, immutable" } else { "no-cache" };
    // HTML is rewritten (mount elements), so it is always sent from its own file.
    let mut chosen = (path.to_path_buf(), None);
    if !html {
        for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
            if accepts(headers, coding) {
                if let Some(variant) = inside(dist, &format!("{rel}.{ext}")).await {
                    chosen = (variant, Some(coding));
                    break;
                }
            }
        }
    }
    let (file, coding) = chosen;
    let meta = tokio::fs::metadata(&file).await?;
    let mtime = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0);
    let etag = format!(
        "\"{:x}-{:x}{}{}\"",
        meta.len(),
        mtime,
        coding.map(|c| format!("-{c}")).unwrap_or_default(),
        if html { "-api" } else { "" }
    );
    let mut response = if etag_matches(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else if html {
        let text = tokio::fs::read_to_string(&file).await?;
        point_at_api(&text, API_PATH).into_response()
    } else {
        tokio::fs::read(&file).await?.into_response()
    };
    let modified = response.status() != StatusCode::NOT_MODIFIED;
    let h = response.headers_mut();
    if modified {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    }
    if let Some(c) = coding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
    }
    if !html {
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    site_headers(h);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed("minh-long-portal-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("minh-long-portal-0123456789abcdef.js"));
        assert!(is_hashed("main-0123456789abcdef.css"));
        // A hash with a leading zero, as Trunk writes it (seen: `…-1c1df7eb170ea6d_bg.wasm`).
        assert!(is_hashed("minh-long-portal-1c1df7eb170ea6d_bg.wasm"));
        assert!(!is_hashed("minh-long-portal-1.js"));
        assert!(is_hashed("snippets/x-1/inline0.js"));
        assert!(!is_hashed("embed.js"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("index.html"));
    }

    #[test]
    fn traversal_is_refused() {
        assert_eq!(segments("/a/b/").unwrap(), vec!["a", "b"]);
        assert!(segments("/../etc/passwd").is_none());
        assert!(segments("/%2e%2e/etc/passwd").is_none());
        assert!(segments("/a/%2E%2E/%2e%2e/x").is_none());
        assert!(segments("/a%5c..%5cb").is_none());
        assert!(segments("/a%00b").is_none());
        assert!(segments("/%ff").is_none());
    }

    #[test]
    fn mount_elements_read_this_servers_api() {
        let html = r#"<p data-feed="x">x</p><div data-news-portal="app" data-feed="feed.json"><!--np-content--></div><div class="c" data-news-portal="counter" data-wordpress="https://wp/wp-json" data-counter-api="/c"></div>"#;
        assert_eq!(
            point_at_api(html, "/api"),
            r#"<p data-feed="x">x</p><div data-news-portal="app" data-api="/api"><!--np-content--></div><div class="c" data-news-portal="counter" data-api="/api"></div>"#
        );
    }
}
