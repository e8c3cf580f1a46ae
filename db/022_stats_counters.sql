-- laifang schema 22: the statistics as counters (issue 16). A month's or a
-- year's figures are sums of these rows, not a read of the period's cases.
-- Derived data, not sealed (src/store/seal_rows.c): the store keeps them
-- current in the transaction of every write that touches a case
-- (src/store/stats_counters.c) and `laifang check` recounts them from the
-- cases. Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on
-- PostgreSQL (db/pg/022_stats_counters.sql; its fill uses string_agg).

-- n cases received in a month (period 'YYYY-MM') with a fact: dim 'visits',
-- 'person_times' (headcounts), 'repeats', 'groups', 'group_people' (key
-- ''), 'channel', 'category', 'unit' (key the id, '' for none), 'event' (a
-- case with an event of kind key: accept, ..., reply:satisfied), 'clock'
-- (key "rule|+" met, "rule|-" missed, "rule|=YYYY-MM-DD" running with its
-- due date). dim 'people': the distinct visitors of the cases received in
-- the month (period 'YYYY-MM') or the year (period 'YYYY'). A month's
-- figures are one period's rows, a year's twelve: a few hundred rows
-- whatever the size of the office.
CREATE TABLE stats_count (
	dim TEXT NOT NULL,
	period TEXT NOT NULL,
	key TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (dim, period, key)
) STRICT, WITHOUT ROWID;

