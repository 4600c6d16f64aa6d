-- Kept in step with ../sqlite/0026_search_speed.sql (server/src/search.rs). PostgreSQL needs no
-- row numbers to hand matches over newest first: its planner walks `articles_newest` and tests
-- each row for a common query, and uses the GIN index for a rare one. What it needs is a vector of
-- the title alone for the title matches: testing the title's words (weight A) against the whole
-- text's vector read 5,000 large (TOASTed) vectors to find ten titles (169 ms for "dân vận" on
-- 50,000 articles), and its statistics counted the words of the text as if they were the title's.
ALTER TABLE articles ADD COLUMN search_title tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', split_part(folded, E'\n', 1))
) STORED;
CREATE INDEX articles_search_title ON articles USING GIN (search_title);
-- (SQLite's `articles_sort` serves its FTS join, which PostgreSQL does not make.)
