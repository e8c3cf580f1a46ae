-- laifang schema 10, PostgreSQL (twin of db/010_access.sql): need to know,
-- a person's cases without reading the office's.
CREATE INDEX case_file_receptionist ON case_file (receptionist_id, sort_key) WHERE receptionist_id IS NOT NULL;
CREATE INDEX case_event_user ON case_event (user_id, case_id) WHERE user_id IS NOT NULL;
