-- laifang schema 31: the annual report (《信访工作条例》第四十一条, issue 13).
-- Portable SQL as in 001 (db/pg/031_annual.sql is its twin).

-- Its section on transfers, assignments and supervision (第四十一条（二）)
-- counts the acts the office took in the year (转送, 交办, 督办, extensions,
-- review and re-review) by the day they were taken: one range of this index
-- per kind of event, never a read of the year's cases.
CREATE INDEX case_event_kind_at ON case_event (kind, at);

-- The suggestions the petition office made to improve work, to perfect a
-- policy, or to hold someone accountable, and whether they were adopted
-- (第四十一条（三）). One row a suggestion, signed when recorded and when its
-- outcome is recorded; never deleted. Sealed like every table of facts
-- (seal_rows.c), audited (suggestion.add, suggestion.adopt).
CREATE TABLE suggestion (
	id TEXT NOT NULL PRIMARY KEY,                -- UUID
	kind TEXT NOT NULL CHECK (kind IN ('improve', 'policy', 'accountability')),
	made_on TEXT NOT NULL,                       -- YYYY-MM-DD: the day the office made it
	addressee TEXT NOT NULL,                     -- to whom: the organ or unit
	text TEXT NOT NULL,                          -- what was suggested
	user_id TEXT REFERENCES app_user (id),       -- who recorded it
	by_name TEXT NOT NULL,                       -- as signed: "姓名（职务）"
	at TEXT NOT NULL,                            -- when recorded, ISO 8601 with offset
	outcome TEXT CHECK (outcome IN ('adopted', 'partly', 'rejected')), -- NULL: no answer yet
	outcome_on TEXT,                             -- YYYY-MM-DD: the day it was adopted or not
	outcome_note TEXT,
	outcome_user_id TEXT REFERENCES app_user (id),
	outcome_by_name TEXT,
	outcome_at TEXT
) STRICT;
CREATE INDEX suggestion_made_on ON suggestion (made_on);
