//! The one interface of every data source: views ask a [`Source`] for lists, an article, related
//! news and the counter, and never tell the kinds apart themselves. A new kind of source is one
//! adapter module and one arm in each method here.

use crate::api::http::Abort;
use crate::api::{api_lists, json_feed, portal_api, wordpress, ApiError};
use crate::model::paging::{PageChain, Pushed};
use crate::model::{related::related, Article, Feed};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::future::{Future, IntoFuture};
use std::rc::Rc;
use std::sync::Arc;

/// Where the articles come from (`data-feed`, `data-api`, `data-wordpress`).
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A JSON Feed document (absolute URL).
    Feed(String),
    /// The portal's own API (absolute base URL, no trailing slash).
    Api(String),
    /// A WordPress REST root such as `https://site/wp-json` (absolute, no trailing slash).
    WordPress(String),
}

pub type FeedResult = Result<Arc<Feed>, ApiError>;

impl Source {
    /// The source's own address: relative URLs inside what it serves resolve against it.
    pub fn url(&self) -> &str {
        match self {
            Source::Feed(u) | Source::Api(u) | Source::WordPress(u) => u,
        }
    }

    /// The first page of the news list (the whole feed when it is not paged).
    pub async fn first_page(&self, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
        let page = match self {
            Source::Feed(url) => json_feed::load(url, offset, cancel).await,
            Source::Api(api) => portal_api::list(api, 1, None, None, offset, cancel).await,
            Source::WordPress(root) => wordpress::list(root, 1, offset, cancel).await,
        };
        // With the feed's Resource Timing entry, this splits "download" from "parse into the model"
        // in scripts/bench.sh (a User Timing mark costs nothing when nobody reads it).
        crate::platform::mark("np-first-page-parsed");
        page
    }

    /// A further page, by the `next_url` the previous page gave.
    pub async fn next_page(&self, next_url: &str, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
        match self {
            Source::WordPress(root) => wordpress::list(root, wordpress::page_of(next_url), offset, cancel).await,
            Source::Feed(_) | Source::Api(_) => json_feed::load(next_url, offset, cancel).await,
        }
    }

    /// The article whose address is `/tin-tuc/{slug}`. The API and WordPress answer one item by its
    /// slug, without waiting for any list; a feed's article is looked up in the pages of the news
    /// list (`list`: its first page), following `next_url` as far as the list would.
    pub async fn article(
        &self,
        slug: &str,
        offset: i32,
        list: impl IntoFuture<Output = FeedResult>,
        cancel: Option<&Abort>,
    ) -> Result<Article, ApiError> {
        match self {
            Source::Api(api) => portal_api::article(api, slug, offset, cancel).await,
            Source::WordPress(root) => wordpress::article(root, slug, offset, cancel).await,
            Source::Feed(_) => find_in_list(self, offset, &list.await?, slug, cancel).await,
        }
    }

    /// Candidates for "Tin liên quan" of `current`, at most `limit`: the API is asked for the
    /// section's list; otherwise the loaded list (`list`) is searched.
    pub async fn related(
        &self,
        current: &Article,
        limit: usize,
        offset: i32,
        list: impl IntoFuture<Output = FeedResult>,
        cancel: Option<&Abort>,
    ) -> Result<Vec<Article>, ApiError> {
        let pool = match (self, current.section()) {
            (Source::Api(api), Some(section)) => api_list_first(api, Some(section), None, offset, cancel).await?,
            _ => list.await?,
        };
        Ok(related(&pool.articles, current, limit).into_iter().cloned().collect())
    }

    /// The API that answers sections (`tag=`) and searches (`q=`) itself, page by page; `None` when
    /// the loaded list is filtered in the browser instead.
    pub fn list_api(&self) -> Option<&str> {
        match self {
            Source::Api(api) => Some(api),
            Source::Feed(_) | Source::WordPress(_) => None,
        }
    }

    /// The API that counts visits and views (live figures); `None`: nothing is counted.
    pub fn counter_api(&self) -> Option<&str> {
        self.list_api()
    }

    /// Whether the figures of the visit counter come with the list (a feed's `_portal.stats`).
    pub fn stats_in_list(&self) -> bool {
        matches!(self, Source::Feed(_))
    }
}

type FirstPage = Shared<LocalBoxFuture<'static, FeedResult>>;
/// The pages of one list, shared by its readers.
pub type SharedChain = Rc<RefCell<PageChain>>;

thread_local! {
    /// The first pages asked for so far, by source and time zone: every mount point of the page
    /// that reads the same source shares one request and one parsed feed.
    static FIRST_PAGES: RefCell<Vec<((Source, i32), FirstPage)>> = const { RefCell::new(Vec::new()) };
    /// The pages of the news list read so far, by source and time zone, for the first page they
    /// start from (a first page loaded again starts a new chain).
    static CHAINS: RefCell<Vec<((Source, i32), SharedChain)>> = const { RefCell::new(Vec::new()) };
}

/// [`Source::first_page`], once per page for all the mount points that read `source`: a later
/// caller waits for the request in flight or takes the page already loaded. A failure is not
/// kept, so "Thử lại" asks the source again.
pub fn first_page_shared(source: &Source, offset: i32) -> impl Future<Output = FeedResult> {
    let key = (source.clone(), offset);
    let shared = FIRST_PAGES.with(|pages| {
        let mut pages = pages.borrow_mut();
        if let Some((_, page)) = pages.iter().find(|(k, _)| *k == key) {
            return page.clone();
        }
        let (source, offset) = key.clone();
        let page = async move { source.first_page(offset, None).await.map(Arc::new) }.boxed_local().shared();
        pages.push((key, page.clone()));
        page
    });
    async move {
        let page = shared.clone().await;
        if page.is_err() {
            FIRST_PAGES.with(|pages| pages.borrow_mut().retain(|(_, p)| !p.ptr_eq(&shared)));
        }
        page
    }
}

