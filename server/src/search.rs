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
//! Each part is read newest first from its index and only as far as the page goes (migrations
//! `0026_search_speed.sql`: SQLite's FTS row numbers follow the dates).

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
///
/// The ranked list is the title matches, then the other matches, each newest first (`published
/// DESC, key`, the order of the news list). Only as many of each as the page reaches are read:
/// the indexes hand them over newest first ([`newest`]), so a page of a query that matches most
/// of the archive costs what a page of a rare one does.
pub async fn search(db: &Db, q: &str, section: Option<&str>, offset: i64, limit: i64) -> Result<Vec<Listed>, Error> {
    let words = query_words(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let (in_title, rest) = match db.backend() {
        Backend::Sqlite => {
            // FTS5 query syntax: each word a quoted string (its '"' doubled) with the prefix '*'.
            let term = |w: &String| format!("\"{}\"*", w.replace('"', "\"\""));
            let all = words.iter().map(term).collect::<Vec<_>>().join(" AND ");
            let in_title = words.iter().map(|w| format!("title : {}", term(w))).collect::<Vec<_>>().join(" AND ");
            let rest = format!("({all}) NOT ({in_title})");
            (in_title, rest)
        }
        Backend::Postgres => {
            // tsquery syntax: each word a quoted lexeme (its "'" doubled) with the prefix ':*';
            // ':*A' matches the title's (weight A) lexemes only.
            // The title's own vector (`search_title`, migration 0026) answers the title part: small,
            // never TOASTed, with statistics of its own (testing ':*A' against the whole text's
            // vector read 5,000 large vectors to find ten titles, 169 ms).
            let term = |w: &String, weight: &str| format!("'{}':*{weight}", w.replace('\'', "''"));
            let all = words.iter().map(|w| term(w, "")).collect::<Vec<_>>().join(" & ");
            let title_words = words.iter().map(|w| term(w, "A")).collect::<Vec<_>>().join(" & ");
            let rest = format!("({all}) & !({title_words})");
            (all, rest)
        }
    };
    let reach = offset.saturating_add(limit);
    let mut ranked = newest(db, Part::Title, &in_title, section, reach).await?;
    if (ranked.len() as i64) < reach {
        let more = newest(db, Part::Rest, &rest, section, reach - ranked.len() as i64).await?;
        ranked.extend(more);
    }
    let page: Vec<String> = ranked.into_iter().skip(usize::try_from(offset).unwrap_or(usize::MAX)).collect();
    db.articles_in_order(&page).await
}

/// The two parts of the ranked list.
#[derive(Clone, Copy)]
enum Part {
    /// Every word in the title.
    Title,
    /// The other matches.
    Rest,
}

/// The keys of the `n` newest articles (`published DESC, key`) of `section` matching `query`
/// (the index's own query syntax) in `part`.
async fn newest(db: &Db, part: Part, query: &str, section: Option<&str>, n: i64) -> Result<Vec<String>, Error> {
    if n <= 0 {
        return Ok(Vec::new());
    }
    match db.backend() {
        Backend::Sqlite => {
            // The part is in the query itself (`title : …`, `NOT`).
            // Row numbers are dates × 2^20 + a sequence (migration 0026): the FTS index yields
            // the newest first and stops at `n`. Articles of the last date read may go on past
            // `n` and sort by key among themselves: all of that date are read, then cut.
            let sql = |floor: bool| {
                format!(
                    "SELECT s.key, k.published, articles_fts.rowid FROM articles_fts \
                     JOIN search_ids s ON s.id = articles_fts.rowid \
                     JOIN articles k INDEXED BY articles_sort ON k.key = s.key \
                     WHERE articles_fts MATCH $1 {} {} ORDER BY articles_fts.rowid DESC {}",
                    if section.is_some() { "AND k.section = $2" } else { "" },
                    match (floor, section.is_some()) {
                        (false, _) => "",
                        (true, false) => "AND articles_fts.rowid >= $2",
                        (true, true) => "AND articles_fts.rowid >= $3",
                    },
                    if floor {
                        ""
                    } else if section.is_some() {
                        "LIMIT $3"
                    } else {
                        "LIMIT $2"
                    },
                )
            };
            let run = |floor: Option<i64>| {
                let sql = sql(floor.is_some());
                async move {
                    let mut query = sqlx::query(&sql).bind(query);
                    if let Some(s) = section {
                        query = query.bind(s);
                    }
                    let rows = query.bind(floor.unwrap_or(n)).fetch_all(db.pool()).await?;
                    rows.iter()
                        .map(|r| Ok((r.try_get::<String, _>(0)?, r.try_get::<i64, _>(1)?, r.try_get::<i64, _>(2)?)))
                        .collect::<Result<Vec<_>, Error>>()
                }
            };
            let mut rows = run(None).await?;
            if let Some(&(_, _, last)) = rows.last().filter(|_| rows.len() as i64 == n) {
                rows = run(Some(last.div_euclid(SECOND) * SECOND)).await?;
            }
            rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            rows.truncate(usize::try_from(n).unwrap_or(usize::MAX));
            Ok(rows.into_iter().map(|(key, _, _)| key).collect())
        }
        Backend::Postgres => {
            let sql = format!(
                "SELECT key FROM articles WHERE {} @@ to_tsquery('simple', $1) {} \
                 ORDER BY published DESC, key LIMIT ${}",
                match part {
                    Part::Title => "search_title",
                    Part::Rest => "search",
                },
                if section.is_some() { "AND section = $2" } else { "" },
                if section.is_some() { 3 } else { 2 }
            );
            let mut q = sqlx::query(&sql).bind(query);
            if let Some(s) = section {
                q = q.bind(s);
            }
            let rows = q.bind(n).fetch_all(db.pool()).await?;
            rows.iter().map(|r| Ok(r.try_get::<String, _>(0)?)).collect()
        }
    }
}

/// The FTS row numbers of one second (migration 0026: a date's numbers start at date × 2^20).
const SECOND: i64 = 1 << 20;

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
