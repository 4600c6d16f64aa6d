//! The one error view: "not found" (with a way back) apart from "could not load" (with retry).

use crate::api::ApiError;
use crate::components::page_heading::PageHeading;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The mount point whose "Thử lại" started the load that runs; taken by the error view that
    /// replaces the one clicked when that load fails again.
    static RETRYING: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// Marks the clicked "Thử lại" busy: aria-disabled (not disabled, which would drop focus to
/// <body> while the request runs), the busy style and "Đang thử lại…" in the polite status next
/// to it. False when it already is (the click is ignored). The view is replaced when the load
/// ends, so nothing needs undoing.
fn start_retry(ev: &web_sys::MouseEvent) -> bool {
    let button = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten());
    let Some(button) = button else { return true };
    if button.has_attribute("aria-disabled") {
        return false;
    }
    let _ = button.set_attribute("aria-disabled", "true");
    let _ = button.set_attribute("class", "np-button np-error__retry np-error__retry--busy");
    let status =
        button.closest(".np-error").ok().flatten().and_then(|s| s.query_selector(".np-error__status").ok().flatten());
    if let Some(status) = status {
        status.set_text_content(Some("Đang thử lại…"));
    }
    RETRYING.with(|r| *r.borrow_mut() = button.closest("[data-news-portal]").ok().flatten());
    true
}

fn end_retry(root: &web_sys::Element, focus: bool) {
    if let Some(status) = root.query_selector(".np-error__status").ok().flatten() {
        status.set_text_content(None);
    }
    let Some(button) = root.query_selector(".np-error__retry").ok().flatten() else { return };
    let _ = button.remove_attribute("aria-disabled");
    let _ = button.set_attribute("class", "np-button np-error__retry");
    if let (true, Ok(b)) = (focus, button.dyn_into::<web_sys::HtmlElement>()) {
        let _ = b.focus();
    }
}

#[component]
pub fn ErrorView(
    error: ApiError,
    /// Shown as the "Thử lại" button when the failure may be temporary.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// The in-app home link for the "not found" case.
    #[prop(optional, into)]
    home_href: Option<String>,
    /// Shown below the message (the saved articles, when one is not saved).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    crate::platform::warn(&error.detail());
    if let ApiError::NotInNewest(_) = error {
        // Not "does not exist": only the newest pages were read. The list and the search lead on.
        let home = home_href.unwrap_or_else(|| "/".into());
        let search = use_context::<crate::context::MountContext>().map(|p| p.search_href(""));
        return view! {
            <section class="np-error np-error--not-found">
                <PageHeading text=error.heading()/>
                <p class="np-error__message">{error.message()}</p>
                <p>
                    <a class="np-error__home" href=home>"Xem danh sách tin mới"</a>
                    {search.map(|href| view! { " · " <a class="np-error__search" href=href>"Tìm kiếm tin bài"</a> })}
                </p>
            </section>
        }
        .into_any();
    }
    if error.is_not_found() {
        let home = home_href.unwrap_or_else(|| "/".into());
        return view! {
            <section class="np-error np-error--not-found">
                <PageHeading text=error.heading()/>
                <p class="np-error__message">
                    "Bài viết bạn tìm không tồn tại hoặc đã được gỡ bỏ. Vui lòng kiểm tra lại địa chỉ."
                </p>
                <p><a class="np-error__home" href=home>"Về trang chủ"</a></p>
            </section>
        }
        .into_any();
    }
    let retryable = !matches!(error, ApiError::Config(_) | ApiError::TooLarge(_));
    // This view follows one whose "Thử lại" failed again. Leptos may keep the same elements
    // (same view, new props), so the busy state is undone here, once the view is in the document;
    // and focus goes back to the retry button (the reader's place), not to the page heading as
    // on a new page. Plain DOM calls on the elements already in the document.
    if let Some(root) = RETRYING.with(|r| r.take()) {
        let focus = crate::dom::page::take_heading_focus_request();
        set_timeout(move || end_retry(&root, focus), std::time::Duration::ZERO);
    }
    view! {
        <section class="np-error">
            <PageHeading text=error.heading()/>
            <div class="np-error__box" role="alert">
                <p class="np-error__message">{error.message()}</p>
                {(retryable && on_retry.is_some()).then(|| {
                    let retry = on_retry.unwrap_or_else(|| Callback::new(|_| ()));
                    // aria-disabled, not disabled: a disabled button drops focus to <body> while
                    // the request runs. Clicks are ignored instead.
                    view! {
                        <button type="button" class="np-button np-error__retry" on:click=move |ev| {
                            if start_retry(&ev) {
                                // If the retry succeeds, the new page's heading takes focus.
                                crate::dom::page::request_heading_focus();
                                retry.run(())
                            }
                        }>
                            "Thử lại"
                        </button>
                    }
                })}
            </div>
            // Outside the alert: a polite status, present before its text so it is announced.
            <p class="np-error__status" role="status"></p>
            {children.map(|c| c())}
        </section>
    }
    .into_any()
}
