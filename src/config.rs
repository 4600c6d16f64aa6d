//! The mount element's `data-*` attributes, read once at start-up. The data source is never taken
//! from the page's own URL: a crafted link must not make the portal show someone else's feed.
//! Every attribute is documented in README.md, "Embedding".

use crate::api::source::Source;
use crate::model::date::{parse_offset, VIETNAM_OFFSET_MINUTES};
use crate::routing::Routing;
use web_sys::Element;

/// What one mount point shows (`data-news-portal="…"`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// The whole portal with its router; the only mode that owns the page (title, focus, URL).
    App,
    /// The visit counter alone.
    Counter,
    /// A compact list of the latest news linking to the app's article pages.
    Latest,
    /// One article, by `data-slug`.
    Article,
}

impl Mode {
    /// The mode a mount element asks for: `app` when `data-news-portal` is empty.
    pub fn of(el: &Element) -> Result<Mode, String> {
        match el.get_attribute("data-news-portal").as_deref().map(str::trim) {
            Some("app" | "") | None => Ok(Mode::App),
            Some("counter") => Ok(Mode::Counter),
            Some("latest") => Ok(Mode::Latest),
            Some("article") => Ok(Mode::Article),
            Some(other) => Err(format!("chế độ hiển thị không hỗ trợ: \"{other}\"")),
        }
    }
}

pub const DEFAULT_LANG: &str = "vi";
pub const DEFAULT_LATEST_LIMIT: usize = 5;
pub const MAX_LATEST_LIMIT: usize = 50;
const MAX_TIMEOUT_S: i32 = 120;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub mode: Mode,
    pub source: Source,
    /// The router's base path, "" at the site root, else like "/tin-huyen".
    pub base: String,
    pub utc_offset_minutes: i32,
    pub routing: Routing,
    /// The content's language, set as `lang` on the mount element.
    pub lang: String,
    /// Widget modes: where article links point (`data-href`, see `MountContext::article_href`).
    pub href: Option<String>,
    /// `latest` mode: how many items.
    pub limit: usize,
    /// `article` mode: the article to show.
    pub slug: Option<String>,
    /// `data-timeout`: seconds without a byte after which a data request fails (default 15).
    pub timeout_ms: Option<i32>,
    /// `data-counter-api`: a portal API that counts visits and views while the articles come from
    /// another source (a feed, WordPress).
    pub counter_api: Option<String>,
    /// The site URL a prerendered page was written for ([`SITE_ATTR`]): the origin of the
    /// page's canonical addresses. `None`: the page's own origin.
    pub site_url: Option<String>,
}

impl Config {
    /// The whole app on `source`, every other setting at its default.
    pub fn new(source: Source) -> Config {
        Config {
            mode: Mode::App,
            source,
            base: String::new(),
            utc_offset_minutes: VIETNAM_OFFSET_MINUTES,
            routing: Routing::History,
            lang: DEFAULT_LANG.to_string(),
            href: None,
            limit: DEFAULT_LATEST_LIMIT,
            slug: None,
            timeout_ms: None,
            counter_api: None,
            site_url: None,
        }
    }

    /// The API that counts visits and views and gives the live figures: `data-counter-api`, else
    /// the source's own API; `None`: nothing is counted.
    pub fn counter_api(&self) -> Option<&str> {
        self.counter_api.as_deref().or(self.source.counter_api())
    }

    /// Reads the configuration; relative URLs resolve against `asset_base`, the URL the app's own
    /// JS/wasm was served from, so the same markup works on deep links and under a sub-path.
    pub fn from_element(el: &Element, asset_base: &str) -> Result<Config, String> {
        let attr = |name: &str| el.get_attribute(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let mode = Mode::of(el)?;
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
        let base = match attr("data-base") {
            Some(b) => crate::routing::table::normalize_base(&b)?,
            None => String::new(),
        };
        let utc_offset_minutes = match attr("data-utc-offset") {
            Some(o) => parse_offset(&o).ok_or_else(|| format!("múi giờ không hợp lệ: \"{o}\""))?,
            None => VIETNAM_OFFSET_MINUTES,
        };
        let routing = match attr("data-routing").as_deref() {
            None | Some("history") | Some("path") => Routing::History,
            Some("hash") => Routing::Hash,
            Some(other) => return Err(format!("kiểu định tuyến không hỗ trợ: \"{other}\" (history hoặc hash)")),
        };
        let lang = match attr("data-lang") {
            None => DEFAULT_LANG.to_string(),
            Some(l) if is_language_tag(&l) => l,
            Some(l) => return Err(format!("mã ngôn ngữ không hợp lệ: \"{l}\"")),
        };
        let limit = match attr("data-limit") {
            None => DEFAULT_LATEST_LIMIT,
            Some(n) => match n.parse::<usize>() {
                Ok(n) if (1..=MAX_LATEST_LIMIT).contains(&n) => n,
                _ => return Err(format!("data-limit phải là số từ 1 đến {MAX_LATEST_LIMIT}: \"{n}\"")),
            },
        };
        let timeout_ms = match attr("data-timeout") {
            None => None,
            Some(s) => match s.parse::<i32>() {
                Ok(n) if (1..=MAX_TIMEOUT_S).contains(&n) => Some(n * 1000),
                _ => return Err(format!("data-timeout phải là số giây từ 1 đến {MAX_TIMEOUT_S}: \"{s}\"")),
            },
        };
        let counter_api = attr("data-counter-api").map(resolve).transpose()?;
        let slug = attr("data-slug");
        if mode == Mode::Article && slug.is_none() {
            return Err("chế độ article cần data-slug (đường dẫn rút gọn của bài viết)".into());
        }
        Ok(Config {
            mode,
            source,
            base,
            utc_offset_minutes,
            routing,
            lang,
            href: attr("data-href"),
            limit,
            slug,
            timeout_ms,
            counter_api,
            site_url: attr(SITE_ATTR).filter(|s| is_site_url(s)),
        })
    }
}

/// Written by the prerender on the mount element of every page: the `--site-url` it was run with.
pub const SITE_ATTR: &str = "data-np-site";

/// An http(s) origin with an optional path and nothing else, as the prerender's `--site-url`.
fn is_site_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.ends_with('/') && !r.contains(['?', '#', '\\', '"', '<', ' ']))
}

/// A BCP 47-shaped tag ("vi", "en-US"): letters, digits and hyphens only, so the attribute can
/// never carry anything else.
/// Also the check of the counter-only widget script (its test vectors: `prerender --widget-vectors`).
pub fn is_language_tag(s: &str) -> bool {
    s.len() <= 35
        && s.split('-')
            .all(|part| !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric()))
}
