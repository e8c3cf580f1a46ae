-- laifang schema 15: a case's clocks (issue 11). A case runs several
-- deadlines side by side: route (15 days from registration, art. 22),
-- handle (60 days from acceptance plus an approved extension, art. 34),
-- report (7 working days from each instruction, seed 000), object (5
-- working days from each routing, art. 23). Each row is derived by core
-- (src/core/clocks.c) from the case's history and written by the store in
-- the same transaction as the change that moved it (src/store/clocks.c);
-- case_file.due_on / due_rule / sort_key keep the earliest running clock
-- so the queue indexes still serve the queues.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.
CREATE TABLE case_clock (
	id INTEGER PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES case_file (id),
	rule TEXT NOT NULL,                     -- route, handle, report, object (clocks.h)
	ref INTEGER NOT NULL DEFAULT 0,         -- report: the instruction's position; object: the routing's seq
	start_on TEXT NOT NULL,                 -- YYYY-MM-DD counted from
	start_at TEXT NOT NULL,                 -- the moment of the fact that started it
	due_on TEXT NOT NULL,                   -- YYYY-MM-DD
	basis TEXT NOT NULL,                    -- the rule as said to a person
	state TEXT NOT NULL CHECK (state IN ('running', 'met', 'missed', 'paused', 'stopped')),
	stop_on TEXT,                           -- YYYY-MM-DD; NULL while it runs
	stop_at TEXT,
	stop_reason TEXT,                       -- the kind of the fact that stopped it
	estimated INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),
	UNIQUE (case_id, rule, ref)             -- also serves a case's list
) STRICT;
-- The running clocks: recomputed when the calendar changes.
CREATE INDEX case_clock_running ON case_clock (due_on) WHERE state = 'running';

-- Archived means locked (db/011): a case's clocks stop at 归档 and stay.
CREATE TRIGGER case_clock_archived_insert BEFORE INSERT ON case_clock
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_clock_archived_update BEFORE UPDATE ON case_clock
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_clock_archived_delete BEFORE DELETE ON case_clock
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;
