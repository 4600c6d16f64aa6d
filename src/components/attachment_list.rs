//! "Tài liệu đính kèm": each file with its type and size in the link's accessible name. Image
//! files open a larger preview on a plain click; the link still leads to the file otherwise.

use crate::components::image_preview::{ImagePreview, Preview};
use crate::context::use_mount_context;
use crate::model::format::{duration, human_size};
use crate::model::Attachment;
use leptos::prelude::*;

#[component]
pub fn AttachmentList(attachments: Vec<Attachment>) -> impl IntoView {
    let portal = use_mount_context();
    let preview = Preview::default();
    let any_image = attachments.iter().any(Attachment::is_image);
    (!attachments.is_empty()).then(|| {
        view! {
            <section class="np-attachments" aria-label="Tài liệu đính kèm">
                <h2 class="np-attachments__title">"Tài liệu đính kèm"</h2>
                <ul class="np-attachments__list" on:click=move |ev| preview.on_click(&ev)>
                    {attachments
                        .into_iter()
                        .map(|a| {
                            let href = portal.resolve(&a.url);
                            let kind = a.kind_label();
                            let mut meta = vec![kind.clone()];
                            meta.extend(a.size_in_bytes.map(human_size));
                            meta.extend(a.duration_in_seconds.map(duration));
                            let icon_class = format!("np-attachments__icon np-attachments__icon--{}", kind.to_ascii_lowercase());
                            let name = a.display_name();
                            // Image files open the preview (see image_preview.rs).
                            let preview_name = a.is_image().then(|| name.clone());
                            view! {
                                <li class="np-attachments__item">
                                    <span class=icon_class aria-hidden="true">{kind}</span>
                                    // "external": a file, not an app route, so the router must not take the click.
                                    <a class="np-attachments__link" href=href rel="external" type=a.mime_type.clone() data-preview=preview_name>
                                        {name}
                                        " "
                                        <span class="np-attachments__meta">"("{meta.join(", ")}")"</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {any_image.then(|| view! { <ImagePreview preview/> })}
            </section>
        }
    })
}
