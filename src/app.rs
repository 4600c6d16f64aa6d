//! The layout shell, the router and the data every route shares.

use crate::api::live_stats::{self, LiveStats};
use crate::api::{source, ApiError};
use crate::components::{site_footer::SiteFooter, visit_counter::VisitCounter};
use crate::config::{Config, Source};
use crate::dom::page::LIVE_REGION_ID;
use crate::model::{Feed, Stats};
use crate::routes::{article::ArticlePage, home::Home, not_found::NotFound};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::sync::Arc;

pub const DEFAULT_SITE_NAME: &str = "Ủy ban nhân dân huyện Minh Long";

pub type FeedResult = Result<Arc<Feed>, ApiError>;

/// Shared by every view of one mount point: its configuration and the feed, loaded once.
#[derive(Clone)]
pub struct Portal {
    pub config: Arc<Config>,
    /// The first page of the news list (in feed mode, the whole feed).
    pub feed: LocalResource<FeedResult>,
    /// Figures from the portal API's counter, shared by every mount point of the page (one
    /// request, one count); unused in feed and WordPress modes.
    pub live: ArcRwSignal<LiveStats>,
}

impl Portal {
    pub fn new(config: Config) -> Portal {
        let config = Arc::new(config);
        let cfg = config.clone();
        let feed = LocalResource::new(move || {
            let cfg = cfg.clone();
            async move { source::first_page(&cfg.source, cfg.utc_offset_minutes, None).await.map(Arc::new) }
        });
        let live = match &config.source {
            Source::Api(api) => live_stats::shared(api),
            _ => ArcRwSignal::new(LiveStats::Loading),
        };
        Portal { config, feed, live }
    }

    /// What the visit counter shows: `None` while loading, `Some(Err(last known))` when the
    /// counter cannot be reached.
    pub fn stats(&self) -> Option<Result<Stats, Option<Stats>>> {
        match &self.config.source {
            Source::Api(_) => match self.live.get() {
                LiveStats::Loading => None,
                LiveStats::Ready(s) => Some(Ok(s)),
                LiveStats::Unavailable(last) => Some(Err(last)),
            },
            Source::Feed(_) => self.feed.get().map(|r| r.map(|f| f.stats.clone()).map_err(|_| None)),
            Source::WordPress(_) => Some(Err(None)),
        }
    }

    /// The feed's URL: relative URLs inside the feed resolve against it (JSON Feed spec).
    pub fn source_url(&self) -> &str {
        match &self.config.source {
            Source::Feed(u) | Source::Api(u) | Source::WordPress(u) => u,
        }
    }

    /// Absolute form of a URL found in the feed.
    pub fn resolve(&self, url: &str) -> String {
        web_sys::Url::new_with_base(url, self.source_url()).map(|u| u.href()).unwrap_or_else(|_| url.to_string())
    }

    /// In-app link to an article, under the router's base path.
    pub fn article_href(&self, slug: &str) -> String {
        format!("{}/tin-tuc/{}", self.config.base, slug)
    }

    pub fn home_href(&self) -> String {
        format!("{}/", self.config.base)
    }

    pub fn site_name(&self) -> String {
        self.feed
            .get_untracked()
            .and_then(|r| r.ok())
            .and_then(|f| f.site.agency.clone().or_else(|| f.title.clone()))
            .unwrap_or_else(|| DEFAULT_SITE_NAME.to_string())
    }
}

pub fn use_portal() -> Portal {
    expect_context::<Portal>()
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    let base = config.base.clone();
    provide_context(Portal::new(config));
    view! {
        <Router base=base>
            <div class="np-app">
                <div class="np-layout">
                    <main id="noi-dung" class="np-main" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=Home/>
                            <Route path=path!("/tin-tuc/:slug") view=ArticlePage/>
                        </Routes>
                    </main>
                    <aside class="np-sidebar" aria-label="Thông tin bên lề">
                        <VisitCounter/>
                    </aside>
                </div>
                <SiteFooter/>
                <div id=LIVE_REGION_ID class="np-visually-hidden" aria-live="polite" aria-atomic="true"></div>
            </div>
        </Router>
    }
}

/// `data-news-portal="counter"`: the visit counter alone, for a host portal's sidebar.
#[component]
pub fn CounterOnly(config: Config) -> impl IntoView {
    provide_context(Portal::new(config));
    view! { <div class="np-app np-app--widget"><VisitCounter/></div> }
}
