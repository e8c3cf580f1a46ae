-- laifang schema 43: nothing on SQLite. PostgreSQL's case_file_owner and
-- case_file_leader carry the state and the case's id
-- (db/pg/043_person_queue_keys.sql; issue 16); the numbers of the two
-- backends' schemas stay the same (store/copy.c).
SELECT 1;
