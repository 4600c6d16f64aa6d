//! `Load`: the app's loaded values (what `LocalResource` did for it): first value, loading again
//! on a signal change and on `refetch`, the previous value kept meanwhile, a late older answer
//! ignored, awaiting from another future, and an owner disposed mid-load.

use crate::support::{sleep, wait_until};
use leptos::prelude::*;
use minh_long_portal::load::Load;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

/// Futures the test finishes by hand, in any order: `next()` hands out the next one, `finish(i)`
/// resolves the i-th with `value`.
#[derive(Clone, Default)]
struct Gates(Rc<RefCell<Vec<js_sys::Function>>>);

impl Gates {
    fn next(&self) -> impl std::future::Future<Output = u32> + 'static {
        let gates = self.0.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _| gates.borrow_mut().push(resolve));
        async move { JsFuture::from(promise).await.ok().and_then(|v| v.as_f64()).map_or(0, |v| v as u32) }
    }

    fn started(&self) -> usize {
        self.0.borrow().len()
    }

    fn finish(&self, i: usize, value: u32) {
        let resolve = self.0.borrow()[i].clone();
        resolve.call1(&wasm_bindgen::JsValue::NULL, &value.into()).unwrap();
    }
}

/// A fresh owner, with the task executor started (mounting an empty view is what starts it).
fn setup() -> Owner {
    use wasm_bindgen::JsCast;
    let parent = crate::support::document().create_element("div").unwrap().unchecked_into();
    std::mem::forget(leptos::mount::mount_to(parent, || ()));
    Owner::new()
}

/// A `Load` of the next gate's value, under a fresh owner.
fn gated() -> (Owner, Gates, Load<u32>) {
    let owner = setup();
    let gates = Gates::default();
    let load = owner.with(|| {
        let g = gates.clone();
        Load::new(move || g.next())
    });
    (owner, gates, load)
}

#[wasm_bindgen_test]
async fn first_value_then_again_on_a_signal_change_keeping_the_old_value_meanwhile() {
    let owner = setup();
    let gates = Gates::default();
    let (key, load) = owner.with(|| {
        let key = RwSignal::new(1u32);
        let g = gates.clone();
        let load = Load::new(move || {
            let (k, next) = (key.get(), g.next());
            async move { k * 100 + next.await }
        });
        (key, load)
    });
    assert_eq!(load.get_untracked(), None, "nothing before the first load ends");
    wait_until("the first load to start", || gates.started() == 1).await;
    gates.finish(0, 7);
    wait_until("the first value", || load.get_untracked() == Some(107)).await;

    key.set(2);
    wait_until("a second load on the key change", || gates.started() == 2).await;
    assert_eq!(load.get_untracked(), Some(107), "the old value stays while loading");
    gates.finish(1, 8);
    wait_until("the second value", || load.get_untracked() == Some(208)).await;
}

#[wasm_bindgen_test]
async fn refetch_loads_again_and_a_late_older_answer_is_ignored() {
    let (_owner, gates, load) = gated();
    wait_until("the first load to start", || gates.started() == 1).await;
    load.refetch();
    wait_until("the refetch to start a second load", || gates.started() == 2).await;
    gates.finish(1, 2);
    wait_until("the newer answer", || load.get_untracked() == Some(2)).await;
    gates.finish(0, 1);
    sleep(30).await;
    assert_eq!(load.get_untracked(), Some(2), "the older load ended last and was ignored");
}

#[wasm_bindgen_test]
async fn await_waits_for_the_running_load_then_answers_at_once() {
    let (_owner, gates, load) = gated();
    let got = Rc::new(RefCell::new(Vec::new()));
    let waiter = |got: Rc<RefCell<Vec<u32>>>| async move {
        let value = load.await;
        got.borrow_mut().push(value);
    };
    leptos::task::spawn_local(waiter(got.clone()));
    wait_until("the first load to start", || gates.started() == 1).await;
    sleep(20).await;
    assert!(got.borrow().is_empty(), "the await waits for the value");
    gates.finish(0, 5);
    wait_until("the awaiting future to get the value", || *got.borrow() == [5]).await;

    load.refetch();
    wait_until("the refetch", || gates.started() == 2).await;
    leptos::task::spawn_local(waiter(got.clone()));
    sleep(20).await;
    assert_eq!(*got.borrow(), [5], "an await during a load waits for its end, not the old value");
    gates.finish(1, 6);
    wait_until("the new value", || *got.borrow() == [5, 6]).await;
    leptos::task::spawn_local(waiter(got.clone()));
    wait_until("an await with nothing loading", || *got.borrow() == [5, 6, 6]).await;
}

#[wasm_bindgen_test]
async fn a_load_ending_after_its_owner_is_gone_changes_nothing() {
    let (owner, gates, load) = gated();
    wait_until("the load to start", || gates.started() == 1).await;
    owner.cleanup();
    gates.finish(0, 3);
    sleep(30).await;
    assert_eq!(load.get_untracked(), None);
    load.refetch();
    sleep(30).await;
    assert_eq!(gates.started(), 1, "no load starts once the owner is gone");
}
