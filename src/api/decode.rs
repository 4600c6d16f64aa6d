//! JSON bodies into the model: one of the model's readers, and why a body could not be read,
//! told apart by kind ([`Undecodable`]) so an adapter words its own sources' failures without
//! looking at the text of a message.

use crate::api::ApiError;

/// Why a body is not what the reader expects.
#[derive(Clone, Debug, PartialEq)]
pub enum Undecodable {
    /// Not JSON at all: an HTML page (a server's error page, a login wall).
    Html,
    /// Nothing, or only white space.
    Empty,
    /// Something else that is not JSON, often a body cut short.
    NotJson,
    /// JSON, but not of the shape the reader expects; the reader's reason.
    Shape(String),
}

impl From<Undecodable> for ApiError {
    fn from(e: Undecodable) -> ApiError {
        ApiError::Decode(match e {
            Undecodable::Html => "máy chủ trả về một trang HTML thay vì JSON".into(),
            Undecodable::Empty => "phản hồi rỗng".into(),
            Undecodable::NotJson => "không phải JSON hợp lệ (có thể bị cắt ngắn)".into(),
            Undecodable::Shape(why) => why,
        })
    }
}

/// Decodes a JSON body with one of the model's readers, telling broken JSON (not JSON, HTML
/// error page, truncated) apart from JSON of the wrong shape. Strips a UTF-8 BOM first.
///
/// The readers use serde_json inside the wasm: faster on large feeds than `JSON.parse` plus a
/// crossing of the JS boundary per value (serde-wasm-bindgen).
pub fn decode<T>(body: &[u8], read: impl FnOnce(&str) -> Result<T, crate::model::FeedError>) -> Result<T, Undecodable> {
    // Bytes that are not UTF-8 are replaced as `Response::text()` replaces them; a valid body is
    // borrowed, not copied.
    let text = String::from_utf8_lossy(body);
    let text = crate::model::feed::strip_bom(&text);
    read(text).map_err(|shape| {
        // Only on failure: is it JSON at all?
        let text = crate::model::de::replace_lone_surrogates(text);
        match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
            Ok(_) => Undecodable::Shape(shape.to_string()),
            Err(_) => not_json(&text),
        }
    })
}

fn not_json(text: &str) -> Undecodable {
    let start = text.trim_start();
    if start.starts_with('<') {
        Undecodable::Html
    } else if start.is_empty() {
        Undecodable::Empty
    } else {
        Undecodable::NotJson
    }
}
