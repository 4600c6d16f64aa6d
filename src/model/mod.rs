//! Pure types and logic: no DOM, no Leptos, no network. Everything here is tested natively with
//! `cargo test` and shared by every data source.

pub mod allowlist;
pub mod article;
pub mod category;
pub mod date;
pub mod de;
pub mod entities;
pub mod feed;
pub mod format;
pub mod head;
pub mod inline_code;
pub mod order;
pub mod paging;
pub mod portal_api;
pub mod related;
pub mod saved;
pub mod search;
pub mod slug;
pub mod text;
pub mod url;
pub mod wordpress;

pub use article::{Article, Attachment, Author, Figures, SiteInfo, Stats};
pub use feed::{Feed, FeedError};
