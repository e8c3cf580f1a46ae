-- laifang schema 42: nothing on SQLite. PostgreSQL's case_file_sort became
-- an index on (sort_key || '') (db/pg/042_queue_sort.sql; issue 16); the
-- numbers of the two backends' schemas stay the same (store/copy.c).
SELECT 1;
