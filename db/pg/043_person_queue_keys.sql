-- laifang schema 43, PostgreSQL: case_file_owner and case_file_leader with
-- the state and the case's id (issue 16). A page of an owner's queue (我的包案)
-- or a leader's (待批示) runs on the plan made once without its values and
-- sorts only its keys, joined after (store/queue.c). Its states are a CASE
-- no index serves, guessed to keep one row in 200; with the state and the
-- id in the index that plan reads the person's range in order, index only,
-- and stops at the page (50 entries, not the person's 150-270 cases and
-- their rows at 100k: the owner's page 0.65-0.95 -> 0.3-0.55 ms). The
-- leader's count still reads its index alone (db/pg/040); the owner's now
-- does too. Safe to run again.
DROP INDEX IF EXISTS case_file_owner;
CREATE INDEX case_file_owner ON case_file (owner_id, sort_key, status) INCLUDE (id) WHERE owner_id IS NOT NULL;
DROP INDEX IF EXISTS case_file_leader;
CREATE INDEX case_file_leader ON case_file (instruction_leader_id, sort_key, status) INCLUDE (id)
	WHERE instruction_leader_id IS NOT NULL;
ANALYZE case_file;
