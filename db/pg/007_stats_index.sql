-- laifang schema 7, PostgreSQL (twin of db/007_stats_index.sql): covering
-- indexes for the statistics. (PostgreSQL reads them as index-only scans
-- once the table is vacuumed; INCLUDE would do the same job, but the same
-- key columns keep the twins alike.)

CREATE INDEX case_file_stats ON case_file (received_on, channel, headcount, is_repeat, lead_unit_id, category_id, id);

CREATE INDEX case_event_stats ON case_event (case_id, seq, kind, satisfaction, due_rule, due_on, at)
WHERE due_on IS NOT NULL OR kind IN ('accept', 'decline', 'refer', 'in_house', 'transfer', 'assign', 'report', 'reply');
