//! [`Load`] in the browser: loads in a task of its own, again when what it read changes or on
//! "Thử lại", and counts the loads running on the page.

use leptos::prelude::*;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A loaded value: `None` until the first load ends; while a new load runs, the previous value
/// stays (as `LocalResource` keeps it).
pub struct Load<T: 'static> {
    value: RwSignal<Option<T>, LocalStorage>,
    state: StoredValue<State, LocalStorage>,
    again: Trigger,
}

#[derive(Default)]
struct State {
    /// The latest load; an older one that ends later is ignored.
    run: u32,
    loading: bool,
    /// Futures awaiting the end of the current load.
    waiting: Vec<Waker>,
}

thread_local! {
    /// Loads started and not yet ended, on the whole page.
    static RUNNING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// How many loads are running on the page: a prerendered page is taken over once none is, so the
/// app's page is complete when it is swapped in (`takeover`).
pub fn running() -> u32 {
    RUNNING.with(std::cell::Cell::get)
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Load<T> {}

impl<T: Clone + 'static> Load<T> {
    /// Starts loading with `fetch`, and again whenever a signal `fetch` reads (before its future
    /// starts) changes, or on [`Load::refetch`]. Belongs to the current owner (the component).
    pub fn new<F: Future<Output = T> + 'static>(fetch: impl Fn() -> F + 'static) -> Self {
        let load = Load {
            value: RwSignal::new_local(None),
            // Loading from the start: an await before the effect's first run waits for it.
            state: StoredValue::new_local(State { loading: true, ..State::default() }),
            again: Trigger::new(),
        };
        reload_on_change(Box::new(move || {
            load.again.track();
            // The connection came back after saved copies were shown (README, "Offline reading").
            crate::api::freshness::track_refresh();
            load.start(Box::pin(fetch()));
        }));
        load
    }

    fn start(self, future: Pin<Box<dyn Future<Output = T>>>) {
        let Some(run) = self.state.try_update_value(|s| {
            s.run = s.run.wrapping_add(1);
            s.loading = true;
            s.run
        }) else {
            return;
        };
        RUNNING.with(|n| n.set(n.get() + 1));
        leptos::task::spawn_local(async move {
            let value = future.await;
            // The views of this value render in a task of their own, not in the one that read the
            // answer (and read the answers of the other loads woken by it): on a slow phone each
            // stays shorter, so the page keeps answering input while it fills in (BENCHMARKS.md,
            // "Takeover long tasks").
            crate::platform::yield_now().await;
            let done = self.state.try_update_value(|s| {
                (s.run == run).then(|| {
                    s.loading = false;
                    std::mem::take(&mut s.waiting)
                })
            });
            if let Some(Some(waiting)) = done {
                self.value.try_set(Some(value));
                waiting.into_iter().for_each(Waker::wake);
            }
            RUNNING.with(|n| n.set(n.get().saturating_sub(1)));
        });
    }

    /// The value, tracked.
    pub fn get(&self) -> Option<T> {
        self.value.try_get().flatten()
    }

    pub fn get_untracked(&self) -> Option<T> {
        self.value.try_get_untracked().flatten()
    }

    /// Loads again (after an error, "Thử lại").
    pub fn refetch(&self) {
        self.again.notify();
    }
}

/// The effect of every [`Load`], one copy in the wasm whatever the value type.
fn reload_on_change(start: Box<dyn Fn()>) {
    Effect::new(start);
}

/// Ready when no load is running and a value is there.
pub struct Loaded<T: 'static>(Load<T>);

impl<T: Clone + 'static> Future for Loaded<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let load = self.0;
        let idle = load.state.try_with_value(|s| !s.loading).unwrap_or(false);
        match load.get_untracked().filter(|_| idle) {
            Some(value) => Poll::Ready(value),
            None => {
                load.state.try_update_value(|s| s.waiting.push(cx.waker().clone()));
                Poll::Pending
            }
        }
    }
}

impl<T: Clone + 'static> IntoFuture for Load<T> {
    type Output = T;
    type IntoFuture = Loaded<T>;

    fn into_future(self) -> Loaded<T> {
        Loaded(self)
    }
}
