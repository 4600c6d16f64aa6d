//! Offline reading in the prerender: no worker, no storage, no connection to follow.

use crate::model::saved::ReadEntry;

/// No worker answers the prerender.
pub fn available() -> bool {
    false
}

/// Nothing is kept: there is no worker to keep it.
pub fn keep_data(_url: &str) {}

/// No page is saved on the build machine.
pub async fn is_saved(_href: &str) -> bool {
    false
}

/// No reader, no list of opened articles.
pub fn remember_read(_slug: &str, _title: &str) {}

/// No reader, no list of opened articles.
pub fn read_list() -> Vec<ReadEntry> {
    Vec::new()
}

/// No connection to follow and no worker.
pub fn watch_connection(_on_online: fn(), _on_fresh_copy: fn(Option<i64>)) {}
