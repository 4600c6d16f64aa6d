//! A list of articles, `PAGE_SIZE` at a time, shared by the home, section and search pages: which
//! items and in what order is the caller's [`Order`], how one looks its [`ItemView`]. "Xem thêm"
//! shows more of what is loaded, then follows the source's `next_url`.

use crate::api::source::{self, SharedChain, Source};
use crate::api::ApiError;
use crate::components::loading::Loading;
use crate::context::use_mount_context;
use crate::load::Load;
use crate::load::RequestScope;
use crate::model::related::newest_first_as_of;
use crate::model::{Article, Feed};
use leptos::prelude::*;
use std::sync::Arc;

pub const PAGE_SIZE: usize = 10;
/// "Xem thêm" on a filtered feed reads at most this many further pages looking for more items.
const MAX_PAGES_PER_CLICK: usize = 5;

/// Which items of the loaded pages to show, in order, as (page, item) positions.
pub type Order = Arc<dyn Fn(&[Arc<Feed>]) -> Vec<(usize, usize)> + Send + Sync>;
/// The view of one item of the list, given its position in the list.
pub type ItemView = Arc<dyn Fn(&Article, usize) -> AnyView + Send + Sync>;
/// The line above the list: (items found so far, whether the source has more).
pub type CountLine = Arc<dyn Fn(usize, bool) -> String + Send + Sync>;

/// Every item of the loaded pages, newest first as of the reader's clock (future-dated after the
/// rest, undated last, in source order: `newest_first_as_of`); `keep` filters.
pub fn newest_first(pages: &[Arc<Feed>], keep: &dyn Fn(&Article) -> bool) -> Vec<(usize, usize)> {
    let refs: Vec<(usize, usize)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, f)| f.articles.iter().enumerate().filter(|(_, a)| keep(a)).map(move |(i, _)| (p, i)))
        .collect();
    newest_first_as_of(refs.iter().map(|&(p, i)| pages[p].articles[i].date()), crate::platform::now())
        .into_iter()
        .map(|k| refs[k])
        .collect()
}

/// A list the API answers: the first page of `{api}/articles` with `tag=` or `q=`, then its
/// `next_url`s. Used by the section and the search pages.
#[component]
pub fn ApiList(
    api: String,
    #[prop(optional, into)] tag: Option<String>,
    #[prop(optional, into)] q: Option<String>,
    order: Order,
    item: ItemView,
    #[prop(into)] empty: String,
    #[prop(default = None)] count_line: Option<CountLine>,
) -> impl IntoView {
    let portal = use_mount_context();
    let offset = portal.config.utc_offset_minutes;
    let requests = RequestScope::new();
    let first = Load::new(move || {
        let (api, tag, q, abort) = (api.clone(), tag.clone(), q.clone(), requests.next());
        async move { source::api_list_first(&api, tag.as_deref(), q.as_deref(), offset, Some(&abort)).await }
    });
    let retry = Callback::new(move |_| first.refetch());
    move || {
        match first.get() {
        None => view! { <Loading lines=6/> }.into_any(),
        Some(Err(error)) => view! { <ListError error retry/> }.into_any(),
        Some(Ok(page)) => view! {
            <PagedList first=page order=order.clone() item=item.clone() empty=empty.clone() count_line=count_line.clone()/>
        }
        .into_any(),
    }
    }
}

/// A list that could not be loaded, under a heading that is already on screen (so not
/// [`ErrorView`], which brings its own h1).
#[component]
pub fn ListError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    crate::platform::warn(&error.detail());
    view! {
        <div class="np-error__box" role="alert">
            <p class="np-error__message">{error.message()}</p>
            <button type="button" class="np-button np-error__retry" on:click=move |_| retry.run(())>"Thử lại"</button>
        </div>
    }
}

