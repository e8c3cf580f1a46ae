-- laifang schema 40: a leader's instructions queue counted from its index
-- alone (issue 16). The queue is (instruction_leader_id, sort_key) filtered
-- by state; with the state in the index a count reads no case row (at 1M
-- cases a leader's 1,400 open cases were 1,400 rows read, 3-7 ms a count).
-- The leader's own queue needs no readability clause (src/store/queue.c).
DROP INDEX case_file_leader;
CREATE INDEX case_file_leader ON case_file (instruction_leader_id, sort_key, status)
	WHERE instruction_leader_id IS NOT NULL;
