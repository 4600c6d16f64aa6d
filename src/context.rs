//! The context every view of one mount point shares: its configuration, the feed (loaded once),
//! the visit counter's figures and the links and navigation they build. The composition root
//! (`app`, the widgets) provides it; views read it with [`use_mount_context`]. It sits below every view
//! and imports none, so no view depends on the module that composes the app.

use crate::api::live_stats;
use crate::api::source::{self, FeedResult};
use crate::config::{Config, Mode};
use crate::dom::head;
use crate::load::Load;
use crate::model::Figures;
use crate::routing::location::Location;
use crate::routing::table::{href_of_path, Route};
use leptos::prelude::*;
use std::sync::Arc;

pub const DEFAULT_SITE_NAME: &str = "Ủy ban nhân dân huyện Minh Long";

/// Shared by every view of one mount point: its configuration and the feed, loaded once.
#[derive(Clone)]
pub struct MountContext {
    pub config: Arc<Config>,
    /// The first page of the news list (in feed mode, the whole feed).
    pub feed: Load<FeedResult>,
    /// Figures from the portal API's counter, shared by every mount point of the page (one
    /// request, one count); unused in feed and WordPress modes.
    pub live: ArcRwSignal<Figures>,
    /// The address the app's router keeps (see `navigate`); `None` in widgets.
    address: StoredValue<Option<ArcRwSignal<Location>>>,
}

impl MountContext {
    pub fn new(config: Config) -> MountContext {
        // Page-wide: the mount points of one page read the same sources.
        if let Some(ms) = config.timeout_ms {
            crate::api::http::set_data_timeout_ms(ms);
        }
        let config = Arc::new(config);
        let cfg = config.clone();
        let feed = Load::new(move || source::first_page_shared(&cfg.source, cfg.utc_offset_minutes));
        // The app's own: widgets add no window listener to a host page.
        if config.mode == Mode::App {
            crate::api::refresh::refresh_when_online();
        }
        let live = match config.counter_api() {
            Some(api) => live_stats::shared(api),
            None => ArcRwSignal::new(Figures::Loading),
        };
        MountContext { config, feed, live, address: StoredValue::new(None) }
    }

    /// What the visit counter shows.
    pub fn stats(&self) -> Figures {
        if self.config.counter_api().is_some() {
            return self.live.get();
        }
        if self.config.source.stats_in_list() {
            return match self.feed.get() {
                None => Figures::Loading,
                Some(Err(_)) => Figures::Unknown,
                // The feed's figures are as old as the feed: a saved copy's are saved figures.
                Some(Ok(feed)) => match crate::api::freshness::saved_at() {
                    Some(at) => Figures::Saved { stats: feed.stats.clone(), at },
                    None => Figures::Live(feed.stats.clone()),
                },
            };
        }
        Figures::Unknown
    }

    /// The feed's URL: relative URLs inside the feed resolve against it (JSON Feed spec).
    pub fn source_url(&self) -> &str {
        self.config.source.url()
    }

    /// Absolute form of a URL found in the feed.
    pub fn resolve(&self, url: &str) -> String {
        crate::platform::resolve_url(url, self.source_url()).unwrap_or_else(|| url.to_string())
    }

    /// A URL of the site's own files (a same-origin feed's images) as the prerendered page names
    /// it: on the origin of the site URL the page was written for ([`Config::site_url`]), not on
    /// the origin that happens to serve it, so `og:image` and the JSON-LD keep their values after
    /// the takeover. Other URLs, and pages without a site URL, are unchanged.
    pub fn public_url(&self, url: String) -> String {
        let (Some(site), Some(origin)) = (self.config.site_url.as_deref(), crate::platform::page_origin()) else {
            return url;
        };
        let site_origin =
            site.find("://").and_then(|s| site[s + 3..].find('/').map(|p| &site[..s + 3 + p])).unwrap_or(site);
        match url.strip_prefix(origin.as_str()) {
            Some(rest) if rest.starts_with('/') => format!("{site_origin}{rest}"),
            _ => url,
        }
    }

    /// The site's own image (the feed's icon), absolute, for pages that have none of their own.
    pub fn site_image(&self) -> Option<String> {
        let feed = self.feed.get_untracked()?.ok()?;
        let icon = feed.icon.as_deref().or(feed.favicon.as_deref())?;
        Some(self.public_url(self.resolve(icon))).filter(|i| i.starts_with("https://") || i.starts_with("http://"))
    }

