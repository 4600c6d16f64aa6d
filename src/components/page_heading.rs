//! The page's one h1; showing it updates the document title, announces the page and, after a
//! route change, takes focus.

use crate::context::{MountContext, DEFAULT_SITE_NAME};
use crate::dom::page::page_shown;
use leptos::html::H1;
use leptos::prelude::*;

#[component]
pub fn PageHeading(#[prop(into)] text: String) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    let title = text.clone();
    let portal = use_context::<MountContext>();
    // A widget's heading heads its block in the host's page: an h2, and the host's title and
    // focus stay as they are.
    if portal.as_ref().is_some_and(|p| !p.owns_page()) {
        return view! { <h2 class="np-page-heading">{text}</h2> }.into_any();
    }
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            // Tracked: the title takes the feed's site name when the feed arrives after the page.
            let site = portal.as_ref().map_or_else(
                || DEFAULT_SITE_NAME.to_string(),
                |p| {
                    let _arrived = p.feed.get().is_some();
                    p.site_name()
                },
            );
            page_shown(&title, &site, Some(h.into()));
        }
    });
    view! { <h1 class="np-page-heading" tabindex="-1" node_ref=heading>{text}</h1> }.into_any()
}
