//! The widget modes of `data-news-portal`: blocks a host page places where it likes. Unlike `app`
//! they own nothing of the page: no router, no document-wide listeners, no `document.title`, no
//! `<head>`, no focus moves (see `MountContext::owns_page`). Their links lead to the app's pages
//! (`MountContext::article_href`, `data-href`).

pub mod article;
pub mod latest;
