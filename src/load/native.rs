//! [`Load`] in the prerender: the data requests are blocking, so the value is there when the
//! view renders, and nothing reloads (no effect runs natively).

use leptos::prelude::*;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};

/// A loaded value, there from the start.
pub struct Load<T: 'static> {
    value: RwSignal<Option<T>, LocalStorage>,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Load<T> {}

/// No load runs in the background while prerendering.
pub fn running() -> u32 {
    0
}

impl<T: Clone + 'static> Load<T> {
    /// Runs `fetch` to its end now: natively a request answers before its future is polled.
    pub fn new<F: Future<Output = T> + 'static>(fetch: impl Fn() -> F + 'static) -> Self {
        use futures::FutureExt;
        let value = fetch().now_or_never();
        if value.is_none() {
            crate::platform::error("a load did not finish synchronously while prerendering");
        }
        Load { value: RwSignal::new_local(value) }
    }

    /// The value, tracked.
    pub fn get(&self) -> Option<T> {
        self.value.try_get().flatten()
    }

    pub fn get_untracked(&self) -> Option<T> {
        self.value.try_get_untracked().flatten()
    }

    /// Nothing loads again while prerendering.
    pub fn refetch(&self) {}
}

/// The value; never ready if the load did not finish (as in the browser, where it would wait).
pub struct Loaded<T: 'static>(Option<T>);

// Nothing in it is pinned: the value is only moved out.
impl<T: 'static> Unpin for Loaded<T> {}

impl<T: 'static> Future for Loaded<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
        match self.0.take() {
            Some(value) => Poll::Ready(value),
            None => Poll::Pending,
        }
    }
}

impl<T: Clone + 'static> IntoFuture for Load<T> {
    type Output = T;
    type IntoFuture = Loaded<T>;

    fn into_future(self) -> Loaded<T> {
        Loaded(self.get_untracked())
    }
}
