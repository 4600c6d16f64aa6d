//! Any path the app does not know.

use crate::components::{page_heading::PageHeading, search_box::SearchBox};
use crate::context::use_mount_context;
use crate::dom::head;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let portal = use_mount_context();
    // No canonical address: the page stands for every address the site does not have.
    portal.set_head({
        let portal = portal.clone();
        move || head::PageMeta { url: String::new(), ..portal.page_meta("Không tìm thấy trang", None) }
    });
    view! {
        <section class="np-error np-error--not-found">
            <PageHeading text="Không tìm thấy trang"/>
            <p class="np-error__message">"Địa chỉ bạn truy cập không tồn tại trên cổng thông tin."</p>
            <p><a class="np-error__home" href=portal.home_href()>"Về trang chủ"</a></p>
            <p class="np-error__search-hint">"Hoặc tìm tin bài bạn cần:"</p>
            <SearchBox id="np-not-found-q" landmark="Tìm kiếm trong trang"/>
        </section>
    }
}
