-- laifang schema 40, PostgreSQL: a leader's instructions queue counted from
-- its index alone (issue 16; see db/040_leader_queue_status.sql): the state
-- joins the index, so a count is an index-only scan.
DROP INDEX case_file_leader;
CREATE INDEX case_file_leader ON case_file (instruction_leader_id, sort_key, status)
	WHERE instruction_leader_id IS NOT NULL;
