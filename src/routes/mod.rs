//! One file per path.

pub mod article;
pub mod home;
pub mod not_found;
