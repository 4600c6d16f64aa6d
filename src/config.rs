//! The mount element's `data-*` attributes, read once at start-up. The data source is never taken
//! from the page's own URL: a crafted link must not make the portal show someone else's feed.

use crate::model::date::{parse_offset, VIETNAM_OFFSET_MINUTES};
use web_sys::Element;

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A JSON Feed document (absolute URL).
    Feed(String),
    /// The portal's own API (absolute base URL, no trailing slash).
    Api(String),
    /// A WordPress REST root such as `https://site/wp-json` (absolute, no trailing slash).
    WordPress(String),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    App,
    Counter,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub mode: Mode,
    pub source: Source,
    /// The router's base path, "" at the site root, else like "/tin-huyen".
    pub base: String,
    pub utc_offset_minutes: i32,
}

impl Config {
    /// Reads the configuration; relative URLs resolve against `asset_base`, the URL the app's own
    /// JS/wasm was served from, so the same markup works on deep links and under a sub-path.
    pub fn from_element(el: &Element, asset_base: &str) -> Result<Config, String> {
        let attr = |name: &str| el.get_attribute(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let mode = match attr("data-news-portal").as_deref() {
            Some("app") | None => Mode::App,
            Some("counter") => Mode::Counter,
            Some(other) => return Err(format!("chế độ hiển thị không hỗ trợ: \"{other}\"")),
        };
        let resolve = |raw: String| -> Result<String, String> {
            let url = web_sys::Url::new_with_base(&raw, asset_base)
                .map_err(|_| format!("địa chỉ nguồn dữ liệu không hợp lệ: \"{raw}\""))?;
            match url.protocol().as_str() {
                "http:" | "https:" => Ok(url.href().trim_end_matches('/').to_string()),
                _ => Err(format!("nguồn dữ liệu phải là http(s): \"{raw}\"")),
            }
        };
        let source = if let Some(api) = attr("data-api") {
            Source::Api(resolve(api)?)
        } else if let Some(wp) = attr("data-wordpress") {
            Source::WordPress(resolve(wp)?)
        } else if let Some(feed) = attr("data-feed") {
            Source::Feed(resolve(feed)?)
        } else {
            return Err("chưa cấu hình nguồn dữ liệu (data-feed, data-api hoặc data-wordpress)".into());
        };
        let base = attr("data-base")
            .map(|b| format!("/{}", b.trim_matches('/')))
            .filter(|b| b != "/")
            .unwrap_or_default();
        let utc_offset_minutes = match attr("data-utc-offset") {
            Some(o) => parse_offset(&o).ok_or_else(|| format!("múi giờ không hợp lệ: \"{o}\""))?,
            None => VIETNAM_OFFSET_MINUTES,
        };
        Ok(Config { mode, source, base, utc_offset_minutes })
    }
}
