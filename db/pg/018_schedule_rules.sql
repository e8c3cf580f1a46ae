-- laifang schema 18, PostgreSQL (twin of db/018_schedule_rules.sql): a
-- publication's approving leader and accepted days off, a stale mark; and
-- the reply's satisfaction 'unstated' (未表态) in a column of its own, as on
-- SQLite (readers take coalesce(satisfaction, satisfaction_stance)), so
-- that both backends have the same columns.
ALTER TABLE schedule_publication ADD COLUMN approver_id text;   -- an app_user id, no REFERENCES (as on SQLite)
ALTER TABLE schedule_publication ADD COLUMN approver_name text;
ALTER TABLE schedule_publication ADD COLUMN exceptions text;    -- JSON array of the days off accepted
ALTER TABLE schedule_publication ADD COLUMN stale_at text;

ALTER TABLE case_event ADD COLUMN satisfaction_stance text
	CHECK (satisfaction_stance IS NULL OR satisfaction_stance = 'unstated');
