-- laifang schema 17, PostgreSQL (twin of db/017_agency.sql; there is no
-- 016): an outside agency's answers (dates and scanned replies) and a
-- case's lead unit and co-agencies (会办单位).

CREATE TABLE case_agency_answer (
	case_id text NOT NULL REFERENCES case_file (id),
	seq bigint NOT NULL CHECK (seq >= 1),   -- the case_event it belongs to
	kind text NOT NULL CHECK (kind IN ('agency_receipt', 'agency_accept', 'agency_object', 'agency_result')),
	unit_id text REFERENCES unit (id),
	on_date text NOT NULL,                  -- YYYY-MM-DD
	file_sha256 text,
	file_name text,
	file_size bigint CHECK (file_size IS NULL OR file_size >= 0),
	file_type text,
	PRIMARY KEY (case_id, seq)
);

CREATE TABLE case_unit (
	case_id text NOT NULL REFERENCES case_file (id),
	unit_id text NOT NULL REFERENCES unit (id),
	role text NOT NULL CHECK (role IN ('lead', 'co')),
	added_at text NOT NULL,
	PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_unit_unit ON case_unit (unit_id, case_id);

-- Archived means locked (011): both tables belong to a case, and so does
-- the reception-day log's link to a case (005).
CREATE TRIGGER case_agency_answer_archived_insert BEFORE INSERT ON case_agency_answer
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_agency_answer_archived_update BEFORE UPDATE ON case_agency_answer
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_agency_answer_archived_delete BEFORE DELETE ON case_agency_answer
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_unit_archived_insert BEFORE INSERT ON case_unit
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_unit_archived_update BEFORE UPDATE ON case_unit
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_unit_archived_delete BEFORE DELETE ON case_unit
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER reception_log_case_archived_insert BEFORE INSERT ON reception_log_case
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER reception_log_case_archived_update BEFORE UPDATE ON reception_log_case
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER reception_log_case_archived_delete BEFORE DELETE ON reception_log_case
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();
