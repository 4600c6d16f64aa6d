//! The article text: sanitized `content_html`, else `content_text` as paragraphs.

use crate::model::Article;
use leptos::prelude::*;

#[component]
pub fn ArticleBody(article: Article, #[prop(into)] base_url: String) -> impl IntoView {
    if let Some(html) = article.content_html.clone() {
        return html_body(html, base_url);
    }
    let text = article.content_text.or(article.summary).unwrap_or_default();
    view! {
        <div class="np-article__body">
            {text
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| view! { <p>{p.to_string()}</p> })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// In the browser: `html` sanitized into DOM nodes (`dom::sanitize`, DOMParser) once the element
/// exists.
#[cfg(target_arch = "wasm32")]
fn html_body(html: String, base_url: String) -> AnyView {
    let body = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(div) = body.get() else { return };
        match crate::dom::sanitize::sanitize(&html, &base_url) {
            Ok(fragment) => {
                div.set_text_content(None);
                let _ = div.append_child(&fragment);
            }
            Err(why) => crate::platform::error(&why),
        }
    });
    view! { <div class="np-article__body" node_ref=body></div> }.into_any()
}

/// In the prerender: the same rules run over html5ever's tree and give markup.
#[cfg(not(target_arch = "wasm32"))]
fn html_body(html: String, base_url: String) -> AnyView {
    let origin =
        url::Url::parse(&crate::platform::page_address()).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
    let clean = crate::prerender::sanitize::sanitize_html(&html, &base_url, &origin);
    view! { <div class="np-article__body" inner_html=clean></div> }.into_any()
}
