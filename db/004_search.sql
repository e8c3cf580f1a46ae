-- laifang schema 4: search. One full-text row per case (its visitors' names
-- and addresses as written on the sheet, and the content), tokenised by
-- laifang's own tokenizer (src/store/fts_bigram.c: Chinese as overlapping
-- two-character words plus each character, so one- and two-character queries
-- are index searches too), and the ID and phone numbers of a case's visitors
-- as reversed keys, so "the last four digits" is an index range.
-- The store keeps both current inside the transaction of every write that
-- changes them (src/store/search.c, store_search_index). The FTS5 table and
-- laifang_search_key() are SQLite's; a PostgreSQL backend does this its own
-- way (pg_trgm or a bigram column, reverse()).

-- rowid is case_file.seq_id.
CREATE VIRTUAL TABLE case_search USING fts5 (name, address, content, tokenize = 'laifang', detail = full);

INSERT INTO case_search (rowid, name, address, content)
SELECT c.seq_id,
       (SELECT group_concat(name, ' ') FROM
          (SELECT name FROM case_visitor WHERE case_id = c.id ORDER BY position)),
       (SELECT group_concat(address, ' ') FROM
          (SELECT address FROM case_visitor WHERE case_id = c.id AND address IS NOT NULL ORDER BY position)),
       c.content
FROM case_file c;

-- key: 'i' and the ID number reversed, or 'p' and the phone number's digits
-- reversed; a suffix of the number is a prefix of the key. The ID number is
-- the person's (visitor), the phone the sheet's (case_visitor).
CREATE TABLE search_key (
	key TEXT NOT NULL,
	case_seq INTEGER NOT NULL, -- case_file.seq_id (no foreign key: derived data, rebuilt by the store)
	PRIMARY KEY (key, case_seq)
) STRICT;
CREATE INDEX search_key_case ON search_key (case_seq);

INSERT INTO search_key (key, case_seq)
SELECT laifang_search_key('i', v.id_number), c.seq_id
FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id JOIN visitor v ON v.id = cv.visitor_id
WHERE laifang_search_key('i', v.id_number) IS NOT NULL
UNION
SELECT laifang_search_key('p', cv.phone), c.seq_id
FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id
WHERE laifang_search_key('p', cv.phone) IS NOT NULL;
