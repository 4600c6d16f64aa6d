-- Search on 50,000 articles within 50 ms (issue 24; server/src/search.rs). A ranked page needs
-- only the newest matches, so the index yields them newest first and stops: each article's FTS
-- row number (`search_ids.id`) is its date in Unix seconds times 2^20 plus a sequence number among
-- the articles of the same second, and FTS5 walks a match in descending row numbers without
-- reading the rest. Before, every match (40,000 for "dân vận" on the benchmark's archive) was
-- joined to its article and sorted: 40-100 ms a query on an idle machine.
--
-- Dates are clamped to ±2^42 s (±139,000 years; undated articles, i64::MIN, take the bottom): the
-- order of row numbers follows the dates, and search.rs reads the exact date from `articles`.
-- A 2^20th article of one second is refused (the write fails) rather than misordered: no portal
-- publishes a million articles a second; an archive of a million undated ones would need a wider
-- sequence.
--
-- The FTS index also keeps prefix indexes of 2, 3 and 4 characters: every query word is a prefix
-- ("dan" finds "dân", "dang", "danh"…), and without them a short prefix merges the lists of all
-- its words (23 ms for "dan van" alone, 1.7 ms with them; the database grows by about 25 %).

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_update;
DROP TRIGGER articles_fts_delete;
DROP TABLE articles_fts;
DROP TABLE search_ids;

CREATE TABLE search_ids (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
);

-- Both triggers delete the article's rows and write them again (its date may have changed, and
-- with it its row number), so that an UPSERT firing either or both leaves one row per article.
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = (SELECT id FROM search_ids WHERE key = new.key);
    DELETE FROM search_ids WHERE key = new.key;
    INSERT INTO search_ids (id, key)
        SELECT CASE WHEN max(id) >= base + 1048575 THEN RAISE(ABORT, 'more than 2^20 articles dated the same second')
                    ELSE coalesce(max(id) + 1, base) END, new.key
        FROM (SELECT max(-4398046511104, min(4398046511103, new.published)) * 1048576 AS base)
        LEFT JOIN search_ids ON id BETWEEN base AND base + 1048575;
    INSERT INTO articles_fts (rowid, title, body) VALUES (
        (SELECT id FROM search_ids WHERE key = new.key),
        substr(new.folded, 1, instr(new.folded || char(10), char(10)) - 1),
        substr(new.folded, instr(new.folded || char(10), char(10)) + 1)
    );
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF folded, published ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = (SELECT id FROM search_ids WHERE key = new.key);
    DELETE FROM search_ids WHERE key = new.key;
    INSERT INTO search_ids (id, key)
        SELECT CASE WHEN max(id) >= base + 1048575 THEN RAISE(ABORT, 'more than 2^20 articles dated the same second')
                    ELSE coalesce(max(id) + 1, base) END, new.key
        FROM (SELECT max(-4398046511104, min(4398046511103, new.published)) * 1048576 AS base)
        LEFT JOIN search_ids ON id BETWEEN base AND base + 1048575;
    INSERT INTO articles_fts (rowid, title, body) VALUES (
        (SELECT id FROM search_ids WHERE key = new.key),
        substr(new.folded, 1, instr(new.folded || char(10), char(10)) - 1),
        substr(new.folded, instr(new.folded || char(10), char(10)) + 1)
    );
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = (SELECT id FROM search_ids WHERE key = old.key);
    DELETE FROM search_ids WHERE key = old.key;
END;

-- The articles stored before: numbered within each second in key order.
INSERT INTO search_ids (id, key)
    SELECT base + row_number() OVER (PARTITION BY base ORDER BY key) - 1, key
    FROM (SELECT max(-4398046511104, min(4398046511103, published)) * 1048576 AS base, key FROM articles);
INSERT INTO articles_fts (rowid, title, body)
    SELECT s.id,
           substr(a.folded, 1, instr(a.folded || char(10), char(10)) - 1),
           substr(a.folded, instr(a.folded || char(10), char(10)) + 1)
    FROM articles a JOIN search_ids s ON s.key = a.key;

-- A match's date and section, read from this index alone (search.rs names it).
CREATE INDEX articles_sort ON articles (key, published, section);
