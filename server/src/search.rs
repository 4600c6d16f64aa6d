//! `q=`: the whole archive, searched by a full-text index of each database (issue 25).
//!
//! The same rule as the app's own search (`minh_long_portal::model::search`), with its one folding
//! table: diacritic- and case-insensitive, đ/Đ → d ("dan van" finds "Dân vận", "duong" finds
//! "Đường"), every query word must begin some word of the title, summary or text. The text is
//! folded in Rust before it is indexed and before a query runs, because neither index folds
//! Vietnamese fully (SQLite FTS5's `remove_diacritics` leaves đ alone: it has no Unicode
//! decomposition).
//!
//! Stored: `articles.folded` is the folded title's words, a line break, the folded summary and
//! text's words ([`folded_text`]). Indexed (migrations `0025_search.sql`):
//! - SQLite: an FTS5 table `articles_fts (title, body)`, kept by triggers on `articles`, its rows
//!   numbered by `search_ids` (an INTEGER PRIMARY KEY, which VACUUM keeps, unlike a rowid).
//! - PostgreSQL: a generated `tsvector` column `articles.search` ('simple' configuration: no
//!   stemming, no stop words; the title's words weighted A), with a GIN index.
//!
//! Ranked: articles with every word in the title first, then the others; newest first within each.

use crate::db::{Backend, Db, Listed};
use crate::Error;
use minh_long_portal::model::search::{folded_body, folded_title, query_words};
use minh_long_portal::model::Article;
use sqlx::Row as _;

/// The stored search text of `a`: the folded title's words, `\n`, the folded body's words, each
/// word once separated by one space (the migrations split the line in two index columns).
pub fn folded_text(a: &Article) -> String {
    format!("{}\n{}", words(&folded_title(a)), words(&folded_body(a)))
}

/// The words of folded text, separated by single spaces (no line break can remain).
fn words(folded: &str) -> String {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// One page (`limit` rows from `offset`) of the articles of `section` (a slug, if any) that
/// match `q`, ranked; nothing for a query without a word.
pub async fn search(db: &Db, q: &str, section: Option<&str>, offset: i64, limit: i64) -> Result<Vec<Listed>, Error> {
    let words = query_words(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // Placeholders numbered in the order they appear (SQLite numbers `$N` by first appearance).
    let section_filter = |column: &str| section.map(|_| format!("AND {column} = $2")).unwrap_or_default();
    let n = if section.is_some() { 3 } else { 2 };
    let (sql, all, in_title) = match db.backend() {
        Backend::Sqlite => {
            // FTS5 query syntax: each word a quoted string (its '"' doubled) with the prefix '*'.
            let term = |w: &String| format!("\"{}\"*", w.replace('"', "\"\""));
            let all = words.iter().map(term).collect::<Vec<_>>().join(" AND ");
            let in_title = words.iter().map(|w| format!("title : {}", term(w))).collect::<Vec<_>>().join(" AND ");
            let sql = format!(
                "SELECT a.item, a.views FROM articles_fts JOIN search_ids s ON s.id = articles_fts.rowid \
                 JOIN articles a ON a.key = s.key \
                 WHERE articles_fts MATCH $1 {} \
                 ORDER BY articles_fts.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ${n}) DESC, \
                 a.published DESC, a.key LIMIT ${} OFFSET ${}",
                section_filter("a.section"),
                n + 1,
                n + 2
            );
            (sql, all, in_title)
        }
        Backend::Postgres => {
            // tsquery syntax: each word a quoted lexeme (its "'" doubled) with the prefix ':*';
            // ':*A' matches the title's (weight A) lexemes only.
            let term = |w: &String, weight: &str| format!("'{}':*{weight}", w.replace('\'', "''"));
            let all = words.iter().map(|w| term(w, "")).collect::<Vec<_>>().join(" & ");
            let in_title = words.iter().map(|w| term(w, "A")).collect::<Vec<_>>().join(" & ");
            let sql = format!(
                "SELECT item, views FROM articles \
                 WHERE search @@ to_tsquery('simple', $1) {} \
                 ORDER BY search @@ to_tsquery('simple', ${n}) DESC, published DESC, key LIMIT ${} OFFSET ${}",
                section_filter("section"),
                n + 1,
                n + 2
            );
            (sql, all, in_title)
        }
    };
    let mut query = sqlx::query(&sql).bind(all);
    if let Some(s) = section {
        query = query.bind(s);
    }
    let rows = query.bind(in_title).bind(limit).bind(offset).fetch_all(db.pool()).await?;
    rows.iter().map(|r| Ok(Listed { item: r.try_get(0)?, views: r.try_get::<i64, _>(1)? })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_and_the_body_are_folded_on_two_lines() {
        let a = Article {
            title: Some("Đường giao thông: Dân vận khéo".into()),
            content_text: Some("COVID-19, năm 2022".into()),
            ..Default::default()
        };
        assert_eq!(folded_text(&a), "duong giao thong dan van kheo\ncovid 19 nam 2022");
    }
}
