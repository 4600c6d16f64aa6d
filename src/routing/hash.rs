//! `data-routing="hash"`: the route lives in the fragment (`#/tin-tuc/{slug}`), so the host page
//! needs no server rewrite and its own path never changes.
//!
//! Links are plain `<a href="#/…">`: the browser changes the fragment, adds the history entry and
//! fires `hashchange` (the one document-wide listener, removed with the app). Back/forward and
//! reload therefore work without any click interception. No fragment at all is home. Fragments
//! that are not routes (no '/' after '#', e.g. the host's or the app's skip link `#noi-dung`, or an
//! in-article anchor) are left to the browser and keep the current page on screen.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::RouteChildren;
use leptos_router::location::{BrowserUrl, LocationProvider, Url};
use leptos_router::params::ParamsMap;
use leptos_router::{ChooseView, MatchInterface, MatchNestedRoutes, MatchParams, RouteDefs};
use std::future::Future;
use std::task::{Context, Poll, Waker};

/// "#/tin-tuc/x" → "/tin-tuc/x"; `None` for fragments that are not routes ("#noi-dung", "").
pub fn route_of_hash(hash: &str) -> Option<&str> {
    hash.strip_prefix('#').filter(|route| route.starts_with('/'))
}

fn parse(route: &str) -> Option<Url> {
    let origin = web_sys::window()?.location().origin().ok()?;
    BrowserUrl::parse_with_base(route, &origin).ok()
}

/// The route in the address bar: home without a fragment, `None` if the fragment is not a route.
fn current_route() -> Option<Url> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if hash.is_empty() || hash == "#" {
        return parse("/");
    }
    parse(route_of_hash(&hash)?)
}

/// `<Routes>` for hash routing: give it the same `<Route>` children.
#[component]
pub fn HashRoutes<Defs, FallbackFn, Fallback>(
    /// Shown when no route matches.
    fallback: FallbackFn,
    children: RouteChildren<Defs>,
) -> impl IntoView
where
    Defs: MatchNestedRoutes + Clone + Send + Sync + 'static,
    FallbackFn: Fn() -> Fallback + Clone + Send + Sync + 'static,
    Fallback: IntoView + 'static,
{
    let routes = RouteDefs::new(children.into_inner());
    // A first fragment that is not a route (a skip link followed before the app loaded) shows home.
    let url = ArcRwSignal::new(current_route().or_else(|| parse("/")).unwrap_or_default());

    let listener = window_event_listener(ev::hashchange, {
        let url = url.clone();
        move |_| {
            if let Some(next) = current_route() {
                if url.with_untracked(|now| *now != next) {
                    url.set(next);
                }
            }
        }
    });
    on_cleanup(move || listener.remove());

    // What use_url / use_query_map / use_query read.
    provide_context(url.clone());
    // What use_params_map / use_params read.
    let params = {
        let (url, routes) = (url.clone(), routes.clone());
        ArcMemo::new(move |_| {
            url.with(|u| routes.match_route(u.path()).map(|m| m.to_params().into_iter().collect::<ParamsMap>()))
                .unwrap_or_default()
        })
    };
    provide_context(params);

    // The view changes with the matched route only; a new slug on the same route updates the
    // params, as with <Routes>.
    let matched = {
        let (url, routes) = (url.clone(), routes.clone());
        ArcMemo::new(move |_| url.with(|u| routes.match_route(u.path()).map(|m| m.as_id())))
    };
    move || {
        // `get`, not `track`: reading runs the memo, which is what subscribes it to the URL.
        let _ = matched.get();
        untrack(|| {
            let Some(found) = url.with_untracked(|u| routes.match_route(u.path())) else {
                return fallback().into_any();
            };
            let (view, _nested) = found.into_view_and_child();
            let mut choosing = std::pin::pin!(view.choose());
            match choosing.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
                Poll::Ready(view) => view,
                // Only lazy routes wait here, and the portal has none.
                Poll::Pending => {
                    web_sys::console::error_1(&"[news-portal] lazy routes are not supported in hash mode".into());
                    fallback().into_any()
                }
            }
        })
    }
}
