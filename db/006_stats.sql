-- laifang schema 6: statistics. The office's own list of categories (类别:
-- what a case is about; docs/categories-example.txt is seed 004's four
-- scopes as an example set, loaded with `laifang category import`), a
-- case's category, and the cases in each state kept current as counters.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

-- A category an office defines. Never deleted (cases refer to them):
-- active = 0 takes one off the pickers. Seeded empty: each office has its own.
CREATE TABLE category (
	id TEXT NOT NULL PRIMARY KEY,          -- UUID
	name TEXT NOT NULL UNIQUE,
	position INTEGER NOT NULL CHECK (position >= 1), -- the order of lists and reports
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

ALTER TABLE case_file ADD COLUMN category_id TEXT REFERENCES category (id);
CREATE INDEX case_file_category ON case_file (category_id) WHERE category_id IS NOT NULL;

-- Cases per state without counting them (a GROUP BY over a million cases
-- takes tens of milliseconds). A new case is counted by case_counter (its
-- numbers are gapless), so this table holds the moves between states: the
-- store adds one to the new state and takes one from the old in the same
-- transaction as each change of state (src/store/stats.c, store_counts_move).
-- Cases in a state = moved + (for 'registered') the sum of case_counter.
-- `laifang check` compares both with the cases themselves.
CREATE TABLE status_count (
	status TEXT NOT NULL PRIMARY KEY,
	moved INTEGER NOT NULL
) STRICT;

INSERT INTO status_count (status, moved)
SELECT status, count(*) FROM case_file WHERE status <> 'registered' GROUP BY status;
INSERT INTO status_count (status, moved)
VALUES ('registered', (SELECT count(*) FROM case_file WHERE status = 'registered')
                      - (SELECT coalesce(sum(last_number), 0) FROM case_counter));
