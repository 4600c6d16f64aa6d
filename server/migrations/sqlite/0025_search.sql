-- Whole-archive search (issue 25, server/src/search.rs). `articles.folded` holds the folded
-- title's words, a line break, the folded summary and text's words: FTS5 indexes the two parts as
-- two columns, so that a title match ranks first.

-- The FTS rows' numbers: an INTEGER PRIMARY KEY keeps its values through VACUUM (a plain rowid
-- of `articles` may change).
CREATE TABLE search_ids (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE
);

-- The text is folded in Rust before it gets here (FTS5's remove_diacritics does not fold đ).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');

-- Written so that running either twice for a key leaves one row (an UPSERT that turns into an
-- update must not fail on search_ids' UNIQUE, whichever triggers it fires; `OR IGNORE` would not
-- do: the outer statement's conflict handling overrides a trigger's).
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_ids (key) SELECT new.key WHERE NOT EXISTS (SELECT 1 FROM search_ids WHERE key = new.key);
    DELETE FROM articles_fts WHERE rowid = (SELECT id FROM search_ids WHERE key = new.key);
    INSERT INTO articles_fts (rowid, title, body) VALUES (
        (SELECT id FROM search_ids WHERE key = new.key),
        substr(new.folded, 1, instr(new.folded || char(10), char(10)) - 1),
        substr(new.folded, instr(new.folded || char(10), char(10)) + 1)
    );
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF folded ON articles BEGIN
    INSERT INTO search_ids (key) SELECT new.key WHERE NOT EXISTS (SELECT 1 FROM search_ids WHERE key = new.key);
    DELETE FROM articles_fts WHERE rowid = (SELECT id FROM search_ids WHERE key = new.key);
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

-- Articles stored before this migration.
INSERT INTO search_ids (key) SELECT key FROM articles;
INSERT INTO articles_fts (rowid, title, body)
    SELECT s.id,
           substr(a.folded, 1, instr(a.folded || char(10), char(10)) - 1),
           substr(a.folded, instr(a.folded || char(10), char(10)) + 1)
    FROM articles a JOIN search_ids s ON s.key = a.key;
