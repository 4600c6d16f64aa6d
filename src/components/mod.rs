//! Small view pieces shared by the routes.

pub mod article_body;
pub mod article_list;
pub mod article_tools;
pub mod article_view;
pub mod attachment_list;
pub mod error_view;
pub mod ids;
pub mod image_preview;
pub mod loading;
pub mod nav_menu;
pub mod news_links;
pub mod offline_notice;
pub mod other_news;
pub mod page_heading;
pub mod paged_list;
pub mod related_news;
pub mod saved_articles;
pub mod search_box;
pub mod share_block;
pub mod site_footer;
pub mod visit_counter;
