-- laifang schema 28: the petitioner's evaluation of an answer (可评价, issue
-- 13; docs/evaluation.md). Satisfaction with the petition office and with
-- the handling unit, each 满意 / 基本满意 / 不满意 with the reason when
-- 不满意, recorded once per answer (reply) within a period after it (the
-- setting evaluation_days); an answer not evaluated in time is 超期未评价.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL
-- (db/pg/028_evaluation.sql).

-- One evaluation, with the case_event 'evaluate' that records who took it
-- down and when (seq), and the reply it evaluates (reply_seq). A fact of
-- the case: sealed (seal_rows.c lists every table not derived) and locked
-- once the case is archived (the triggers below). Never edited: a redo
-- (重办) and the next reply get an evaluation of their own.
CREATE TABLE case_evaluation (
	case_id TEXT NOT NULL REFERENCES case_file (id),
	seq INTEGER NOT NULL CHECK (seq >= 1),
	reply_seq INTEGER NOT NULL CHECK (reply_seq >= 1),
	office TEXT NOT NULL CHECK (office IN ('satisfied', 'basically', 'dissatisfied')),
	unit TEXT NOT NULL CHECK (unit IN ('satisfied', 'basically', 'dissatisfied')),
	unit_id TEXT REFERENCES unit (id),      -- the handling unit evaluated (the lead unit then)
	reason TEXT,
	CHECK ((office <> 'dissatisfied' AND unit <> 'dissatisfied') OR (reason IS NOT NULL AND reason <> '')),
	PRIMARY KEY (case_id, seq),
	UNIQUE (case_id, reply_seq)
) STRICT;

-- The last day to evaluate the latest answer, set with the reply and
-- cleared by its evaluation; NULL: nothing awaits an evaluation. A day
-- before today is 超期未评价. A partial index: few cases wait at a time;
-- the count of overdue ones is a range of it. The queue 超期未评价 walks
-- the answered states' ranges of case_file_queue (store/queue.c).
ALTER TABLE case_file ADD COLUMN evaluation_due TEXT;
CREATE INDEX case_file_evaluation_due ON case_file (evaluation_due) WHERE evaluation_due IS NOT NULL;

CREATE TRIGGER case_evaluation_archived_insert BEFORE INSERT ON case_evaluation
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_evaluation_archived_update BEFORE UPDATE ON case_evaluation
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_evaluation_archived_delete BEFORE DELETE ON case_evaluation
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

-- The statistics' dimension 'eval' (db/022; stats_counters.c keeps it, laifang
-- check recounts it), by the month the case was received: key 'o:VALUE' an
-- evaluation of the office, 'u:UNIT_ID:VALUE' of a unit, 'redo' a 重办. A
-- case with no evaluation counts its reply's single satisfaction (the one
-- every reply has recorded since schema 3) as the office's: so the cases
-- replied before this schema keep counting, as the office's evaluation.
ALTER TABLE stats_case ADD COLUMN evals TEXT NOT NULL DEFAULT '';
UPDATE stats_case SET evals = coalesce((SELECT group_concat('o:' || e.satisfaction, ' ') FROM case_event e
	WHERE e.case_id = stats_case.case_id AND e.kind = 'reply' AND e.satisfaction IS NOT NULL), '');
INSERT INTO stats_count (dim, period, key, n)
SELECT 'eval', substr(c.received_on, 1, 7), 'o:' || e.satisfaction, count(*) FROM case_file c
JOIN case_event e ON e.case_id = c.id WHERE e.kind = 'reply' AND e.satisfaction IS NOT NULL
GROUP BY substr(c.received_on, 1, 7), 'o:' || e.satisfaction;
