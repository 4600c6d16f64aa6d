//! Requests of the native prerender: blocking HTTP (ureq), or a local file the operator named
//! (`--feed dist/feed.json`), served under the public URL the browser would fetch it from so that
//! relative URLs inside it resolve the same way on both sides.

use super::http::{Fetched, Method, MAX_BODY_BYTES};
use super::ApiError;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::time::Duration;

const ACCEPT: &str = "application/feed+json, application/json;q=0.9, */*;q=0.1";

thread_local! {
    static LOCAL_FILES: RefCell<HashMap<String, std::path::PathBuf>> = RefCell::new(HashMap::new());
}

/// Answers requests for `url` with the file at `path`.
pub fn serve_local_file(url: &str, path: std::path::PathBuf) {
    LOCAL_FILES.with(|f| f.borrow_mut().insert(url.to_string(), path));
}

pub fn fetch(method: Method, url: &str) -> Result<Fetched, ApiError> {
    if let Some(path) = LOCAL_FILES.with(|f| f.borrow().get(url).cloned()) {
        let body = std::fs::read(&path).map_err(|e| ApiError::Network(format!("{}: {e}", path.display())))?;
        return Ok(Fetched { body, total_pages: None, url: url.to_string() });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .http_status_as_error(false)
        .build()
        .into();
    let answer = match method {
        Method::Get | Method::GetLive => agent.get(url).header("Accept", ACCEPT).call(),
        Method::Post => agent.post(url).header("Accept", ACCEPT).send_empty(),
    };
    let mut answer = answer.map_err(|e| match e {
        ureq::Error::Timeout(_) => ApiError::Timeout,
        other => ApiError::Network(format!("{url}: {other}")),
    })?;
    let status = answer.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(ApiError::Http(status));
    }
    let total_pages = answer.headers().get("X-WP-TotalPages").and_then(|v| v.to_str().ok()).map(str::to_string);
    let mut body = Vec::new();
    answer
        .body_mut()
        .as_reader()
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| ApiError::Network(format!("{url}: {e}")))?;
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::TooLarge(MAX_BODY_BYTES));
    }
    Ok(Fetched { body, total_pages, url: url.to_string() })
}
