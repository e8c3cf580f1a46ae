-- laifang schema 29: saved views (issue 12). A user saves a queue's filter
-- under a name ("三个工作日内到期、本处室") and opens it again with one key.
-- The filter is kept as columns, never as SQL: laifang checks each value
-- again when the view is listed or opened, and a view that no longer
-- checks (its queue unknown, its unit gone, a date that is not one) is
-- reported, never run.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

CREATE TABLE saved_view (
	id TEXT NOT NULL PRIMARY KEY,       -- UUID
	user_id TEXT NOT NULL REFERENCES app_user (id), -- whose view it is
	name TEXT NOT NULL,
	shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)), -- every user sees it
	queue TEXT NOT NULL,                -- a queue's key: screening, supervision, ...
	due_within INTEGER,                 -- working days from the day it is opened; NULL: none
	my_unit INTEGER NOT NULL DEFAULT 0 CHECK (my_unit IN (0, 1)), -- the lead unit is the opener's own
	unit_id TEXT,                       -- a lead unit named in the filter (no foreign key: one gone is reported)
	leader_id TEXT,                     -- the owning leader (包案)
	received_from TEXT,                 -- YYYY-MM-DD, inclusive
	received_to TEXT,
	keyword TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (user_id, name)              -- also the index of a user's own views
) STRICT;

-- The views shared with the office, for everyone's list.
CREATE INDEX saved_view_shared ON saved_view (shared, created_at) WHERE shared = 1;
