-- laifang schema 4, PostgreSQL (twin of db/004_search.sql): search. No
-- FTS5 and no extension (KingbaseES and openGauss must take this too): the
-- store fills case_search.terms itself with the terms of laifang's own
-- bigram tokenizer (src/store/fts_bigram.c: overlapping two-character words
-- plus each character), as a tsvector of the `simple` configuration under
-- a GIN index. How the PG backend fills it: the tokenizer's terms with
-- their positions, written as tsvector text ('反映':1 '映':1 ...) and cast,
-- or joined by spaces through to_tsvector('simple', ...); the name's terms
-- weighted A, the address's B, the content's C (bm25's 10, 2, 1 on SQLite
-- becomes ts_rank's weights). A query is the same tokenizer's terms as a
-- tsquery ('工资', or '拆迁' <-> '迁补' for a phrase), matched with @@.
-- name, address and content are kept as text for the snippets (FTS5 kept
-- them too). Rows are written in the transaction of every write that
-- changes them (src/store/search.c, store_search_index); no backfill here:
-- a new PostgreSQL database has no cases, and `laifang db copy` indexes the
-- ones it brings.

-- case_seq is case_file.seq_id (FTS5's rowid).
CREATE TABLE case_search (
	case_seq bigint PRIMARY KEY,
	name text,
	address text,
	content text,
	terms tsvector NOT NULL
);
CREATE INDEX case_search_terms ON case_search USING gin (terms);

-- key: 'i' and the ID number reversed, or 'p' and the phone number's digits
-- reversed (laifang_search_key in C on both backends); a suffix of the
-- number is a prefix of the key, a range with text_pattern_ops whatever the
-- database's collation.
CREATE TABLE search_key (
	key text NOT NULL,
	case_seq bigint NOT NULL, -- case_file.seq_id (no foreign key: derived data)
	PRIMARY KEY (key, case_seq)
);
CREATE INDEX search_key_case ON search_key (case_seq);
CREATE INDEX search_key_prefix ON search_key (key text_pattern_ops);