/// Items of a paged source, `PAGE_SIZE` at a time: "Xem thêm" shows more of what is loaded, then
/// follows the source's `next_url` (unless `follow_next` is off). After "Xem thêm", focus moves to
/// the first new entry (the button may disappear; WCAG 2.4.3).
#[component]
pub fn PagedList(
    first: Arc<Feed>,
    order: Order,
    item: ItemView,
    /// Shown instead of the list when nothing matches.
    #[prop(into)]
    empty: String,
    #[prop(default = None)] count_line: Option<CountLine>,
    #[prop(default = true)] follow_next: bool,
    /// The first entry is the lead article (home page): its item gets the `--lead` modifier.
    #[prop(default = false)]
    lead: bool,
) -> impl IntoView {
    let portal = use_mount_context();
    let requests = RequestScope::new();
    // `…/trang/N` starts N−1 pages in (the prerendered pages readers without JavaScript follow).
    let list_page = crate::routing::hooks::use_list_page();
    let skip = (list_page - 1) * PAGE_SIZE;
    let lead = lead && skip == 0;
    let (src, offset) = (portal.config.source.clone(), portal.config.utc_offset_minutes);
    // The pages read so far: the news list's own, shared with the article route (which must find
    // every article the list links to), when `first` is its first page; else this list's alone (a
    // section or a search the API answers).
    let news_list = portal.feed.get_untracked().and_then(Result::ok).is_some_and(|f| Arc::ptr_eq(&f, &first));
    let chain = source::chain_of(&src, offset, &first, news_list);
    // Enough items read for this page, and for knowing whether another follows.
    let fills_page = {
        let order = order.clone();
        move |pages: &[Arc<Feed>]| order(pages).len() > skip + PAGE_SIZE
    };
    let chain = StoredValue::new_local(chain);
    let pages = RwSignal::new(chain.with_value(|c| c.borrow().pages().to_vec()));
    let shown = RwSignal::new(PAGE_SIZE);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None);
    let refs = {
        let order = order.clone();
        Memo::new(move |_| pages.with(|p| order(p)))
    };
    // A `next_url` back to a page already read, or a page with nothing new, ends the list.
    let next_url = move || {
        if !follow_next {
            return None;
        }
        pages.track();
        chain.with_value(|c| c.borrow().next_url().map(str::to_string))
    };
    let wanted =
        move || skip > 0 && follow_next && refs.with_untracked(Vec::len) < skip + PAGE_SIZE && next_url().is_some();
    read_pages_before(
        PagesBefore { src: src.clone(), offset, chain, fills_page, pages, failed },
        (loading, requests, wanted),
    );
    let list_box = NodeRef::<leptos::html::Div>::new();
    let focus_entry = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let (Some(n), Some(el)) = (focus_entry.get(), list_box.get()) else { return };
        if n >= refs.with(Vec::len).saturating_sub(skip).min(shown.get()) {
            return;
        }
        let selector = format!(".np-list__item:nth-child({}) a", n + 1);
        if let Ok(Some(link)) = el.query_selector(&selector) {
            if let Some(link) = crate::dom::page::html_element(&link) {
                let _ = link.focus();
            }
            focus_entry.set(None);
        }
    });
    let more = move |_| {
        let first_new = shown.get_untracked();
        if skip + first_new < refs.with_untracked(Vec::len) {
            shown.update(|n| *n += PAGE_SIZE);
            focus_entry.set(Some(first_new));
            return;
        }
        if next_url().is_none() {
            return;
        }
        let src = src.clone();
        loading.set(true);
        failed.set(None);
        let abort = requests.next();
        let order = order.clone();
        leptos::task::spawn_local(async move {
            let Some(chain) = chain.try_get_value() else { return };
            // A filtered source may have nothing new on the next page: read on a little.
            let found_more = |pages: &[Arc<Feed>]| order(pages).len() > skip + first_new;
            let read = source::read_until(&src, offset, &chain, MAX_PAGES_PER_CLICK, Some(&abort), found_more).await;
            pages.set(chain.borrow().pages().to_vec());
            failed.set(read.err());
            if refs.with_untracked(Vec::len) > skip + first_new {
                shown.update(|n| *n += PAGE_SIZE);
                focus_entry.set(Some(first_new));
            }
            loading.set(false);
        });
    };
    let has_more = move || skip + shown.get() < refs.with(Vec::len) || next_url().is_some();
    // Without JavaScript (the prerendered page), "Xem thêm" is a link to the next page of the list.
    let next_list_page = crate::routing::hooks::current_route()
        .and_then(|here| here.with_list_page(list_page + 1))
        .map(|next| use_mount_context().link(&next));
    let static_more = move || next_list_page.clone().filter(|_| skip + PAGE_SIZE < refs.with(Vec::len));
    view! {
        {move || {
            let count_line = count_line.clone()?;
            let found = refs.with(Vec::len);
            (found > 0).then(|| view! { <p class="np-paged__count">{count_line(found, next_url().is_some())}</p> })
        }}
        <div node_ref=list_box>
            {move || {
                let visible: Vec<(usize, usize)> = refs.with(|r| r.iter().skip(skip).take(shown.get()).copied().collect());
                if visible.is_empty() {
                    if loading.get() {
                        return view! { <Loading lines=6/> }.into_any();
                    }
                    return view! { <p class="np-paged__empty">{empty.clone()}</p> }.into_any();
                }
                let items = pages.with(|p| {
                    visible
                        .iter()
                        .enumerate()
                        .map(|(n, &(pi, ai))| {
                            let class = if lead && n == 0 { "np-list__item np-list__item--lead" } else { "np-list__item" };
                            view! { <li class=class>{item(&p[pi].articles[ai], skip + n)}</li> }
                        })
                        .collect_view()
                });
                view! { <ul class="np-list">{items}</ul> }.into_any()
            }}
        </div>
        {move || failed.get().map(|e| view! { <p class="np-paged__error" role="alert">{e.message()}</p> })}
        {move || {
            if crate::platform::PRERENDER {
                return static_more().map(|href| view! { <a class="np-button np-paged__more" href=href>"Xem thêm"</a> }.into_any());
            }
            let more = more.clone();
            has_more().then(move || view! {
                <button type="button" class="np-button np-paged__more" on:click=more disabled=move || loading.get()>
                    {move || if loading.get() { "Đang tải…" } else { "Xem thêm" }}
                </button>
            }.into_any())
        }}
    }
}

