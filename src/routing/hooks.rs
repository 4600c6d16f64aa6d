//! The hooks route components and the menu read the current address through (as leptos_router's
//! `hooks.rs`): the address, its page, the slug and the list page. Both routing modes end here:
//! they only differ in where the [`Location`] comes from. The route view that picks a page lives
//! where the app is composed (`app::RouteView`); this module imports no view.

use super::location::Location;
use super::table::{Page, Route};
use leptos::prelude::*;

#[derive(Clone)]
struct CurrentLocation(ArcRwSignal<Location>);

#[derive(Clone, Copy)]
struct CurrentRoute(Memo<Route>);

#[derive(Clone, Copy)]
struct Slug(Memo<String>);

#[derive(Clone, Copy)]
struct ListPage(Memo<usize>);

/// Makes `url` the app's address for [`use_location`] and its page for [`use_route`] (the nav bar
/// sits outside the routes). `base`: "" or like "/tin-huyen", stripped from the path before matching.
pub fn provide_location(url: ArcRwSignal<Location>, base: String) {
    let route = {
        let url = url.clone();
        Memo::new(move |_| url.with(|u| Route::parse(&u.path, &u.search, &base)))
    };
    provide_context(CurrentLocation(url));
    provide_context(CurrentRoute(route));
}

/// The page the app's address shows.
pub fn use_route() -> Memo<Route> {
    expect_context::<CurrentRoute>().0
}

/// The page on screen, `None` outside the app's router (widgets).
pub fn current_route() -> Option<Route> {
    use_context::<CurrentRoute>().map(|r| r.0.get_untracked())
}

/// The app's address: the path under the base in history mode, the fragment's route in hash mode.
pub fn use_location() -> ArcRwSignal<Location> {
    expect_context::<CurrentLocation>().0
}

/// The decoded slug of the article or section on screen.
pub fn use_slug() -> Memo<String> {
    expect_context::<Slug>().0
}

/// Which page of a list the address asks for (1, or N of `…/trang/N`); 1 outside the router.
pub fn use_list_page() -> usize {
    use_context::<ListPage>().map_or(1, |p| p.0.get_untracked())
}

/// Gives the views of the page `route` shows their [`use_slug`] and [`use_list_page`]. The slug is
/// kept while another page replaces the article, so its data is not asked for with "".
pub fn provide_page_params(route: Memo<Route>) {
    let slug = Memo::new(move |last: Option<&String>| {
        route.with(|r| match r.page() {
            Page::Article | Page::Category => r.slug().to_string(),
            _ => last.cloned().unwrap_or_default(),
        })
    });
    provide_context(Slug(slug));
    provide_context(ListPage(Memo::new(move |_| route.with(Route::list_page))));
}
