//! Small view pieces shared by the routes.

pub mod article_body;
pub mod article_list;
pub mod attachment_list;
pub mod error_view;
pub mod loading;
pub mod page_heading;
pub mod related_news;
pub mod site_footer;
pub mod visit_counter;
