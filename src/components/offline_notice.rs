//! The notice above the page while it shows copies the offline worker saved: that it is saved data,
//! and from when (README, "Offline reading").

use crate::api::freshness;
use crate::context::use_mount_context;
use crate::model::date;
use leptos::prelude::*;

#[component]
pub fn OfflineNotice() -> impl IntoView {
    let offset = use_mount_context().config.utc_offset_minutes;
    // A status region present from the start, so the text it gets is announced once.
    view! {
        <div class="np-offline" role="status">
            {move || freshness::saved_at().map(|at| view! {
                <p class="np-offline__text">
                    <strong>"Đang xem bản đã lưu trên máy"</strong>
                    " (tải lúc "{date::format_date_time(at, offset)}"), vì chưa tải được bản mới. "
                    "Trang sẽ tự cập nhật khi có kết nối mạng."
                </p>
            })}
        </div>
    }
}
