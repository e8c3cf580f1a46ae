-- laifang schema 32 on PostgreSQL: the written answer's parts (db/032_answer.sql).
ALTER TABLE case_event ADD COLUMN answer_opinion text
	CHECK (answer_opinion IS NULL OR answer_opinion IN ('support', 'explain', 'reject'));
ALTER TABLE case_event ADD COLUMN answer_facts text;
ALTER TABLE case_event ADD COLUMN answer_basis text;
