//! The article text: sanitized `content_html`, else `content_text` as paragraphs.

use crate::dom::sanitize::sanitize;
use crate::model::Article;
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn ArticleBody(article: Article, #[prop(into)] base_url: String) -> impl IntoView {
    if let Some(html) = article.content_html.clone() {
        let body = NodeRef::<Div>::new();
        Effect::new(move |_| {
            let Some(div) = body.get() else { return };
            match sanitize(&html, &base_url) {
                Ok(fragment) => {
                    div.set_text_content(None);
                    let _ = div.append_child(&fragment);
                }
                Err(why) => web_sys::console::error_1(&format!("[news-portal] {why}").into()),
            }
        });
        return view! { <div class="np-article__body" node_ref=body></div> }.into_any();
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
