-- laifang schema 18: reception-day rules and the reply's satisfaction
-- (issue 11).
--
-- A publication is approved by a leader who confirmed it with their own
-- password at that moment (seeds 001, 002: 经报主要领导同意后公开), and
-- lists the slots it carries on a day off that the leader accepted as
-- exceptions. A published slot that is changed afterwards makes the
-- month's latest publication stale until the month is published again.
-- approver_id names an app_user row; no REFERENCES clause, so that the
-- column stays droppable (SQLite refuses to drop a foreign-key column).
ALTER TABLE schedule_publication ADD COLUMN approver_id TEXT;
ALTER TABLE schedule_publication ADD COLUMN approver_name TEXT;       -- "姓名（职务）" as confirmed
ALTER TABLE schedule_publication ADD COLUMN exceptions TEXT;          -- JSON array of the days off accepted
ALTER TABLE schedule_publication ADD COLUMN stale_at TEXT;            -- when a published slot changed

-- The reply's satisfaction may be "the visitor did not say" (未表态).
-- case_event.satisfaction has a CHECK of three values (db/003) that SQLite
-- cannot alter, and rebuilding case_event would mean dropping and recreating
-- the tamper seal's view of it, 011's triggers and every index on it. So the
-- fourth value has a column of its own: a reply records either satisfaction
-- (satisfied / basically / dissatisfied) or satisfaction_stance 'unstated',
-- never both; readers take coalesce(satisfaction, satisfaction_stance).
ALTER TABLE case_event ADD COLUMN satisfaction_stance TEXT
	CHECK (satisfaction_stance IS NULL OR satisfaction_stance = 'unstated');
