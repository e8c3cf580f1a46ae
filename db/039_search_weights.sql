-- laifang schema 39: nothing changes in a SQLite file. The PostgreSQL twin
-- (db/pg/039_search_weights.sql) marks the search index for a rebuild with
-- weights that hold; the two schemas keep the same numbers.
SELECT 1;