-- What each case counts for now (the counters' own record): taken off the
-- counters when the case changes, before its new facts are added.
-- kinds: bit i is event i of accept, assign, decline, in_house, refer,
-- reply:basically, reply:dissatisfied, reply:none, reply:satisfied,
-- reply:unstated, report, transfer. clocks: the clocks' keys, by spaces.
CREATE TABLE stats_case (
	case_id TEXT NOT NULL PRIMARY KEY,
	day TEXT NOT NULL,
	headcount INTEGER NOT NULL,
	is_repeat INTEGER NOT NULL,
	channel TEXT NOT NULL,
	category TEXT NOT NULL,
	unit TEXT NOT NULL,
	kinds INTEGER NOT NULL,
	clocks TEXT NOT NULL
) STRICT;

-- The visitors each case counts for, by day: the distinct people of a
-- month or year change only when a visitor's first or last case in it does.
CREATE TABLE stats_visitor (
	case_id TEXT NOT NULL,
	visitor_id TEXT NOT NULL,
	day TEXT NOT NULL,
	PRIMARY KEY (case_id, visitor_id)
) STRICT;
CREATE INDEX stats_visitor_day ON stats_visitor (visitor_id, day);

INSERT INTO stats_case (case_id, day, headcount, is_repeat, channel, category, unit, kinds, clocks)
SELECT c.id, c.received_on, c.headcount, c.is_repeat, c.channel, coalesce(c.category_id, ''),
       coalesce(c.lead_unit_id, ''),
       (SELECT coalesce(sum(t.b), 0) FROM (SELECT DISTINCT CASE (CASE WHEN e.kind = 'reply' THEN 'reply:' ||
               coalesce(e.satisfaction, e.satisfaction_stance, 'none') ELSE e.kind END)
               WHEN 'accept' THEN 1 WHEN 'assign' THEN 2 WHEN 'decline' THEN 4 WHEN 'in_house' THEN 8
               WHEN 'refer' THEN 16 WHEN 'reply:basically' THEN 32 WHEN 'reply:dissatisfied' THEN 64
               WHEN 'reply:none' THEN 128 WHEN 'reply:satisfied' THEN 256 WHEN 'reply:unstated' THEN 512
               WHEN 'report' THEN 1024 WHEN 'transfer' THEN 2048 ELSE 0 END AS b
               FROM case_event e WHERE e.case_id = c.id AND e.kind IN ('accept', 'assign', 'decline', 'in_house',
               'refer', 'reply', 'report', 'transfer')) t),
       coalesce((SELECT group_concat(t.k, ' ') FROM (SELECT k.rule || '|' || CASE WHEN k.state <> 'running' AND
               k.stop_on IS NOT NULL THEN CASE WHEN k.stop_on <= k.due_on THEN '+' ELSE '-' END
               ELSE '=' || k.due_on END AS k FROM case_clock k WHERE k.case_id = c.id
               AND k.state IN ('running', 'met', 'missed')) t), '')
FROM case_file c;

INSERT INTO stats_visitor (case_id, visitor_id, day)
SELECT v.case_id, v.visitor_id, c.received_on FROM case_visitor v JOIN case_file c ON c.id = v.case_id;

-- The recount `laifang check` compares with (stats_counters.c, keep alike).
INSERT INTO stats_count (dim, period, key, n)
SELECT 'visits', substr(c.received_on, 1, 7), '', count(*) FROM case_file c GROUP BY substr(c.received_on, 1, 7)
UNION ALL SELECT 'person_times', substr(c.received_on, 1, 7), '', sum(c.headcount) FROM case_file c GROUP BY substr(c.received_on, 1, 7)
UNION ALL SELECT 'repeats', substr(c.received_on, 1, 7), '', count(*) FROM case_file c WHERE c.is_repeat <> 0
GROUP BY substr(c.received_on, 1, 7)
UNION ALL SELECT 'groups', substr(c.received_on, 1, 7), '', count(*) FROM case_file c WHERE c.headcount > 1
GROUP BY substr(c.received_on, 1, 7)
UNION ALL SELECT 'group_people', substr(c.received_on, 1, 7), '', sum(c.headcount) FROM case_file c WHERE c.headcount > 1
GROUP BY substr(c.received_on, 1, 7)
UNION ALL SELECT 'channel', substr(c.received_on, 1, 7), c.channel, count(*) FROM case_file c GROUP BY substr(c.received_on, 1, 7), c.channel
UNION ALL SELECT 'category', substr(c.received_on, 1, 7), coalesce(c.category_id, ''), count(*) FROM case_file c
GROUP BY substr(c.received_on, 1, 7), coalesce(c.category_id, '')
UNION ALL SELECT 'unit', substr(c.received_on, 1, 7), coalesce(c.lead_unit_id, ''), count(*) FROM case_file c
GROUP BY substr(c.received_on, 1, 7), coalesce(c.lead_unit_id, '')
UNION ALL SELECT 'event', substr(c.received_on, 1, 7), t.k, count(*) FROM case_file c JOIN (SELECT DISTINCT e.case_id,
       CASE WHEN e.kind = 'reply' THEN 'reply:' || coalesce(e.satisfaction, e.satisfaction_stance, 'none')
       ELSE e.kind END AS k FROM case_event e WHERE e.kind IN ('accept', 'assign', 'decline', 'in_house', 'refer',
       'reply', 'report', 'transfer')) t ON t.case_id = c.id
WHERE t.k IN ('accept', 'assign', 'decline', 'in_house', 'refer', 'reply:basically', 'reply:dissatisfied',
              'reply:none', 'reply:satisfied', 'reply:unstated', 'report', 'transfer')
GROUP BY substr(c.received_on, 1, 7), t.k
UNION ALL SELECT 'clock', t.day, t.k, count(*) FROM (SELECT substr(c.received_on, 1, 7) AS day, k.rule || '|' || CASE WHEN
       k.state <> 'running' AND k.stop_on IS NOT NULL THEN CASE WHEN k.stop_on <= k.due_on THEN '+' ELSE '-' END
       ELSE '=' || k.due_on END AS k FROM case_file c JOIN case_clock k ON k.case_id = c.id
       WHERE k.state IN ('running', 'met', 'missed')) t GROUP BY t.day, t.k
UNION ALL SELECT 'people', substr(c.received_on, 1, 7), '', count(DISTINCT v.visitor_id) FROM case_file c
JOIN case_visitor v ON v.case_id = c.id GROUP BY substr(c.received_on, 1, 7)
UNION ALL SELECT 'people', substr(c.received_on, 1, 4), '', count(DISTINCT v.visitor_id) FROM case_file c
JOIN case_visitor v ON v.case_id = c.id GROUP BY substr(c.received_on, 1, 4);
