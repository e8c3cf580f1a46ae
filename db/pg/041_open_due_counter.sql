-- laifang schema 41, PostgreSQL: the open cases counted by due date (issue
-- 16; see db/041_open_due_counter.sql). The statistics' "overdue now" is
-- the sum of the counters dim 'open_due' (period the due date) below today.
-- Safe to run again (the PostgreSQL tests take a database back to an older
-- schema number and open it).
ALTER TABLE stats_case ADD COLUMN IF NOT EXISTS open_due TEXT NOT NULL DEFAULT '';
UPDATE stats_case s SET open_due = c.due_on FROM case_file c
WHERE c.id = s.case_id AND c.status <> 'archived' AND c.due_on IS NOT NULL;
DELETE FROM stats_count WHERE dim = 'open_due';
INSERT INTO stats_count (dim, period, key, n)
SELECT 'open_due', c.due_on, '', count(*) FROM case_file c
WHERE c.status <> 'archived' AND c.due_on IS NOT NULL AND c.due_on <> '' GROUP BY c.due_on;
