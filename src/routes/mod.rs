//! One file per path.

pub mod article;
pub mod category;
pub mod home;
pub mod not_found;
pub mod search;
