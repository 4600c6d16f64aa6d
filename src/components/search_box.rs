//! The search form: the field labelled "Tìm kiếm" (`type=search`, `name=q`) and the "Tìm" button.
//! Submitting goes to `/tim-kiem?q=…` through the router, so the query lives in the URL (shareable,
//! the back button returns to the previous search). Used in the navigation bar, on the search page
//! and on the not-found page.

use crate::components::ids::scoped_id;
use crate::context::use_mount_context;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn SearchBox(
    /// The input's id, unique on the page.
    #[prop(into)]
    id: String,
    /// The accessible name of the form's search landmark, unique among the page's search forms.
    #[prop(into)]
    landmark: String,
    /// The text the field starts with (and follows): the current query on the search page.
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// A visible label; the navigation bar keeps it for assistive technology only.
    #[prop(default = true)]
    show_label: bool,
    /// A hint inside the empty field.
    #[prop(optional, into)]
    placeholder: Option<String>,
) -> impl IntoView {
    let id = scoped_id(&id);
    let portal = use_mount_context();
    let text = RwSignal::new(value.map(|v| v.get_untracked()).unwrap_or_default());
    if let Some(value) = value {
        Effect::new(move |_| text.set(value.get()));
    }
    // Without JavaScript's help the form still works as a plain GET to the search page.
    let action = portal.search_href("");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        portal.navigate(&crate::routing::table::Route::search(&text.get_untracked()).to_path());
    };
    let label_class = if show_label { "np-search-box__label" } else { "np-search-box__label np-visually-hidden" };
    view! {
        <form class="np-search-box" role="search" aria-label=landmark action=action method="get" on:submit=on_submit>
            <label class=label_class for=id.clone()>"Tìm kiếm"</label>
            <div class="np-search-box__row">
                <input
                    class="np-search-box__input"
                    id=id
                    type="search"
                    name="q"
                    autocomplete="off"
                    enterkeyhint="search"
                    placeholder=placeholder
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
                <button type="submit" class="np-button np-search-box__button">"Tìm"</button>
            </div>
            // Only in prerendered pages: search runs in the app. Hidden wherever scripts run, so
            // the app's own form (without it) takes its place without moving anything.
            {crate::platform::PRERENDER.then(|| view! {
                <noscript>
                    <p class="np-search-box__nojs">"Tìm kiếm cần JavaScript. Hãy bật JavaScript, hoặc xem tin theo chuyên mục."</p>
                </noscript>
            })}
        </form>
    }
}
