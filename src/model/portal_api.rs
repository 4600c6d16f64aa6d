//! The portal's own API contract (README, "Portal API"): URLs and the small JSON bodies that are
//! not JSON Feed documents.

use crate::model::de::{from_json, replace_lone_surrogates, Count, Obj};
pub use crate::model::url::encode_component;
use crate::model::FeedError;
use serde::Deserialize;

pub const DEFAULT_PER_PAGE: u32 = 10;

/// `{api}/articles?page=N&per_page=M[&tag=T][&q=text]`
pub fn articles_url(api: &str, page: u32, per_page: u32, tag: Option<&str>, q: Option<&str>) -> String {
    let mut url = format!("{}/articles?page={page}&per_page={per_page}", api.trim_end_matches('/'));
    if let Some(t) = tag.filter(|t| !t.is_empty()) {
        url.push_str("&tag=");
        url.push_str(&encode_component(t));
    }
    if let Some(q) = q.filter(|q| !q.is_empty()) {
        url.push_str("&q=");
        url.push_str(&encode_component(q));
    }
    url
}

/// `{api}/articles/{key}` — `key` is the reader's URL segment.
pub fn article_url(api: &str, key: &str) -> String {
    format!("{}/articles/{}", api.trim_end_matches('/'), encode_component(key))
}

pub fn stats_url(api: &str) -> String {
    format!("{}/stats", api.trim_end_matches('/'))
}

pub fn visits_url(api: &str) -> String {
    format!("{}/stats/visits", api.trim_end_matches('/'))
}

pub fn views_url(api: &str, key: &str) -> String {
    format!("{}/views", article_url(api, key))
}

/// `{"views": 132}` from `POST {api}/articles/{key}/views`.
pub fn parse_views(text: &str) -> Result<u64, FeedError> {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Views {
        views: Count,
    }
    from_json::<Obj<Views>>(&replace_lone_surrogates(text))
        .ok()
        .and_then(|o| o.0)
        .and_then(|v| v.views.0)
        .ok_or_else(|| FeedError::NotAFeed("thiếu số lượt xem".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_contract() {
        assert_eq!(
            articles_url("https://api.vn/v1/", 2, 10, None, None),
            "https://api.vn/v1/articles?page=2&per_page=10"
        );
        assert_eq!(
            articles_url("/api", 1, 5, Some("Dân vận"), Some("a&b")),
            "/api/articles?page=1&per_page=5&tag=D%C3%A2n%20v%E1%BA%ADn&q=a%26b"
        );
        assert_eq!(article_url("/api", "a/b?c"), "/api/articles/a%2Fb%3Fc");
        assert_eq!(views_url("/api/", "x"), "/api/articles/x/views");
        assert_eq!(visits_url("/api"), "/api/stats/visits");
        assert_eq!(stats_url("/api"), "/api/stats");
    }

    #[test]
    fn views_body() {
        let v = parse_views;
        assert_eq!(v(r#"{"views": 132}"#), Ok(132));
        assert_eq!(v(r#"{"views": "132"}"#), Ok(132));
        assert!(v(r#"{"view": 1}"#).is_err());
        assert!(v("[]").is_err());
        assert!(v("\"x\"").is_err());
        assert_eq!(v(r#"{"views": 1, "views": "1.790"}"#), Ok(1790), "the last of equal keys, as JSON.parse");
    }
}
