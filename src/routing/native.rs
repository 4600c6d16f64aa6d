//! The router in the prerender: each page is rendered at the address being written, and nothing
//! moves it (no event handler runs natively).

use super::location::Location;
use super::Routing;
use leptos::html::Div;
use leptos::prelude::*;

/// The address of the page being prerendered (`platform::page_address`), under `base`.
pub fn start(_routing: Routing, base: String, _root: NodeRef<Div>) -> (ArcRwSignal<Location>, String) {
    let page = crate::platform::page_address();
    let path = url::Url::parse(&page).map(|u| u.path().to_string()).unwrap_or_default();
    (ArcRwSignal::new(Location::parse(&path)), base)
}

/// Nothing to go to: a prerendered page is one address.
pub fn go(_routing: Routing, _address: Option<ArcRwSignal<Location>>, _href: &str) {}
