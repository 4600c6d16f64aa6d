-- Whole-archive search (issue 25, server/src/search.rs). `articles.folded` holds the folded
-- title's words, a line break, the folded summary and text's words. The 'simple' configuration
-- lower-cases and splits, nothing more (no stemming, no stop words): the text is folded in Rust,
-- so that đ → d as everywhere in the portal. The title's words carry weight A.
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', split_part(folded, E'\n', 1)), 'A')
    || setweight(to_tsvector('simple', split_part(folded, E'\n', 2)), 'D')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
