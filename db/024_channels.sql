-- laifang schema 24: every channel in (issue 13; 信访工作条例 第十七条 names
-- 信息网络、书信、电话、传真、走访, 第二十一条 网上信访、来信、来访、来电).
-- 1. case_file.channel takes 'phone' and 'fax' besides 'visit', 'letter'
--    and 'online'. SQLite cannot alter a CHECK; widening an IN list keeps
--    every row valid, so the table's text in sqlite_schema is edited (the
--    procedure of SQLite's ALTER TABLE page for constraints that do not
--    change what is stored), and the schema reloaded. The archive-lock
--    triggers (db/011) and the rows' seals are untouched: no row is written.
--    The ADD COLUMNs come first: ADD COLUMN edits the table's text at an
--    offset it parsed before.
-- 2. kind: the regulation's category (第二十九至三十一条: 建议意见类,
--    检举控告类, 申诉求决类), chosen at screening; NULL until then (and for
--    cases screened before this schema). Not category_id (db/006), which is
--    the office's own subject classification.
-- 3. anonymous: a letter or call without a name; such a case has no
--    visitor row and no case_visitor row (the case's own facts say 匿名).
-- 4. case_intake: the channel's own form fields (forms/letter.form,
--    forms/call.form) that the case has no column for, by field id, as the
--    clerk typed them (checked by the form). Sealed like every table of
--    facts; an archived case takes none (db/011).
-- Both new columns default to what an older row means (NULL, 0), so the
-- sealed digests of older rows stay as they were (seal_rows.c leaves a
-- default value out).
ALTER TABLE case_file ADD COLUMN kind TEXT CHECK (kind IN ('suggestion', 'accusation', 'claim'));
ALTER TABLE case_file ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1));

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (channel IN (''visit'', ''letter'', ''online''))',
                  'CHECK (channel IN (''visit'', ''letter'', ''online'', ''phone'', ''fax''))')
WHERE type = 'table' AND name = 'case_file';
PRAGMA writable_schema = RESET;

CREATE TABLE case_intake (
	case_id TEXT NOT NULL REFERENCES case_file (id),
	field TEXT NOT NULL,                -- the form's field id: letter_date, postmark, ...
	value TEXT NOT NULL,
	PRIMARY KEY (case_id, field)
) STRICT;

CREATE TRIGGER case_intake_archived_insert BEFORE INSERT ON case_intake
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_intake_archived_update BEFORE UPDATE ON case_intake
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_intake_archived_delete BEFORE DELETE ON case_intake
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

-- The statistics' counters (022) count the category and anonymous items
-- too: what each case is counted as, and the counters of the cases so far
-- (none has a category or is anonymous yet).
ALTER TABLE stats_case ADD COLUMN case_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE stats_case ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;
INSERT INTO stats_count (dim, period, key, n)
SELECT 'kind', substr(received_on, 1, 7), '', count(*) FROM case_file GROUP BY substr(received_on, 1, 7);
