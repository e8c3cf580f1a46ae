-- laifang schema 27: each notice to the visitor is delivered (送达, issue
-- 13). A delivery belongs to a recorded notice (case_notice, db/021: its
-- document number, 文号) and is an event of the case (case_event kind
-- 'deliver', the same seq): who recorded it (the signer) and when. This row
-- keeps what the receipt of delivery (送达回证) says: how (当面, 邮寄 with
-- its tracking number, 电子, 其他 with a note), the day, and whether the
-- visitor signed or refused (拒签, with a note of the witnesses).
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

CREATE TABLE case_delivery (
	case_id TEXT NOT NULL REFERENCES case_file (id),
	seq INTEGER NOT NULL CHECK (seq >= 1),  -- the case_event it belongs to
	notice_kind TEXT NOT NULL,              -- case_notice.kind: accept, decline, ..., answer
	doc_no TEXT NOT NULL,                   -- the notice's 文号 as printed
	method TEXT NOT NULL CHECK (method IN ('in_person', 'post', 'electronic', 'other')),
	tracking TEXT,                          -- post: the tracking number (required)
	delivered_on TEXT NOT NULL,             -- YYYY-MM-DD
	refused INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
	note TEXT,                              -- refused: the witnesses; other: how
	signer_id TEXT REFERENCES app_user (id),-- who recorded it
	recorded_at TEXT NOT NULL,
	CHECK (method <> 'post' OR coalesce(tracking, '') <> ''),
	CHECK (refused = 0 OR coalesce(note, '') <> ''),
	PRIMARY KEY (case_id, seq)
) STRICT;

-- Archived means locked (db/011): a delivery belongs to its case.
CREATE TRIGGER case_delivery_archived_insert BEFORE INSERT ON case_delivery
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_delivery_archived_update BEFORE UPDATE ON case_delivery
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_delivery_archived_delete BEFORE DELETE ON case_delivery
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;
