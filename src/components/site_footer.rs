//! The footer a portal carries: agency, address, contacts, responsible person, licence — all
//! from the feed's `_portal` block.

use crate::context::use_mount_context;
use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let portal = use_mount_context();
    let fallback = crate::context::DEFAULT_SITE_NAME;
    view! {
        <footer class="np-footer">
            {move || {
                let site = portal.feed.get().and_then(|r| r.ok()).map(|f| f.site.clone()).unwrap_or_default();
                let line = |label: &'static str, v: Option<String>| {
                    v.map(|v| view! { <p class="np-footer__line">{label}": "{v}</p> })
                };
                let email = site.email.clone().map(|e| {
                    let href = format!("mailto:{e}");
                    view! { <p class="np-footer__line">"Email: "<a href=href rel="external">{e}</a></p> }
                });
                view! {
                    <p class="np-footer__agency">{site.agency.clone().unwrap_or_else(|| fallback.to_string())}</p>
                    {line("Địa chỉ", site.address.clone())}
                    {line("Điện thoại", site.phone.clone())}
                    {email}
                    {line("Chịu trách nhiệm chính", site.responsible.clone())}
                    {site.licence.clone().map(|l| view! { <p class="np-footer__line">{l}</p> })}
                }
            }}
        </footer>
    }
}
