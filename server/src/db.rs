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
    /// 50,000-row table for every page instead of walking the index).
    pub async fn analyze(&self) -> Result<(), Error> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn article(&self, key: &str) -> Result<Option<Listed>, Error> {
        let row =
            sqlx::query("SELECT item, views FROM articles WHERE key = $1").bind(key).fetch_optional(&self.pool).await?;
        row.map(|r| Ok(Listed { item: r.try_get(0)?, views: int(&r, 1)? })).transpose()
    }

    /// `limit` articles from `offset`, newest first, of `section` (a slug) when given, whose
    /// folded text is `LIKE` every pattern.
    pub async fn list(
        &self,
        section: Option<&str>,
        patterns: &[String],
        offset: i64,
        limit: i64,
    ) -> Result<Vec<Listed>, Error> {
        let mut conditions = Vec::new();
        let mut n = 0;
        if section.is_some() {
            n += 1;
            conditions.push(format!("section = ${n}"));
        }
        for _ in patterns {
            n += 1;
            conditions.push(format!("folded LIKE ${n}"));
        }
        let filter = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let sql = format!(
            "SELECT item, views FROM articles {filter} ORDER BY published DESC, key LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(&sql);
        if let Some(s) = section {
            query = query.bind(s);
        }
        for p in patterns {
            query = query.bind(p.as_str());
        }
        let rows = query.bind(limit).bind(offset).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(Listed { item: r.try_get(0)?, views: int(r, 1)? })).collect()
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
    /// `seen`: readers whose presence (for `online`) must be recorded.
    pub async fn count_batch(
        &self,
        ops: &[CountIn],
        seen: &[String],
        now: i64,
        dedupe_secs: i64,
    ) -> Result<Vec<Result<Counted, Error>>, Error> {
        let mut tx = self.write_tx().await?;
        for reader in seen {
            sqlx::query("INSERT INTO presence (reader, seen) VALUES ($1, $2) ON CONFLICT (reader) DO UPDATE SET seen = excluded.seen")
                .bind(reader)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        let mut stats = read_stats(&mut tx, now).await?;
        let (mut new_visits, mut new_page_views) = (0i64, 0i64);
        // Article key → (views now, views added by this batch).
        let mut views: HashMap<String, (i64, i64)> = HashMap::new();
        // Keys answered in this batch: (resource, answer).
        let mut answered: HashMap<String, (String, String)> = HashMap::new();
        let mut out = Vec::with_capacity(ops.len());
        for op in ops {
            let resource = op.target.resource();
            let earlier = match answered.get(&op.idempotency_key) {
                Some((r, body)) => Some((r.clone(), body.clone())),
                None => sqlx::query("SELECT resource, result FROM idempotency_keys WHERE key = $1")
                    .bind(&op.idempotency_key)
                    .fetch_optional(&mut *tx)
                    .await?
                    .map(|r| -> Result<(String, String), Error> { Ok((r.try_get(0)?, r.try_get(1)?)) })
                    .transpose()?,
            };
            if let Some((r, body)) = earlier {
                out.push(if r == resource { Ok(Counted { body, counted: false }) } else { Err(Error::KeyReused) });
                continue;
            }
            if let Target::View(key) = &op.target {
                if !views.contains_key(key) {
                    let row = sqlx::query("SELECT views FROM articles WHERE key = $1")
                        .bind(key)
                        .fetch_optional(&mut *tx)
                        .await?;
                    match row {
                        Some(r) => {
                            views.insert(key.clone(), (int(&r, 0)?, 0));
                        }
                        None => {
                            out.push(Err(Error::NotFound));
                            continue;
                        }
                    }
                }
            }
            let counted = if dedupe_secs > 0 {
                let last = sqlx::query("SELECT counted FROM readers WHERE reader = $1 AND resource = $2")
                    .bind(&op.reader)
                    .bind(&resource)
                    .fetch_optional(&mut *tx)
                    .await?
                    .map(|r| int(&r, 0))
                    .transpose()?;
                last.is_none_or(|t| t <= now - dedupe_secs)
            } else {
                true
            };
            if counted && dedupe_secs > 0 {
                sqlx::query(
                    "INSERT INTO readers (reader, resource, counted) VALUES ($1, $2, $3) \
                     ON CONFLICT (reader, resource) DO UPDATE SET counted = excluded.counted",
                )
                .bind(&op.reader)
                .bind(&resource)
                .bind(now)
                .execute(&mut *tx)
                .await?;
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
            sqlx::query("INSERT INTO idempotency_keys (key, resource, result, created) VALUES ($1, $2, $3, $4)")
                .bind(&op.idempotency_key)
                .bind(&resource)
                .bind(&body)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            answered.insert(op.idempotency_key.clone(), (resource, body.clone()));
            out.push(Ok(Counted { body, counted }));
        }
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
