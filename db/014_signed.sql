-- laifang schema 14: every signed entry keeps its signer (issue 11).
-- Portable SQL as in 001.
--
-- case_entry takes two more kinds: 'routing', the forwarding opinion
-- (批转意见) a supervisor writes when routing a case, and 'approval', the
-- unit head's countersignature (处室负责人) of a handling report, naming the
-- report it approves by its position (refers). SQLite cannot alter a CHECK:
-- the table is rebuilt with the same rows (ids, positions, texts and
-- signatures unchanged, so their seals still match) and 011's triggers on it
-- are made again as they were.
DROP TRIGGER case_entry_archived_insert;
DROP TRIGGER case_entry_archived_update;
DROP TRIGGER case_entry_archived_delete;
DROP INDEX case_entry_signer;
ALTER TABLE case_entry RENAME TO case_entry_before_14;

-- A signed entry on a case: 领导批示 (instruction), 办理情况 (handling, by
-- the worker who wrote it: 经办人), 批转意见 (routing) or the unit head's
-- approval of a report (approval). Never edited: a later word is a new
-- entry with the next position of its kind. The case_file columns
-- instruction* / handling* are no longer what a reader shows: every face
-- reads the entries, each with its own signer and time.
CREATE TABLE case_entry (
	id TEXT NOT NULL PRIMARY KEY,       -- UUID
	case_id TEXT NOT NULL REFERENCES case_file (id),
	kind TEXT NOT NULL CHECK (kind IN ('instruction', 'handling', 'routing', 'approval')),
	position INTEGER NOT NULL CHECK (position >= 1),
	text TEXT NOT NULL,
	signer_id TEXT NOT NULL REFERENCES app_user (id),
	signer_name TEXT NOT NULL,          -- as signed: "姓名（职务）"; a later rename does not change it
	signed_at TEXT NOT NULL,            -- ISO 8601 with offset: the moment of confirmation
	refers INTEGER CHECK (refers >= 1), -- approval: the position of the handling entry approved
	UNIQUE (case_id, kind, position)    -- also serves a case's entries in order
) STRICT;
INSERT INTO case_entry (id, case_id, kind, position, text, signer_id, signer_name, signed_at)
SELECT id, case_id, kind, position, text, signer_id, signer_name, signed_at FROM case_entry_before_14;
DROP TABLE case_entry_before_14;

-- Who signs: a user's entries.
CREATE INDEX case_entry_signer ON case_entry (signer_id);

-- Signed entries (批示, 办理情况, 批转意见, 审核): as in 011.
CREATE TRIGGER case_entry_archived_insert BEFORE INSERT ON case_entry
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_entry_archived_update BEFORE UPDATE ON case_entry
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_entry_archived_delete BEFORE DELETE ON case_entry
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

-- The reception-day log: two desks editing the same day's log. version
-- counts the saves (and signatures); a save names the version it started
-- from and is refused when the log moved on (the store checks it in the
-- save's transaction). saved_by: the login of the last save, to say whose
-- text the refused desk is shown.
ALTER TABLE reception_log ADD COLUMN version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0);
ALTER TABLE reception_log ADD COLUMN saved_by TEXT;
