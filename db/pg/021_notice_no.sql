-- laifang schema 21, PostgreSQL (twin of db/021_notice_no.sql; there is no
-- 020): each notice's own document number (文号) and the year's counter.

CREATE TABLE case_notice (
	case_id text NOT NULL REFERENCES case_file (id),
	kind text NOT NULL,
	doc_no text NOT NULL,
	year bigint NOT NULL,
	seq bigint NOT NULL CHECK (seq >= 1),
	ground text,
	issued_at text NOT NULL,
	issued_by text REFERENCES app_user (id),
	PRIMARY KEY (case_id, kind),
	UNIQUE (year, seq)
);

CREATE TABLE doc_number_counter (
	year bigint PRIMARY KEY,
	n bigint NOT NULL CHECK (n >= 0)
);

-- Archived means locked (011).
CREATE TRIGGER case_notice_archived_insert BEFORE INSERT ON case_notice
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_notice_archived_update BEFORE UPDATE ON case_notice
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_notice_archived_delete BEFORE DELETE ON case_notice
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();
