-- laifang schema 41: the open cases counted by due date (issue 16). The
-- statistics' "overdue now" figure counted every open case past its due
-- date from the queue index: 129,523 index entries at 1M cases, 8 ms on
-- SQLite and most of the statistics' 24-32 ms on PostgreSQL. Now it is the
-- sum of the counters dim 'open_due' (db/022): period the due date
-- (YYYY-MM-DD), key '', n the cases not archived that fall due that day.
-- The store keeps them in every write's transaction (stats_counters.c,
-- stats_case.open_due the date each case counts under) and `laifang check`
-- recounts them from the cases.
ALTER TABLE stats_case ADD COLUMN open_due TEXT NOT NULL DEFAULT '';
UPDATE stats_case SET open_due = coalesce((SELECT c.due_on FROM case_file c
	WHERE c.id = stats_case.case_id AND c.status <> 'archived' AND c.due_on IS NOT NULL), '');
INSERT INTO stats_count (dim, period, key, n)
SELECT 'open_due', c.due_on, '', count(*) FROM case_file c
WHERE c.status <> 'archived' AND c.due_on IS NOT NULL AND c.due_on <> '' GROUP BY c.due_on;
