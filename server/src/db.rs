//! The only module that speaks SQL. The same statements run on SQLite and PostgreSQL through
//! sqlx's `Any` driver (`$n` placeholders, `ON CONFLICT`, `CAST(… AS BIGINT)` where PostgreSQL's
//! `SUM` would answer `numeric`); the schemas are in `migrations/{sqlite,postgres}`.

use crate::item::{stats_json, Row};
use crate::settings::{IDEMPOTENCY_KEY_TTL_SECS, ONLINE_WINDOW_SECS};
use crate::time::{vietnam_day, vietnam_month_start};
use crate::Error;
use minh_long_portal::model::Stats;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row as _};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool on the portal's database, migrated.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// One article as listed: its stored item and its view count.
pub struct Listed {
    pub item: String,
    pub views: i64,
}

/// What a counting request counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Visit,
    View(String),
}

impl Target {
    /// The resource an Idempotency-Key is bound to (a key reused on another one gets 422).
    pub fn resource(&self) -> String {
        match self {
            Target::Visit => "visits".to_string(),
            Target::View(key) => format!("views/{key}"),
        }
    }
}

/// One counting request, as the batch writer hands it to [`Db::count_batch`].
pub struct CountIn {
    pub idempotency_key: String,
    pub target: Target,
    /// The reader's keyed hash (never the IP).
    pub reader: String,
}

/// The answer of one counting request: the JSON body, and whether it counted.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    pub body: String,
    pub counted: bool,
}

fn backend_of(url: &str) -> Result<Backend, Error> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(Error::Source(format!("--db must be sqlite:PATH or postgres://…, not {url:?}")))
    }
}

