//! The one error view: "not found" (with a way back) apart from "could not load" (with retry).

use crate::api::ApiError;
use crate::components::page_heading::PageHeading;
use leptos::prelude::*;

#[component]
pub fn ErrorView(
    error: ApiError,
    /// Shown as the "Thử lại" button when the failure may be temporary.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// The in-app home link for the "not found" case.
    #[prop(optional, into)]
    home_href: Option<String>,
) -> impl IntoView {
    web_sys::console::warn_1(&format!("[news-portal] {}", error.detail()).into());
    if error.is_not_found() {
        let home = home_href.unwrap_or_else(|| "/".into());
        return view! {
            <section class="np-error np-error--not-found">
                <PageHeading text="Không tìm thấy bài viết"/>
                <p class="np-error__message">
                    "Bài viết bạn tìm không tồn tại hoặc đã được gỡ bỏ. Vui lòng kiểm tra lại địa chỉ."
                </p>
                <p><a class="np-error__home" href=home>"Về trang chủ"</a></p>
            </section>
        }
        .into_any();
    }
    let retryable = !matches!(error, ApiError::Config(_) | ApiError::TooLarge(_));
    view! {
        <section class="np-error">
            <PageHeading text="Không tải được dữ liệu"/>
            <div class="np-error__box" role="alert">
                <p class="np-error__message">{error.message()}</p>
                {(retryable && on_retry.is_some()).then(|| {
                    let retry = on_retry.unwrap_or_else(|| Callback::new(|_| ()));
                    view! {
                        <button type="button" class="np-button np-error__retry" on:click=move |_| {
                            crate::dom::page::request_heading_focus();
                            retry.run(())
                        }>
                            "Thử lại"
                        </button>
                    }
                })}
            </div>
        </section>
    }
    .into_any()
}