    /// Puts `meta` in `<head>` for as long as the calling view lives; app mode only (widgets
    /// leave the host's head alone). Written again when the feed arrives after the page showed
    /// (search, not found, an article read alone from the API): its site name and image are the
    /// ones the prerendered twin of the page carries.
    pub fn set_head(&self, meta: impl Fn() -> head::PageMeta + 'static) {
        if !self.owns_page() {
            return;
        }
        // Now, not in the effect: the prerender (which runs no effects) collects these.
        let token = StoredValue::new(head::set(&meta()));
        let feed = self.feed;
        Effect::new(move |shown: Option<()>| {
            let _arrived = feed.get().is_some();
            if shown.is_some() {
                token.set_value(head::set(&meta()));
            }
        });
        on_cleanup(move || head::clear(token.get_value()));
    }

    /// The head tags of a page that is not an article: home, a section, search, not found.
    pub fn page_meta(&self, title: &str, description: Option<String>) -> head::PageMeta {
        head::PageMeta {
            title: title.to_string(),
            description,
            url: self.canonical_address(),
            kind: "website",
            image: self.site_image(),
            site_name: self.site_name(),
            published: None,
            json_ld: None,
        }
    }

    /// The canonical address of the page on screen (`platform::canonical_address`).
    pub fn canonical_address(&self) -> String {
        crate::platform::canonical_address(self.config.site_url.as_deref(), &self.config.base)
    }

    /// Only `app` mode owns the page: sets `document.title` and `<head>`, announces pages, moves
    /// focus, reads and writes the URL. Widget modes must leave the host's document alone.
    pub fn owns_page(&self) -> bool {
        self.config.mode == Mode::App
    }

    /// The link to an in-app path such as "/", "/tin-tuc/x" or "/tim-kiem?q=…": under the base path
    /// (`/tin-huyen/tin-tuc/x`), or in the fragment with hash routing (`#/tin-tuc/x`). Every in-app
    /// link is built here.
    pub fn href(&self, path: &str) -> String {
        href_of_path(path, &self.config.base, self.config.routing)
    }

    /// The link to a page of the route table.
    pub fn link(&self, route: &Route) -> String {
        route.href(&self.config.base, self.config.routing)
    }

    /// The link to an article: in-app, or in widget modes per `data-href` (README, "Embedding").
    pub fn article_href(&self, slug: &str) -> String {
        article_href(&self.config, slug)
    }

    pub fn home_href(&self) -> String {
        self.link(&Route::home())
    }

    /// The page of a section (`/chuyen-muc/{slug}`).
    pub fn category_href(&self, slug: &str) -> String {
        self.link(&Route::category(slug))
    }

    /// The results of a search (`/tim-kiem?q=…`; the bare search page for an empty query).
    pub fn search_href(&self, q: &str) -> String {
        self.link(&Route::search(q))
    }

    /// Goes to an in-app path (e.g. a search: "/tim-kiem?q=…") in either routing mode; without
    /// the app's router (widgets), by loading the page.
    pub fn navigate(&self, path: &str) {
        crate::routing::go(self.config.routing, self.address.get_value(), &self.href(path));
    }

    /// The app's address, which [`MountContext::navigate`] moves (the app sets it once its router has
    /// started; widgets have none).
    pub fn follow_router(&self, address: ArcRwSignal<Location>) {
        self.address.set_value(Some(address));
    }

    pub fn site_name(&self) -> String {
        self.feed
            .get_untracked()
            .and_then(|r| r.ok())
            .and_then(|f| f.site.agency.clone().or_else(|| f.title.clone()))
            .unwrap_or_else(|| DEFAULT_SITE_NAME.to_string())
    }
}

pub fn use_mount_context() -> MountContext {
    expect_context::<MountContext>()
}

/// The link to an article of a mount point configured by `config`: in-app (under `data-base`, or in
/// the fragment with `data-routing="hash"`), or in widget modes per `data-href` (README, "Embedding").
/// [`MountContext::article_href`]; also what the widget script's test vectors are made of.
pub fn article_href(config: &Config, slug: &str) -> String {
    match &config.href {
        Some(template) if config.mode != Mode::App => {
            crate::routing::fill_href(template, &crate::routing::encode_segment(slug))
        }
        _ => Route::article(slug).href(&config.base, config.routing),
    }
}
