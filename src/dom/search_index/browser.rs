//! The index built in the browser, in idle slices.

use crate::model::search::Index;
use crate::model::search::IndexBuilder;
use crate::model::Feed;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::Weak;

/// The longest slice in idle time (the browser offers at most 50 ms; a key press waits this long
/// at worst).
const IDLE_SLICE_MS: f64 = 8.0;
/// The longest slice while a reader waits for results: shorter than a long task (50 ms).
const WAITING_SLICE_MS: f64 = 30.0;

enum State {
    Building { builder: IndexBuilder, slices: u32, started: f64 },
    Ready(Rc<Index>),
}

thread_local! {
    static INDEX: RefCell<Option<(Weak<Feed>, State)>> = const { RefCell::new(None) };
}

/// `feed`'s index if it is complete.
pub fn ready(feed: &Arc<Feed>) -> Option<Rc<Index>> {
    INDEX.with(|slot| match slot.borrow().as_ref() {
        Some((weak, State::Ready(index))) if is(weak, feed) => Some(index.clone()),
        _ => None,
    })
}

fn is(weak: &Weak<Feed>, feed: &Arc<Feed>) -> bool {
    weak.upgrade().is_some_and(|f| Arc::ptr_eq(&f, feed))
}

/// Builds `feed`'s index in idle slices from now on (the feed the app shows: a build of an older
/// feed stops).
pub fn build_when_idle(feed: Arc<Feed>) {
    if !INDEX.with(|slot| slot.borrow().as_ref().is_some_and(|(w, _)| is(w, &feed))) {
        start(&feed);
    }
    idle::next(feed);
}

/// `feed`'s index, finishing the build in slices that leave the page responsive between them.
pub async fn when_ready(feed: Arc<Feed>) -> Rc<Index> {
    loop {
        if let Some(index) = slice(&feed, WAITING_SLICE_MS, true) {
            return index;
        }
        crate::platform::yield_now().await;
    }
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn start(feed: &Arc<Feed>) {
    let state = State::Building { builder: IndexBuilder::default(), slices: 0, started: now() };
    INDEX.with(|slot| *slot.borrow_mut() = Some((Arc::downgrade(feed), state)));
}

/// At most `ms` of work on `feed`'s index: the index once complete. `claim`: start on `feed`
/// even if another feed's build holds the slot; else a build that lost the slot stops (`None`
/// forever, which ends its idle loop through [`building`]).
fn slice(feed: &Arc<Feed>, ms: f64, claim: bool) -> Option<Rc<Index>> {
    let mine = INDEX.with(|slot| slot.borrow().as_ref().is_some_and(|(w, _)| is(w, feed)));
    if !mine {
        if !claim {
            return None;
        }
        start(feed);
    }
    INDEX.with(|slot| {
        let mut slot = slot.borrow_mut();
        let (_, state) = slot.as_mut()?;
        let State::Building { builder, slices, started } = state else {
            let State::Ready(index) = state else { return None };
            return Some(index.clone());
        };
        let deadline = now() + ms;
        *slices += 1;
        if !builder.run(&feed.articles, &mut || now() >= deadline) {
            return None;
        }
        let message = format!(
            "[news-portal] chỉ mục tìm kiếm: {} bài, {} lát, {:.0} ms từ lúc bắt đầu",
            feed.articles.len(),
            slices,
            now() - *started
        );
        web_sys::console::debug_1(&message.into());
        let index = Rc::new(std::mem::take(builder).into_index(&feed.articles));
        *state = State::Ready(index.clone());
        Some(index)
    })
}

/// Whether the slot still holds `feed`'s unfinished build.
fn building(feed: &Arc<Feed>) -> bool {
    INDEX.with(|slot| matches!(slot.borrow().as_ref(), Some((w, State::Building { .. })) if is(w, feed)))
}

mod idle {
    use super::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    /// The next idle slice, until the build is complete or another feed's took the slot.
    pub fn next(feed: Arc<Feed>) {
        if !building(&feed) {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        let run = {
            let feed = feed.clone();
            Closure::once_into_js(move |deadline: web_sys::IdleDeadline| {
                let ms = deadline.time_remaining().clamp(1.0, IDLE_SLICE_MS);
                if slice(&feed, ms, false).is_none() {
                    next(feed);
                }
            })
        };
        if window.request_idle_callback(run.unchecked_ref()).is_ok() {
            return;
        }
        // No requestIdleCallback (Safari): a slice every 50 ms, input goes first between them.
        let fallback = Closure::once_into_js(move || {
            if slice(&feed, IDLE_SLICE_MS, false).is_none() {
                next(feed);
            }
        });
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 50);
    }
}
