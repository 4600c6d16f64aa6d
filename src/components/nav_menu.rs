//! The navigation bar under the site header: the sections ("Chuyên mục", home first) and the search
//! box. Below 48em the list folds behind a disclosure button; Esc closes it and gives focus back
//! to the button. The link of the page on screen carries `aria-current="page"`.

use crate::components::ids::scoped_id;
use crate::components::search_box::SearchBox;
use crate::context::use_mount_context;
use crate::model::category::categories;
use crate::routing::hooks::use_route;
use crate::routing::table::Route;
use leptos::html::Button;
use leptos::prelude::*;

pub const LIST_ID: &str = "np-nav-list";

#[component]
pub fn NavMenu() -> impl IntoView {
    let portal = use_mount_context();
    let here = use_route();
    let open = RwSignal::new(false);
    let toggle = NodeRef::<Button>::new();
    // Following a link closes the menu (the new page's heading takes focus).
    Effect::new(move |_| {
        here.track();
        open.set(false);
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    let sections = {
        let portal = portal.clone();
        Memo::new(move |_| portal.feed.get().and_then(Result::ok).map(|f| categories(&f.articles)).unwrap_or_default())
    };
    // The link of the list on screen is current on any of its pages (`…/trang/N`).
    let link = move |route: Route, href: String, name: String| {
        let current = move || here.with(|h| h.with_list_page(1) == Some(route.clone())).then_some("page");
        view! { <li class="np-nav__item"><a class="np-nav__link" href=href aria-current=current>{name}</a></li> }
    };
    let home = link(Route::home(), portal.home_href(), "Trang chủ".into());
    let portal_for_list = portal.clone();
    let list_id = scoped_id(LIST_ID);
    view! {
        <div class="np-navbar">
            <div class="np-navbar__inner">
                <nav class="np-nav" class:np-nav--open=move || open.get() aria-label="Chuyên mục">
                    <button
                        type="button"
                        class="np-nav__toggle"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=list_id.clone()
                        node_ref=toggle
                        on:click=move |_| open.update(|o| *o = !*o)
                        on:keydown=on_keydown
                    >
                        <svg class="np-nav__icon" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/>
                        </svg>
                        "Chuyên mục"
                    </button>
                    <ul id=list_id.clone() class="np-nav__list" on:keydown=on_keydown>
                        {home}
                        {move || {
                            sections
                                .get()
                                .into_iter()
                                .map(|c| {
                                    link(Route::category(&c.slug), portal_for_list.category_href(&c.slug), c.name)
                                })
                                .collect_view()
                        }}
                    </ul>
                </nav>
                <div class="np-navbar__search">
                    <SearchBox id="np-nav-q" landmark="Tìm kiếm tin bài" show_label=false placeholder="Tìm tin bài…"/>
                </div>
            </div>
        </div>
    }
}