/// Forgets every list loaded so far (the connection came back after saved copies were shown): the
/// next reader of a first page asks its source again. A request in flight finishes for its callers.
pub fn forget_loaded() {
    FIRST_PAGES.with(|pages| pages.borrow_mut().clear());
    CHAINS.with(|chains| chains.borrow_mut().clear());
    // The API's lists too (kept by the prerender only).
    api_lists::clear();
}

/// Natively: makes `page` the first page every view of `source` reads (the prerender reads it
/// once per run and renders every page from it).
#[cfg(not(target_arch = "wasm32"))]
pub fn share_first_page(source: &Source, offset: i32, page: Arc<Feed>) {
    let key = (source.clone(), offset);
    let ready = futures::future::ready(Ok(page)).boxed_local().shared();
    FIRST_PAGES.with(|pages| {
        let mut pages = pages.borrow_mut();
        pages.retain(|(k, _)| *k != key);
        pages.push((key, ready));
    });
}

/// The pages of the news list of `source` that start with `first`: shared by every list view
/// showing that list and by the article route, so an article is found where the list found it.
pub fn list_chain(source: &Source, offset: i32, first: &Arc<Feed>) -> SharedChain {
    let key = (source.clone(), offset);
    CHAINS.with(|chains| {
        let mut chains = chains.borrow_mut();
        if let Some((_, chain)) = chains.iter().find(|(k, c)| *k == key && Arc::ptr_eq(c.borrow().first(), first)) {
            return chain.clone();
        }
        let chain = Rc::new(RefCell::new(PageChain::new(first.clone(), source.url())));
        chains.retain(|(k, _)| *k != key);
        chains.push((key, chain.clone()));
        chain
    })
}

/// The first page of a list the API answers (a section by `tag`, a search by `q`): natively, the one
/// already read for an earlier page of the same list when there is one.
pub async fn api_list_first(
    api: &str,
    tag: Option<&str>,
    q: Option<&str>,
    offset: i32,
    cancel: Option<&Abort>,
) -> FeedResult {
    let url = &crate::model::portal_api::articles_url(api, 1, crate::model::portal_api::DEFAULT_PER_PAGE, tag, q);
    if let Some(first) = api_lists::first_page(url) {
        return Ok(first);
    }
    let first = Arc::new(json_feed::load(url, offset, cancel).await?);
    api_lists::keep(url, &first);
    Ok(first)
}

/// The pages of the list whose first page is `first`: the news list's (shared with the article
/// route), natively an API list's read before, else a new chain of this list alone.
pub fn chain_of(source: &Source, offset: i32, first: &Arc<Feed>, news_list: bool) -> SharedChain {
    if news_list {
        return list_chain(source, offset, first);
    }
    if let Some(chain) = api_lists::by_first_page(first) {
        return chain;
    }
    Rc::new(RefCell::new(PageChain::new(first.clone(), source.url())))
}

/// Reads the pages after the last one of `chain` until `enough` holds for the pages read, the list
/// ends, or `max_pages` more were read ("Xem thêm", a page `/trang/N`, the prerender's sections).
pub async fn read_until(
    source: &Source,
    offset: i32,
    chain: &RefCell<PageChain>,
    max_pages: usize,
    cancel: Option<&Abort>,
    enough: impl Fn(&[Arc<Feed>]) -> bool,
) -> Result<(), ApiError> {
    for _ in 0..max_pages {
        let pages = chain.borrow().pages().len();
        if pages >= crate::model::paging::MAX_READ_PAGES || enough(chain.borrow().pages()) {
            break;
        }
        if read_next(source, offset, chain, cancel).await? == Pushed::Ended {
            break;
        }
    }
    Ok(())
}

/// Reads the page after the last one of `chain` and appends it; `Ok(false)` when there is none.
pub async fn read_next(
    source: &Source,
    offset: i32,
    chain: &RefCell<PageChain>,
    cancel: Option<&Abort>,
) -> Result<Pushed, ApiError> {
    let Some(url) = chain.borrow().next_url().map(str::to_string) else { return Ok(Pushed::Ended) };
    let page = source.next_page(&url, offset, cancel).await?;
    Ok(chain.borrow_mut().push(&url, page))
}

/// The article `slug` among the pages of the list starting with `first`, reading on (at most
/// [`crate::model::paging::MAX_LOOKUP_PAGES`] pages in all) until it turns up.
async fn find_in_list(
    source: &Source,
    offset: i32,
    first: &Arc<Feed>,
    slug: &str,
    cancel: Option<&Abort>,
) -> Result<Article, ApiError> {
    let chain = list_chain(source, offset, first);
    loop {
        if let Some(found) = chain.borrow().find(slug) {
            return Ok(found.clone());
        }
        if !chain.borrow().may_read_on() {
            // The list goes on past the pages read: the article may be older, not gone.
            return Err(match chain.borrow().next_url() {
                Some(_) => ApiError::NotInNewest(crate::model::paging::MAX_LOOKUP_PAGES),
                None => ApiError::NotFound,
            });
        }
        read_next(source, offset, &chain, cancel).await?;
    }
}