/// `sqlite:PATH[?…]` with `mode=rwc` (created on first run), its directory created.
fn sqlite_url(url: &str) -> Result<String, Error> {
    let rest = url.trim_start_matches("sqlite:");
    let path = rest.trim_start_matches("//");
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    if path.is_empty() || path == ":memory:" {
        return Err(Error::Source("--db sqlite: needs a file path (the counts must survive a restart)".into()));
    }
    if let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let query = if query.split('&').any(|p| p.starts_with("mode=")) {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

fn int(row: &AnyRow, i: usize) -> Result<i64, Error> {
    Ok(row.try_get::<i64, _>(i)?)
}

impl Db {
    /// Connects, creates an SQLite file on first run (WAL, every commit synced), applies the
    /// migrations of the backend.
    pub async fn open(url: &str) -> Result<Db, Error> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let (url, connections) = match backend {
            // One writer at a time anyway; readers run beside it in WAL mode.
            Backend::Sqlite => (sqlite_url(url)?, 4),
            Backend::Postgres => (url.to_string(), 10),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(connections)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL: readers never wait for the writer. synchronous=FULL: a commit is
                        // on disk when it returns, so a 200 is never lost (batching keeps it fast).
                        for pragma in
                            ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 5000"]
                        {
                            sqlx::query(pragma).execute(&mut *conn).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
        }
        Ok(Db { pool, backend })
    }

    /// The pool, for what this module does not offer yet (tests hold locks with it).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so a
    /// writer waits for another (busy timeout) instead of failing when it upgrades from reading.
    async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, Error> {
        let begin = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        Ok(self.pool.begin_with(begin).await?)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Inserts or updates articles by key, in one transaction. A new article starts at the view
    /// count its source gave; an existing one keeps the count it has.
    pub async fn upsert_articles(&self, rows: &[(Row, i64)]) -> Result<(), Error> {
        let mut tx = self.write_tx().await?;
        for (row, views) in rows {
            sqlx::query(
                "INSERT INTO articles (key, item, published, section, folded, views) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (key) DO UPDATE SET item = excluded.item, published = excluded.published, \
                 section = excluded.section, folded = excluded.folded",
            )
            .bind(&row.key)
            .bind(&row.item)
            .bind(row.published)
            .bind(&row.section)
            .bind(&row.folded)
            .bind(*views)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Refreshes the planner's statistics (after an import: without them PostgreSQL sorts a
    /// 50,000-row table for every page instead of walking the index). PostgreSQL also vacuums,
    /// which marks the new rows visible to all: until then (autovacuum, a minute or more later) a
    /// deep list page checked 45,000 rows in the table instead of reading the index alone (93 ms
    /// against 5 ms on 50,000 articles).
    pub async fn analyze(&self) -> Result<(), Error> {
        let sql = match self.backend {
            Backend::Sqlite => "ANALYZE",
            Backend::Postgres => "VACUUM ANALYZE",
        };
        sqlx::query(sql).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn article(&self, key: &str) -> Result<Option<Listed>, Error> {
        let row =
            sqlx::query("SELECT item, views FROM articles WHERE key = $1").bind(key).fetch_optional(&self.pool).await?;
        row.map(|r| Ok(Listed { item: r.try_get(0)?, views: int(&r, 1)? })).transpose()
    }

    /// `limit` articles from `offset`, newest first, of `section` (a slug) when given.
    ///
    /// The page's keys are found first, from the sort indexes alone (`articles_newest`,
    /// `articles_section`), and only its rows are read: an `OFFSET` over the whole rows would read
    /// every skipped article (PostgreSQL fetched 50,000 items for the last page, 648 ms).
    pub async fn list(&self, section: Option<&str>, offset: i64, limit: i64) -> Result<Vec<Listed>, Error> {
        let (filter, n) = if section.is_some() { ("WHERE section = $1", 1) } else { ("", 0) };
        let sql = format!(
            "SELECT a.item, a.views FROM \
             (SELECT key, published FROM articles {filter} ORDER BY published DESC, key LIMIT ${} OFFSET ${}) p \
             JOIN articles a ON a.key = p.key ORDER BY p.published DESC, p.key",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(&sql);
        if let Some(s) = section {
            query = query.bind(s);
        }
        let rows = query.bind(limit).bind(offset).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(Listed { item: r.try_get(0)?, views: int(r, 1)? })).collect()
    }

    /// The articles of `keys`, in that order (a key no longer stored is left out).
    pub async fn articles_in_order(&self, keys: &[String]) -> Result<Vec<Listed>, Error> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let marks = (1..=keys.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT key, item, views FROM articles WHERE key IN ({marks})");
        let mut query = sqlx::query(&sql);
        for k in keys {
            query = query.bind(k);
        }
        let mut found = HashMap::new();
        for r in query.fetch_all(&self.pool).await? {
            found.insert(r.try_get::<String, _>(0)?, Listed { item: r.try_get(1)?, views: int(&r, 2)? });
        }
        Ok(keys.iter().filter_map(|k| found.remove(k)).collect())
    }

    pub async fn article_count(&self) -> Result<i64, Error> {
        let row = sqlx::query("SELECT COUNT(*) FROM articles").fetch_one(&self.pool).await?;
        int(&row, 0)
    }

    /// The feed-level `_portal` object (site name, contact); `{}` before the first import.
    pub async fn site(&self) -> Result<serde_json::Value, Error> {
        let row = sqlx::query("SELECT info FROM site WHERE id = 1").fetch_optional(&self.pool).await?;
        match row {
            Some(r) => {
                let text: String = r.try_get(0)?;
                serde_json::from_str(&text).map_err(|e| Error::Source(format!("stored site info: {e}")))
            }
            None => Ok(serde_json::json!({})),
        }
    }

    pub async fn set_site(&self, info: &serde_json::Value) -> Result<(), Error> {
        sqlx::query("INSERT INTO site (id, info) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET info = excluded.info")
            .bind(info.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The starting totals (a feed's `_portal.stats`), only where none are stored yet: an import
    /// never rewinds the counts.
    pub async fn seed_counters(&self, visits: i64, page_views: i64) -> Result<(), Error> {
        for (name, value) in [("visits", visits), ("page_views", page_views)] {
            sqlx::query("INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                .bind(name)
                .bind(value)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// The figures of `GET /api/stats` at `now`.
    pub async fn stats(&self, now: i64) -> Result<Stats, Error> {
        let mut conn = self.pool.acquire().await?;
        read_stats(&mut conn, now).await
    }

    /// The key of the reader hash for `day`, created by the first replica that needs it; the keys
    /// of earlier days are deleted, so yesterday's hashes cannot be recomputed.
    pub async fn day_salt(&self, day: &str, fresh: &str) -> Result<String, Error> {
        sqlx::query("INSERT INTO salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING")
            .bind(day)
            .bind(fresh)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM salts WHERE day < $1").bind(day).execute(&self.pool).await?;
        let row = sqlx::query("SELECT salt FROM salts WHERE day = $1").bind(day).fetch_one(&self.pool).await?;
        Ok(row.try_get(0)?)
    }

    /// Forgets Idempotency-Keys older than 24 h, reader marks older than the dedupe window and
    /// presence older than the online window.
    pub async fn prune(&self, now: i64, dedupe_secs: i64) -> Result<(), Error> {
        sqlx::query("DELETE FROM idempotency_keys WHERE created < $1")
            .bind(now - IDEMPOTENCY_KEY_TTL_SECS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM readers WHERE counted < $1").bind(now - dedupe_secs).execute(&self.pool).await?;
        sqlx::query("DELETE FROM presence WHERE seen < $1").bind(now - ONLINE_WINDOW_SECS).execute(&self.pool).await?;
        Ok(())
    }

    /// Counts a batch of requests in ONE transaction and answers each; nothing is answered before
    /// the commit. Per request, in order: a key already answered (earlier in this batch, or
    /// stored) gets its stored answer, or `KeyReused` on another resource; an unknown article
    /// `NotFound`; a reader counted on this resource within `dedupe_secs` (0 = never) gets the
    /// figures without a count; anyone else is counted.
    ///
    /// The statements are per batch, not per request: what the batch needs is read with one
    /// `IN (…)` query per table, decided in memory in request order, and written with multi-row
    /// statements (two statements per request made SQLite's single writer the bottleneck).
    ///
    /// `seen`: readers whose presence (for `online`) must be recorded.
    pub async fn count_batch(
        &self,
        ops: &[CountIn],
        seen: &[String],
        now: i64,
        dedupe_secs: i64,
    ) -> Result<Vec<Result<Counted, Error>>, Error> {
        let mut tx = self.write_tx().await?;
        let seen_rows: Vec<[Value<'_>; 2]> = seen.iter().map(|r| [Value::Text(r), Value::Int(now)]).collect();
        insert_rows(
            &mut tx,
            "INSERT INTO presence (reader, seen) VALUES",
            "ON CONFLICT (reader) DO UPDATE SET seen = excluded.seen",
            &seen_rows,
        )
        .await?;
        let mut stats = read_stats(&mut tx, now).await?;

        // Keys answered before (stored) or in this batch: key → (resource, answer).
        let keys: Vec<&str> = ops.iter().map(|o| o.idempotency_key.as_str()).collect();
        let mut answered: HashMap<String, (String, String)> = HashMap::new();
        for r in
            select_in(&mut tx, "SELECT key, resource, result FROM idempotency_keys WHERE key IN", "", &keys).await?
        {
            answered.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?));
        }
        // Article key → (views now, views added by this batch), for the articles viewed.
        let viewed: Vec<&str> = ops
            .iter()
            .filter_map(|o| match &o.target {
                Target::View(k) => Some(k.as_str()),
                Target::Visit => None,
            })
            .collect();
        let mut views: HashMap<String, (i64, i64)> = HashMap::new();
        for r in select_in(&mut tx, "SELECT key, views FROM articles WHERE key IN", "", &viewed).await? {
            views.insert(r.try_get(0)?, (int(&r, 1)?, 0));
        }
        // (reader, resource) → when last counted, for the readers of this batch.
        let mut last_counted: HashMap<(String, String), i64> = HashMap::new();
        if dedupe_secs > 0 {
            let readers: Vec<&str> = ops.iter().map(|o| o.reader.as_str()).collect();
            for r in select_in(&mut tx, "SELECT reader, resource, counted FROM readers WHERE reader IN", "", &readers)
                .await?
            {
                last_counted.insert((r.try_get(0)?, r.try_get(1)?), int(&r, 2)?);
            }
        }

        let (mut new_visits, mut new_page_views) = (0i64, 0i64);
        let mut new_keys: Vec<(&str, String, String)> = Vec::new();
        let mut marks: HashMap<(String, String), i64> = HashMap::new();
        let mut out = Vec::with_capacity(ops.len());
        for op in ops {
            let resource = op.target.resource();
            if let Some((r, body)) = answered.get(&op.idempotency_key) {
                out.push(if *r == resource {
                    Ok(Counted { body: body.clone(), counted: false })
                } else {
                    Err(Error::KeyReused)
                });
                continue;
            }
            if let Target::View(key) = &op.target {
                if !views.contains_key(key) {
                    out.push(Err(Error::NotFound));
                    continue;
                }
            }
            let mark = (op.reader.clone(), resource.clone());
            let counted = dedupe_secs == 0 || last_counted.get(&mark).is_none_or(|t| *t <= now - dedupe_secs);
            if counted && dedupe_secs > 0 {
                last_counted.insert(mark.clone(), now);
                marks.insert(mark, now);
            }
            let body = match &op.target {
                Target::Visit => {
                    if counted {
                        new_visits += 1;
                        for figure in [&mut stats.visits, &mut stats.today, &mut stats.this_month] {
                            *figure = Some(figure.unwrap_or(0) + 1);
                        }
                    }
                    stats_json(&stats).to_string()
                }
                Target::View(key) => {
                    let Some(v) = views.get_mut(key) else { return Err(Error::NotFound) };
                    if counted {
                        v.1 += 1;
                        new_page_views += 1;
                        stats.page_views = Some(stats.page_views.unwrap_or(0) + 1);
                    }
                    serde_json::json!({ "views": v.0 + v.1 }).to_string()
                }
            };
            answered.insert(op.idempotency_key.clone(), (resource.clone(), body.clone()));
            new_keys.push((&op.idempotency_key, resource, body.clone()));
            out.push(Ok(Counted { body, counted }));
        }

        let mark_rows: Vec<[Value<'_>; 3]> = marks
            .iter()
            .map(|((reader, resource), t)| [Value::Text(reader), Value::Text(resource), Value::Int(*t)])
            .collect();
        insert_rows(
            &mut tx,
            "INSERT INTO readers (reader, resource, counted) VALUES",
            "ON CONFLICT (reader, resource) DO UPDATE SET counted = excluded.counted",
            &mark_rows,
        )
        .await?;
        let key_rows: Vec<[Value<'_>; 4]> = new_keys
            .iter()
            .map(|(k, resource, body)| [Value::Text(k), Value::Text(resource), Value::Text(body), Value::Int(now)])
            .collect();
        insert_rows(&mut tx, "INSERT INTO idempotency_keys (key, resource, result, created) VALUES", "", &key_rows)
            .await?;
        // Added, not set: replicas on one PostgreSQL never overwrite each other's counts.
        for (name, added) in [("visits", new_visits), ("page_views", new_page_views)] {
            if added > 0 {
                sqlx::query(
                    "INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value",
                )
                .bind(name)
                .bind(added)
                .execute(&mut *tx)
                .await?;
            }
        }
        if new_visits > 0 {
            sqlx::query(
                "INSERT INTO visit_days (day, visits) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET visits = visit_days.visits + excluded.visits",
            )
            .bind(vietnam_day(now))
            .bind(new_visits)
            .execute(&mut *tx)
            .await?;
        }
        for (key, (_, added)) in &views {
            if *added > 0 {
                sqlx::query("UPDATE articles SET views = views + $1 WHERE key = $2")
                    .bind(*added)
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(out)
    }
}

/// Bound parameters per statement at most (SQLite allows 32,766, PostgreSQL 65,535).
const PARAMS_PER_STATEMENT: usize = 999;

/// A value bound into a multi-row statement.
enum Value<'a> {
    Text(&'a str),
    Int(i64),
}

/// Rows of `values`, in as few statements as the parameter limit allows:
/// `{head} ($1, $2), ($3, $4)… {tail}`.
async fn insert_rows<const N: usize>(
    conn: &mut sqlx::AnyConnection,
    head: &str,
    tail: &str,
    rows: &[[Value<'_>; N]],
) -> Result<(), Error> {
    for chunk in rows.chunks(PARAMS_PER_STATEMENT / N) {
        let tuples = (0..chunk.len())
            .map(|r| format!("({})", (1..=N).map(|c| format!("${}", r * N + c)).collect::<Vec<_>>().join(", ")))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("{head} {tuples} {tail}");
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for v in row {
                query = match v {
                    Value::Text(t) => query.bind(*t),
                    Value::Int(i) => query.bind(*i),
                };
            }
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The rows of `{head} ($1, $2…) {tail}` for every distinct value of `values`, in as few
/// statements as the parameter limit allows.
async fn select_in(
    conn: &mut sqlx::AnyConnection,
    head: &str,
    tail: &str,
    values: &[&str],
) -> Result<Vec<AnyRow>, Error> {
    let mut distinct: Vec<&str> = values.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut rows = Vec::new();
    for chunk in distinct.chunks(PARAMS_PER_STATEMENT) {
        let marks = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("{head} ({marks}) {tail}");
        let mut query = sqlx::query(&sql);
        for v in chunk {
            query = query.bind(*v);
        }
        rows.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(rows)
}

async fn read_stats(conn: &mut sqlx::AnyConnection, now: i64) -> Result<Stats, Error> {
    let mut stats = Stats::default();
    for row in sqlx::query("SELECT name, value FROM counters").fetch_all(&mut *conn).await? {
        let name: String = row.try_get(0)?;
        let value = int(&row, 1)?.max(0) as u64;
        match name.as_str() {
            "visits" => stats.visits = Some(value),
            "page_views" => stats.page_views = Some(value),
            _ => {}
        }
    }
    let today = vietnam_day(now);
    let row = sqlx::query("SELECT CAST(COALESCE(SUM(visits), 0) AS BIGINT) FROM visit_days WHERE day = $1")
        .bind(&today)
        .fetch_one(&mut *conn)
        .await?;
    stats.today = Some(int(&row, 0)?.max(0) as u64);
    let row =
        sqlx::query("SELECT CAST(COALESCE(SUM(visits), 0) AS BIGINT) FROM visit_days WHERE day >= $1 AND day <= $2")
            .bind(vietnam_month_start(now))
            .bind(&today)
            .fetch_one(&mut *conn)
            .await?;
    stats.this_month = Some(int(&row, 0)?.max(0) as u64);
    let row = sqlx::query("SELECT COUNT(*) FROM presence WHERE seen >= $1")
        .bind(now - ONLINE_WINDOW_SECS)
        .fetch_one(&mut *conn)
        .await?;
    stats.online = Some(int(&row, 0)?.max(0) as u64);
    stats.visits.get_or_insert(0);
    stats.page_views.get_or_insert(0);
    Ok(stats)
}

/// Publishing (issue 25, `publish.rs`) and the whole-archive search (`search.rs`).
impl Db {
    /// Where the article `key` sits: its section and its place in the news list (newest first, from
    /// 0; the order of `list`: `published DESC, key`). `None` when there is no such article.
    pub async fn placed(&self, key: &str) -> Result<Option<Placed>, Error> {
        let Some(row) = sqlx::query("SELECT section, published FROM articles WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let section: String = row.try_get(0)?;
        let position = self.position(int(&row, 1)?, key).await?;
        Ok(Some(Placed { section: (!section.is_empty()).then_some(section), position }))
    }

    /// How many articles the news list shows before one dated `published` with key `key`.
    pub async fn position(&self, published: i64, key: &str) -> Result<i64, Error> {
        let row = sqlx::query("SELECT COUNT(*) FROM articles WHERE published > $1 OR (published = $1 AND key < $2)")
            .bind(published)
            .bind(key)
            .fetch_one(&self.pool)
            .await?;
        int(&row, 0)
    }

    /// Deletes the article `key` (its view count goes with it); whether there was one.
    pub async fn delete_article(&self, key: &str) -> Result<bool, Error> {
        let done = sqlx::query("DELETE FROM articles WHERE key = $1").bind(key).execute(&self.pool).await?;
        Ok(done.rows_affected() > 0)
    }
}

/// An article's section (slug) and place in the news list: [`Db::placed`].
pub struct Placed {
    pub section: Option<String>,
    pub position: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_the_file() {
        assert_eq!(sqlite_url("sqlite:/tmp/x/portal.db").unwrap(), "sqlite:///tmp/x/portal.db?mode=rwc");
        assert_eq!(sqlite_url("sqlite:/tmp/p.db?mode=ro").unwrap(), "sqlite:///tmp/p.db?mode=ro");
        assert!(sqlite_url("sqlite::memory:").is_err());
        assert!(backend_of("mysql://x").is_err());
    }
}
