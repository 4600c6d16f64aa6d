//! The router in the browser: started in the configured mode, and moved by the app.

use super::location::Location;
use super::{hash, history, Routing};
use leptos::html::Div;
use leptos::prelude::*;

/// The address the app renders from, kept in step with the browser (link clicks inside `root`,
/// back/forward, the fragment), and the base path it is under.
pub fn start(routing: Routing, base: String, root: NodeRef<Div>) -> (ArcRwSignal<Location>, String) {
    match routing {
        Routing::History => (history::start(base.clone(), root), base),
        // The fragment holds the route without the base path.
        Routing::Hash => (hash::start(), String::new()),
    }
}

/// Goes to `href` (an in-app link): a new fragment with hash routing; with history routing a new
/// entry of the app's `address`, or, without the app's router (widgets), by loading the page.
pub fn go(routing: Routing, address: Option<ArcRwSignal<Location>>, href: &str) {
    let Some(window) = web_sys::window() else { return };
    match (routing, address) {
        (Routing::Hash, _) => {
            let _ = window.location().set_hash(href);
        }
        (Routing::History, Some(address)) => history::go(&address, href),
        (Routing::History, None) => {
            let _ = window.location().set_href(href);
        }
    }
}
