-- laifang schema 17: transfers and assignments come back (issue 11). An
-- outside agency (a unit of kind peer or lower) has no login: the office
-- records its answers as events of the case (agency_receipt, agency_accept,
-- agency_object, agency_result), each with the date the agency gave and,
-- for a result, the scanned reply copied into DB.d/attachments/<sha256>.
-- And a case that involves several agencies names its lead unit and its
-- co-agencies (会办单位, 《信访工作条例》第二十四条).
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

-- The date and file of one agency answer; the answer itself (who recorded
-- it, the reason, the text) is the case_event with the same seq.
CREATE TABLE case_agency_answer (
	case_id TEXT NOT NULL REFERENCES case_file (id),
	seq INTEGER NOT NULL CHECK (seq >= 1),  -- the case_event it belongs to
	kind TEXT NOT NULL CHECK (kind IN ('agency_receipt', 'agency_accept', 'agency_object', 'agency_result')),
	unit_id TEXT REFERENCES unit (id),      -- the agency that answered (the lead unit then)
	on_date TEXT NOT NULL,                  -- YYYY-MM-DD: received, decided, answered
	file_sha256 TEXT,                       -- the scanned reply, or NULL
	file_name TEXT,
	file_size INTEGER CHECK (file_size IS NULL OR file_size >= 0),
	file_type TEXT,
	PRIMARY KEY (case_id, seq)
) STRICT;

-- The units a case is routed to: its lead unit (as case_file.lead_unit_id)
-- and its co-agencies. Rewritten when the case is routed again.
CREATE TABLE case_unit (
	case_id TEXT NOT NULL REFERENCES case_file (id),
	unit_id TEXT NOT NULL REFERENCES unit (id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'co')),
	added_at TEXT NOT NULL,
	PRIMARY KEY (case_id, unit_id)
) STRICT;
-- Need to know: a co-agency's handlers read the case (access_internal.h).
CREATE INDEX case_unit_unit ON case_unit (unit_id, case_id);

-- Archived means locked (db/011): both tables belong to a case.
CREATE TRIGGER case_agency_answer_archived_insert BEFORE INSERT ON case_agency_answer
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_agency_answer_archived_update BEFORE UPDATE ON case_agency_answer
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_agency_answer_archived_delete BEFORE DELETE ON case_agency_answer
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_unit_archived_insert BEFORE INSERT ON case_unit
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_unit_archived_update BEFORE UPDATE ON case_unit
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_unit_archived_delete BEFORE DELETE ON case_unit
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

-- The reception-day log links the day's cases (005): a link to an archived
-- case is not made or unmade behind the store's gate (reception_log.c).
CREATE TRIGGER reception_log_case_archived_insert BEFORE INSERT ON reception_log_case
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER reception_log_case_archived_update BEFORE UPDATE ON reception_log_case
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER reception_log_case_archived_delete BEFORE DELETE ON reception_log_case
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;
