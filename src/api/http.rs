//! GET with a time limit and cancellation.

use crate::api::ApiError;
use gloo_net::http::Request;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::AbortController;

pub const DEFAULT_TIMEOUT_MS: i32 = 15_000;

/// Cancels a request from outside (a view that goes away aborts what it asked for).
#[derive(Clone)]
pub struct Abort(Option<AbortController>);

impl Abort {
    pub fn new() -> Self {
        Abort(AbortController::new().ok())
    }
    pub fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.0.as_ref().map(|c| c.signal())
    }
    pub fn abort(&self) {
        if let Some(c) = &self.0 {
            c.abort();
        }
    }
}

impl Default for Abort {
    fn default() -> Self {
        Self::new()
    }
}

/// A successful answer: the body and the pagination header WordPress sends.
pub struct Fetched {
    pub text: String,
    pub total_pages: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// Fetches `url` as text. `cancel`, when given, aborts the request from outside.
pub async fn get_text(url: &str, cancel: Option<&Abort>, timeout_ms: i32) -> Result<String, ApiError> {
    fetch(Method::Get, url, cancel, timeout_ms).await.map(|f| f.text)
}

/// One request with a time limit; a timeout is reported as [`ApiError::Timeout`].
pub async fn fetch(method: Method, url: &str, cancel: Option<&Abort>, timeout_ms: i32) -> Result<Fetched, ApiError> {
    let own = Abort::new();
    let abort = cancel.unwrap_or(&own);
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (flag, ctl) = (timed_out.clone(), abort.0.clone());
        Closure::once(move || {
            flag.set(true);
            if let Some(c) = ctl {
                c.abort();
            }
        })
    };
    let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), timeout_ms)
        .ok();
    let result = async {
        let builder = match method {
            Method::Get => Request::get(url),
            Method::Post => Request::post(url),
        };
        let resp = builder
            .abort_signal(abort.signal().as_ref())
            .header("Accept", "application/feed+json, application/json;q=0.9, */*;q=0.1")
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        if !resp.ok() {
            return Err(ApiError::Http(resp.status()));
        }
        let total_pages = resp.headers().get("X-WP-TotalPages");
        let text = resp.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
        Ok(Fetched { text, total_pages })
    }
    .await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    match result {
        Err(ApiError::Network(_)) if timed_out.get() => Err(ApiError::Timeout),
        other => other,
    }
}

/// `JSON.parse` in the browser: no JSON parser shipped in the wasm. Strips a UTF-8 BOM first.
pub fn parse_json(text: &str) -> Result<JsValue, ApiError> {
    let text = crate::model::feed::strip_bom(text);
    js_sys::JSON::parse(text).map_err(|_| {
        let start = text.trim_start();
        let why = if start.starts_with('<') {
            "máy chủ trả về một trang HTML thay vì JSON"
        } else if start.is_empty() {
            "phản hồi rỗng"
        } else {
            "không phải JSON hợp lệ (có thể bị cắt ngắn)"
        };
        ApiError::Decode(why.into())
    })
}
