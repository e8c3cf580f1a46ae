-- laifang schema 7: indexes for the statistics (src/store/stats.c,
-- stats_scan.c). A period's figures read every case received in it and
-- every event of those cases: without these each row was a lookup into the
-- table (a year of 100k cases: seconds). Both are covering: the period's
-- cases are one range of case_file_stats, and the events that count (the
-- kinds of the report and those that set or clear a deadline) are read in
-- case order from case_event_stats alone. Portable SQL as in 001.

CREATE INDEX case_file_stats ON case_file (received_on, channel, headcount, is_repeat, lead_unit_id, category_id, id);

CREATE INDEX case_event_stats ON case_event (case_id, seq, kind, satisfaction, due_rule, due_on, at)
WHERE due_on IS NOT NULL OR kind IN ('accept', 'decline', 'refer', 'in_house', 'transfer', 'assign', 'report', 'reply');
