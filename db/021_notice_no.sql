-- laifang schema 21: each notice to the visitor has its own document number
-- (文号, issue 15), distinct from the case number: issued from the office's
-- pattern (setting doc_number_pattern) the first time a notice of a kind is
-- printed for a case, and kept, so a reprint shows the same number. The
-- numbers of a year run 1, 2, 3... without gaps: doc_number_counter holds
-- the last one issued, raised in the same transaction as the notice's row.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

CREATE TABLE case_notice (
	case_id TEXT NOT NULL REFERENCES case_file (id),
	kind TEXT NOT NULL,                     -- accept, decline, transfer, assign, extend, refer, answer
	doc_no TEXT NOT NULL,                   -- as printed: 穗应急信〔2026〕12号
	year INTEGER NOT NULL,
	seq INTEGER NOT NULL CHECK (seq >= 1),  -- its place in the year's series
	ground TEXT,                            -- decline: the ground its route follows (notice.h), or NULL
	issued_at TEXT NOT NULL,
	issued_by TEXT REFERENCES app_user (id),
	PRIMARY KEY (case_id, kind),
	UNIQUE (year, seq)
) STRICT;

CREATE TABLE doc_number_counter (
	year INTEGER PRIMARY KEY,
	n INTEGER NOT NULL CHECK (n >= 0)       -- the last number issued in the year
) STRICT;

-- Archived means locked (db/011): a notice number belongs to its case.
CREATE TRIGGER case_notice_archived_insert BEFORE INSERT ON case_notice
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_notice_archived_update BEFORE UPDATE ON case_notice
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_notice_archived_delete BEFORE DELETE ON case_notice
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;
