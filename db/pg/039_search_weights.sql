-- laifang schema 39, PostgreSQL: the search index's terms weighted for
-- real. Until 38 each case's terms were built with array_to_tsvector, whose
-- lexemes have no positions, and setweight changes only positions: names
-- (A) and addresses (B) weighed as much as the content, and ts_rank ranked a
-- case found by its visitor's name no higher than one that mentions the
-- word. The terms now carry a position (src/store/pg/pg_internal.h,
-- STORE_PG_TERMS); laifang rebuilds every case's terms right after this
-- migration, in the same transaction (the terms are cut in C, by the
-- tokenizer of src/store/bigram.c: no SQL here can cut them).
SELECT 1;
