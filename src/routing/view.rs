//! The page the current address shows, and the hooks route components read it through. Both
//! routing modes end here: they only differ in where the [`Location`] comes from.

use super::location::Location;
use super::routes::{match_path, Page};
use crate::routes::{
    article::ArticlePage, category::CategoryPage, home::Home, not_found::NotFound, search::SearchPage,
};
use leptos::prelude::*;

#[derive(Clone)]
struct CurrentLocation(ArcRwSignal<Location>);

#[derive(Clone, Copy)]
struct Slug(Memo<String>);

#[derive(Clone, Copy)]
struct ListPage(Memo<usize>);

/// Makes `url` the app's address for [`use_location`] (the nav bar sits outside the routes).
pub fn provide_location(url: ArcRwSignal<Location>) {
    provide_context(CurrentLocation(url));
}

/// The app's address: the path under the base in history mode, the fragment's route in hash mode.
pub fn use_location() -> ArcRwSignal<Location> {
    expect_context::<CurrentLocation>().0
}

/// The decoded slug of the article or section on screen.
pub fn use_slug() -> Memo<String> {
    expect_context::<Slug>().0
}

/// The path of the app's address ("" outside the router).
pub fn current_path() -> String {
    use_context::<CurrentLocation>().map(|l| l.0.with_untracked(|u| u.path.clone())).unwrap_or_default()
}

/// Which page of a list the address asks for (1, or N of `…/trang/N`); 1 outside the router.
pub fn use_list_page() -> usize {
    use_context::<ListPage>().map_or(1, |p| p.0.get_untracked())
}

/// The page for the address in [`use_location`]. A new slug or query on the same page updates
/// [`use_slug`] / [`use_location`] without drawing the page anew (as leptos_router's `<Routes>`).
#[component]
pub fn RouteView(
    /// "" or like "/tin-huyen": stripped from the path before matching.
    base: String,
) -> impl IntoView {
    let url = use_location();
    let route = Memo::new(move |_| url.with(|u| match_path(&u.path, &base)));
    // Kept while another page replaces the article, so its data is not asked for with "".
    let slug = Memo::new(move |last: Option<&String>| {
        route.with(|r| match r.page {
            Page::Article | Page::Category => r.slug.clone(),
            _ => last.cloned().unwrap_or_default(),
        })
    });
    provide_context(Slug(slug));
    provide_context(ListPage(Memo::new(move |_| route.with(|r| r.list_page))));
    // Another page of a list (`…/trang/N`) is another page too.
    let page = Memo::new(move |_| route.with(|r| (r.page, r.list_page)));
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
