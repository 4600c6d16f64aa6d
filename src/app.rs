//! The composition root: the router started in the configured mode, the layout shell, the route
//! view that picks a page, and the shared [`MountContext`] context provided to them. Nothing below
//! imports this module.

use crate::components::{
    nav_menu::NavMenu,
    offline_notice::OfflineNotice,
    site_footer::SiteFooter,
    visit_counter::{CounterWidget, VisitCounter},
};
use crate::config::Config;
use crate::context::MountContext;
use crate::dom::page::LIVE_REGION_ID;
use crate::routes::{
    article::ArticlePage, category::CategoryPage, home::Home, not_found::NotFound, search::SearchPage,
};
use crate::routing::hooks::{provide_location, provide_page_params, use_route};
use crate::routing::table::Page;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn App(config: Config) -> impl IntoView {
    let root = NodeRef::<Div>::new();
    let (routing, base) = (config.routing, config.base.clone());
    let portal = MountContext::new(config);
    let (address, base) = crate::routing::start(routing, base, root);
    portal.follow_router(address.clone());
    // Searching a feed needs its index: built while the reader reads the first page (in idle
    // slices), not on the first keystroke. The API searches on its side.
    if portal.config.source.list_api().is_none() {
        let feed = portal.feed;
        Effect::new(move |_| {
            if let Some(Ok(feed)) = feed.get() {
                crate::dom::search_index::build_when_idle(feed);
            }
        });
    }
    provide_context(portal);
    provide_location(address, base);
    view! {
        <Shell root>
            <RouteView/>
        </Shell>
    }
}

/// The page for the address in `use_location`. A new slug or query on the same page updates
/// `use_slug` / `use_location` without drawing the page anew (as leptos_router's `<Routes>`).
#[component]
fn RouteView() -> impl IntoView {
    let route = use_route();
    provide_page_params(route);
    // Another page of a list (`…/trang/N`) is another page too.
    let page = Memo::new(move |_| route.with(|r| (r.page(), r.list_page())));
    move || {
        let (page, _) = page.get();
        untrack(|| match page {
            Page::Home => view! { <Home/> }.into_any(),
            Page::Article => view! { <ArticlePage/> }.into_any(),
            Page::Category => view! { <CategoryPage/> }.into_any(),
            Page::Search => view! { <SearchPage/> }.into_any(),
            Page::NotFound => view! { <NotFound/> }.into_any(),
        })
    }
}

/// The layout around the routes: content, sidebar, footer, the live region.
#[component]
fn Shell(root: NodeRef<Div>, children: Children) -> impl IntoView {
    view! {
            <div class="np-app" node_ref=root>
                <NavMenu/>
                <OfflineNotice/>
                <div class="np-layout">
                    <main id="noi-dung" class="np-main" tabindex="-1">
                        {children()}
                    </main>
                    <aside class="np-sidebar" aria-label="Thông tin bên lề">
                        <VisitCounter/>
                    </aside>
                </div>
                <SiteFooter/>
                <div id=LIVE_REGION_ID class="np-visually-hidden" aria-live="polite" aria-atomic="true"></div>
            </div>
    }
}

/// `data-news-portal="counter"`: the visit counter alone, for a host portal's sidebar.
#[component]
pub fn CounterOnly(config: Config) -> impl IntoView {
    let portal = MountContext::new(config);
    let offset = portal.config.utc_offset_minutes;
    view! { <CounterWidget figures=move || portal.stats() offset/> }
}
