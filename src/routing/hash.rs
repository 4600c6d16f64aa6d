//! `data-routing="hash"`: the route lives in the fragment (`#/tin-tuc/{slug}`), so the host page
//! needs no server rewrite and its own path never changes.
//!
//! Links are plain `<a href="#/…">`: the browser changes the fragment, adds the history entry and
//! fires `hashchange` (the one document-wide listener, removed with the app). Back/forward and
//! reload therefore work without any click interception. No fragment at all is home. Fragments
//! that are not routes (no '/' after '#', e.g. the host's or the app's skip link `#noi-dung`, or an
//! in-article anchor) are left to the browser and keep the current page on screen.

use super::location::Location;
use leptos::ev;
use leptos::prelude::*;

/// "#/tin-tuc/x" → "/tin-tuc/x"; `None` for fragments that are not routes ("#noi-dung", "").
pub fn route_of_hash(hash: &str) -> Option<&str> {
    hash.strip_prefix('#').filter(|route| route.starts_with('/'))
}

/// The route in the fragment: home without one, `None` if the fragment is not a route. Resolved
/// as a path, so it is normalised the way the address bar's path would be.
fn current() -> Option<Location> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if hash.is_empty() || hash == "#" {
        return Location::resolve("/");
    }
    Location::resolve(route_of_hash(&hash)?)
}

/// The route in the fragment, kept in step with `hashchange`.
pub fn start() -> ArcRwSignal<Location> {
    // A first fragment that is not a route (a skip link followed before the app loaded) shows home.
    let url = ArcRwSignal::new(current().unwrap_or_else(|| Location::parse("/")));
    let listener = window_event_listener(ev::hashchange, {
        let url = url.clone();
        move |_| {
            if let Some(next) = current() {
                if url.with_untracked(|now| *now != next) {
                    url.set(next);
                }
            }
        }
    });
    on_cleanup(move || listener.remove());
    url
}
