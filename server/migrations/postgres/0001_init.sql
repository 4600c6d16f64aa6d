-- The portal server's schema (PostgreSQL). Kept column for column equal to ../sqlite/0001_init.sql:
-- the server runs the same statements on both.

-- One row per article; `item` is the JSON Feed item as served (its `_portal.views` is filled from
-- `views` on the way out, so counting never rewrites the item).
CREATE TABLE articles (
    key TEXT PRIMARY KEY,
    item TEXT NOT NULL,
    -- Sort key: the article's date (published, else modified) in Unix seconds; undated articles
    -- carry the smallest value and sort last.
    published BIGINT NOT NULL,
    -- The slug of its section (category, else first tag): what `tag=` matches.
    section TEXT NOT NULL,
    -- Title, summary and text folded (lower case, no diacritics) for `q=` (server/src/search.rs).
    folded TEXT NOT NULL,
    views BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX articles_newest ON articles (published DESC, key);
CREATE INDEX articles_section ON articles (section, published DESC, key);

-- The feed-level `_portal` object (site name, contact), one row.
CREATE TABLE site (
    id BIGINT PRIMARY KEY,
    info TEXT NOT NULL
);

-- Site-wide totals: 'visits', 'page_views' (the imported starting figures plus every count).
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

-- Visits counted per calendar day in Vietnam time ('YYYY-MM-DD'): `today` and `this_month`.
CREATE TABLE visit_days (
    day TEXT PRIMARY KEY,
    visits BIGINT NOT NULL
);

-- Idempotency-Key of every counting POST answered in the last 24 h: the resource it counted and
-- the answer it got.
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    resource TEXT NOT NULL,
    result TEXT NOT NULL,
    created BIGINT NOT NULL
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created);

-- When a reader (keyed hash of IP + User-Agent, never the IP) was last counted on a resource.
CREATE TABLE readers (
    reader TEXT NOT NULL,
    resource TEXT NOT NULL,
    counted BIGINT NOT NULL,
    PRIMARY KEY (reader, resource)
);
CREATE INDEX readers_counted ON readers (counted);

-- Readers seen by a counting request: `online` is how many in the last 5 minutes.
CREATE TABLE presence (
    reader TEXT PRIMARY KEY,
    seen BIGINT NOT NULL
);
CREATE INDEX presence_seen ON presence (seen);

-- The day's key of the reader hash (shared by every replica on one database), deleted after use.
CREATE TABLE salts (
    day TEXT PRIMARY KEY,
    salt TEXT NOT NULL
);
