//! Requests of the native prerender: blocking HTTP (ureq), or a local file the operator named
//! (`--feed dist/feed.json`), served under the public URL the browser would fetch it from so that
//! relative URLs inside it resolve the same way on both sides.

use super::{Fetched, Method, ACCEPT, MAX_BODY_BYTES};
use crate::api::ApiError;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::time::Duration;

/// Answers a GET for a URL in-process: the body the API would send (see [`answer_in_process`]).
pub type Answer = dyn Fn(&str) -> Result<Vec<u8>, ApiError>;

thread_local! {
    static LOCAL_FILES: RefCell<HashMap<String, std::path::PathBuf>> = RefCell::new(HashMap::new());
    static IN_PROCESS: RefCell<Option<std::rc::Rc<Answer>>> = const { RefCell::new(None) };
}

/// While the returned guard lives, every request of this thread is answered by `answer` and none
/// goes out: a server that renders its own pages (prerender/publish.rs) hands its data over
/// without a round trip through a socket, and a URL it does not answer is an error, never a fetch.
pub fn answer_in_process(answer: impl Fn(&str) -> Result<Vec<u8>, ApiError> + 'static) -> InProcess {
    let previous = IN_PROCESS.with(|a| a.borrow_mut().replace(std::rc::Rc::new(answer)));
    InProcess { previous }
}

/// Restores the previous answerer (usually none) when dropped.
pub struct InProcess {
    previous: Option<std::rc::Rc<Answer>>,
}

impl Drop for InProcess {
    fn drop(&mut self) {
        let previous = self.previous.take();
        IN_PROCESS.with(|a| *a.borrow_mut() = previous);
    }
}

/// Answers requests for `url` with the file at `path`.
pub fn serve_local_file(url: &str, path: std::path::PathBuf) {
    LOCAL_FILES.with(|f| f.borrow_mut().insert(url.to_string(), path));
}

/// Natively requests are blocking and never cancelled: nothing to abort.
#[derive(Clone, Default)]
pub struct Abort;

impl Abort {
    pub fn new() -> Self {
        Abort
    }
    pub fn abort(&self) {}
}

/// The request, blocking: no time limit on silence but one on the whole request (120 s), no
/// cancellation, no idempotency key (the prerender counts nothing), no saved copies.
pub async fn fetch_with_key(
    method: Method,
    url: &str,
    _cancel: Option<&Abort>,
    _timeout_ms: i32,
    _idempotency_key: Option<&str>,
) -> Result<Fetched, ApiError> {
    fetch(method, url)
}

fn fetch(method: Method, url: &str) -> Result<Fetched, ApiError> {
    if let Some(answer) = IN_PROCESS.with(|a| a.borrow().clone()) {
        if method == Method::Post {
            return Err(ApiError::Network(format!("{url}: nothing is counted in-process")));
        }
        let body = answer(url)?;
        if body.len() > MAX_BODY_BYTES {
            return Err(ApiError::TooLarge(MAX_BODY_BYTES));
        }
        return Ok(Fetched { body, total_pages: None, url: url.to_string(), saved_at: None });
    }
    if let Some(path) = LOCAL_FILES.with(|f| f.borrow().get(url).cloned()) {
        let body = std::fs::read(&path).map_err(|e| ApiError::Network(format!("{}: {e}", path.display())))?;
        return Ok(Fetched { body, total_pages: None, url: url.to_string(), saved_at: None });
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
    Ok(Fetched { body, total_pages, url: url.to_string(), saved_at: None })
}
