//! The portal server (issue 24): the README's "Portal API" on SQLite or PostgreSQL, idempotent and
//! deduplicated counting, the import of a JSON Feed or a WordPress site, and the built site
//! (`dist/`) with the README's headers.
//!
//! Layout: [`db`] is the only module that speaks SQL; [`counting`] batches the counting POSTs into
//! few commits; [`api`] maps the routes; [`site`] serves `dist/`; [`error`] maps every failure to
//! HTTP in one place; [`settings`] names every limit.

pub mod api;
pub mod counting;
pub mod db;
pub mod error;
pub mod import;
pub mod item;
pub mod publish;
pub mod reader;
pub mod search;
pub mod serve;
pub mod settings;
pub mod site;
pub mod time;

pub use error::Error;
