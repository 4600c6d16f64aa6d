//! One entry point per kind of list read, whatever the configured source. (One article is read
//! by `routes::article::load`: from the API or WordPress, or from the loaded feed.)

use crate::api::http::Abort;
use crate::api::{json_feed, portal, wordpress, ApiError};
use crate::config::Source;
use crate::model::Feed;
use std::cell::RefCell;
use std::future::Future;
#[cfg(target_arch = "wasm32")]
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::Waker;
#[cfg(target_arch = "wasm32")]
use std::task::{Context, Poll};

/// The first page of the news list (the whole feed in feed mode).
pub async fn first_page(source: &Source, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    let page = match source {
        Source::Feed(url) => json_feed::load(url, offset, cancel).await,
        Source::Api(api) => portal::list(api, 1, None, None, offset, cancel).await,
        Source::WordPress(root) => wordpress::list(root, 1, offset, cancel).await,
    };
    // With the feed's Resource Timing entry, this splits "download" from "parse into the model"
    // in scripts/bench.sh (a User Timing mark costs nothing when nobody reads it).
    #[cfg(target_arch = "wasm32")]
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("np-first-page-parsed");
    }
    page
}

/// A further page, by the `next_url` the previous page gave.
pub async fn next_page(source: &Source, next_url: &str, offset: i32, cancel: Option<&Abort>) -> Result<Feed, ApiError> {
    match source {
        Source::WordPress(root) => wordpress::list(root, wordpress::page_of(next_url), offset, cancel).await,
        Source::Feed(_) | Source::Api(_) => json_feed::load(next_url, offset, cancel).await,
    }
}

type Shared = Rc<RefCell<Slot>>;

#[derive(Default)]
struct Slot {
    page: Option<Result<Arc<Feed>, ApiError>>,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    waiting: Vec<Waker>,
}

thread_local! {
    /// The first pages asked for so far, by source and time zone: every mount point of the page
    /// that reads the same source shares one request and one parsed feed.
    static FIRST_PAGES: RefCell<Vec<((Source, i32), Shared)>> = const { RefCell::new(Vec::new()) };
}

/// [`first_page`], once per page for all the mount points that read `source`: a later caller
/// waits for the request in flight or takes the page already loaded. A failure is not kept, so
/// "Thử lại" asks the source again.
/// Natively: makes `page` the first page every view of `source` reads (the prerender reads it
/// once per run and renders every page from it).
#[cfg(not(target_arch = "wasm32"))]
pub fn share_first_page(source: &Source, offset: i32, page: Arc<Feed>) {
    let slot = Shared::default();
    slot.borrow_mut().page = Some(Ok(page));
    FIRST_PAGES.with(|pages| {
        let mut pages = pages.borrow_mut();
        pages.retain(|(k, _)| *k != (source.clone(), offset));
        pages.push(((source.clone(), offset), slot));
    });
}

#[cfg(not(target_arch = "wasm32"))]
pub fn first_page_shared(source: &Source, offset: i32) -> impl Future<Output = Result<Arc<Feed>, ApiError>> {
    // The prerender renders every page from one read of the first page; requests are blocking,
    // so the read has ended when the future is first polled.
    let key = (source.clone(), offset);
    async move {
        if let Some(Some(page)) = FIRST_PAGES
            .with(|pages| pages.borrow().iter().find(|(k, _)| *k == key).map(|(_, s)| s.borrow().page.clone()))
        {
            return page;
        }
        let page = first_page(&key.0, key.1, None).await.map(Arc::new);
        let slot = Shared::default();
        slot.borrow_mut().page = Some(page.clone());
        FIRST_PAGES.with(|pages| pages.borrow_mut().push((key, slot)));
        page
    }
}

#[cfg(target_arch = "wasm32")]
pub fn first_page_shared(source: &Source, offset: i32) -> impl Future<Output = Result<Arc<Feed>, ApiError>> {
    let key = (source.clone(), offset);
    let (slot, start) = FIRST_PAGES.with(|pages| {
        let mut pages = pages.borrow_mut();
        match pages.iter().find(|(k, _)| *k == key) {
            Some((_, slot)) => (slot.clone(), false),
            None => {
                let slot = Shared::default();
                pages.push((key.clone(), slot.clone()));
                (slot, true)
            }
        }
    });
    if start {
        let slot = slot.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (source, offset) = key;
            let page = first_page(&source, offset, None).await.map(Arc::new);
            if page.is_err() {
                FIRST_PAGES.with(|pages| pages.borrow_mut().retain(|(_, s)| !Rc::ptr_eq(s, &slot)));
            }
            let waiting = {
                let mut slot = slot.borrow_mut();
                slot.page = Some(page);
                std::mem::take(&mut slot.waiting)
            };
            waiting.into_iter().for_each(Waker::wake);
        });
    }
    FirstPage(slot)
}

#[cfg(target_arch = "wasm32")]
struct FirstPage(Shared);

#[cfg(target_arch = "wasm32")]
impl Future for FirstPage {
    type Output = Result<Arc<Feed>, ApiError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.0.borrow_mut();
        match &slot.page {
            Some(page) => Poll::Ready(page.clone()),
            None => {
                slot.waiting.push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