/// What [`read_pages_before`] reads and where it puts what it read.
struct PagesBefore<F> {
    src: Source,
    offset: i32,
    chain: StoredValue<SharedChain, LocalStorage>,
    /// Enough items read for this page, and for knowing whether another follows.
    fills_page: F,
    pages: RwSignal<Vec<Arc<Feed>>>,
    failed: RwSignal<Option<ApiError>>,
}

/// What only the browser's reading uses: the loading flag, the view's requests, and whether there
/// are pages to read first.
type InBrowser<W> = (RwSignal<bool>, RequestScope, W);

/// In the browser: `/trang/N` of a list the source pages (an API section, a feed's `next_url`s):
/// the pages before it are read first, in a task, behind the loading placeholder (a prerendered
/// page is taken over after).
#[cfg(target_arch = "wasm32")]
fn read_pages_before<F, W>(read: PagesBefore<F>, (loading, requests, wanted): InBrowser<W>)
where
    F: Fn(&[Arc<Feed>]) -> bool + 'static,
    W: FnOnce() -> bool,
{
    let PagesBefore { src, offset, chain, fills_page, pages, failed } = read;
    if !wanted() {
        return;
    }
    loading.set(true);
    let abort = requests.next();
    leptos::task::spawn_local(async move {
        let Some(chain) = chain.try_get_value() else { return };
        let max = crate::model::paging::MAX_READ_PAGES;
        let read = source::read_until(&src, offset, &chain, max, Some(&abort), &fills_page).await;
        let _ = pages.try_set(chain.borrow().pages().to_vec());
        let _ = failed.try_set(read.err());
        let _ = loading.try_set(false);
    });
}

/// In the prerender (requests block): the pages this list page needs are read now, before it
/// renders; a failure shows as the list's error line.
#[cfg(not(target_arch = "wasm32"))]
fn read_pages_before<F, W>(read: PagesBefore<F>, _in_browser: InBrowser<W>)
where
    F: Fn(&[Arc<Feed>]) -> bool + 'static,
    W: FnOnce() -> bool,
{
    let PagesBefore { src, offset, chain, fills_page, pages, failed } = read;
    let chain = chain.get_value();
    let max = crate::model::paging::MAX_READ_PAGES;
    let read = futures::executor::block_on(source::read_until(&src, offset, &chain, max, None, &fills_page));
    pages.set(chain.borrow().pages().to_vec());
    failed.set(read.err());
}
