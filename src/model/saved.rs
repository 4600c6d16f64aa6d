//! What the reader's browser keeps between visits for offline reading (README, "Offline reading"),
//! as the strings `localStorage` holds: the last counter figures with the time they were fetched,
//! and the articles the reader opened, newest first.

use crate::model::Stats;

/// How many opened articles the list keeps (the worker keeps 60 data answers, more than this).
pub const MAX_READ: usize = 20;

/// `"<seconds>;<visits>,<page views>,<online>,<today>,<this month>"`, an empty field for a figure the
/// source does not give.
pub fn encode_stats(stats: &Stats, fetched_at: i64) -> String {
    let show = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    let figures = [stats.visits, stats.page_views, stats.online, stats.today, stats.this_month].map(show).join(",");
    format!("{fetched_at};{figures}")
}

/// The figures and when they were fetched; `None` for anything else (another version's format,
/// a value edited by hand).
pub fn decode_stats(raw: &str) -> Option<(Stats, i64)> {
    let (at, figures) = raw.split_once(';')?;
    let at = at.parse::<i64>().ok()?;
    let fields: Vec<&str> = figures.split(',').collect();
    if fields.len() != 5 {
        return None;
    }
    let mut values = [None; 5];
    for (slot, field) in values.iter_mut().zip(&fields) {
        if !field.is_empty() {
            *slot = Some(field.parse::<u64>().ok()?);
        }
    }
    let [visits, page_views, online, today, this_month] = values;
    Some((Stats { visits, page_views, online, today, this_month }, at))
}

/// An article the reader opened: its slug (the address) and its title (the link's text).
#[derive(Clone, Debug, PartialEq)]
pub struct ReadEntry {
    pub slug: String,
    pub title: String,
}

/// The opened articles, one per line as `slug<TAB>title`, newest first. Lines that do not read are
/// dropped; so are repeats and everything past [`MAX_READ`].
pub fn decode_read(raw: &str) -> Vec<ReadEntry> {
    let mut list: Vec<ReadEntry> = Vec::new();
    for line in raw.lines() {
        let Some((slug, title)) = line.split_once('\t') else { continue };
        if slug.is_empty() || list.iter().any(|e| e.slug == slug) {
            continue;
        }
        list.push(ReadEntry { slug: slug.to_string(), title: title.to_string() });
        if list.len() == MAX_READ {
            break;
        }
    }
    list
}

pub fn encode_read(list: &[ReadEntry]) -> String {
    list.iter().map(|e| format!("{}\t{}", e.slug, e.title)).collect::<Vec<_>>().join("\n")
}

/// `list` with `entry` first (moved there if it was already in it), at most [`MAX_READ`] long.
/// Tabs and line breaks in the title (or slug) become spaces so the stored form stays one line each.
pub fn push_read(list: &mut Vec<ReadEntry>, entry: ReadEntry) {
    let flat = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let entry = ReadEntry { slug: flat(&entry.slug), title: flat(&entry.title) };
    list.retain(|e| e.slug != entry.slug);
    list.insert(0, entry);
    list.truncate(MAX_READ);
}
