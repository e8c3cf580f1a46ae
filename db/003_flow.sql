-- laifang schema 3: a case's life. The events of its timeline, its routing,
-- owner, deadline and flags on case_file, the reception day's waiting flow,
-- group petitions' headcount, and calendar days an office imported.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.
-- ADD COLUMN takes only constant defaults, and a REFERENCES column must
-- default to NULL: every column below obeys both.

-- The lead unit (routing, referral), the owning leader (包案), the leader
-- asked for an instruction until they sign one.
ALTER TABLE case_file ADD COLUMN lead_unit_id TEXT REFERENCES unit (id);
ALTER TABLE case_file ADD COLUMN owner_id TEXT REFERENCES app_user (id);
ALTER TABLE case_file ADD COLUMN instruction_leader_id TEXT REFERENCES app_user (id);
-- The next deadline (YYYY-MM-DD) and its rule key (deadline.h); NULL: none open.
ALTER TABLE case_file ADD COLUMN due_on TEXT;
ALTER TABLE case_file ADD COLUMN due_rule TEXT;
ALTER TABLE case_file ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
ALTER TABLE case_file ADD COLUMN major INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1));
ALTER TABLE case_file ADD COLUMN extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1));
-- Group petitions: the people who came (the representatives are case_visitor rows).
ALTER TABLE case_file ADD COLUMN headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1);
-- The reception day's flow and when it last moved (ISO 8601 with offset).
ALTER TABLE case_file ADD COLUMN visit_state TEXT
	CHECK (visit_state IN ('waiting', 'interview', 'done', 'returned'));
ALTER TABLE case_file ADD COLUMN visit_at TEXT;
-- The queue order as one text, kept by the store whenever urgent or due_on
-- changes: '0' urgent / '1' not, the due date (none: '9999-12-31'), the case
-- number ("2026-000123": year then number, fixed width). One column makes
-- the order "urgent first, then due date, none last, then case number" an
-- index range, and a keyset page a single "sort_key > last" seek.
-- `laifang check` recomputes it.
ALTER TABLE case_file ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE case_file SET sort_key = '1' || '9999-12-31' || case_no;

-- The queues: each query is one of these index ranges per state, merged in
-- sort_key order (src/store/queue.c), so no queue sorts.
CREATE INDEX case_file_queue ON case_file (status, sort_key);
CREATE INDEX case_file_sort ON case_file (sort_key);
-- Partial: most cases have no owner, no leader asked, no visit today.
CREATE INDEX case_file_unit ON case_file (lead_unit_id, status, sort_key) WHERE lead_unit_id IS NOT NULL;
CREATE INDEX case_file_owner ON case_file (owner_id, sort_key) WHERE owner_id IS NOT NULL;
CREATE INDEX case_file_leader ON case_file (instruction_leader_id, sort_key)
	WHERE instruction_leader_id IS NOT NULL;
CREATE INDEX case_file_visit ON case_file (visit_at) WHERE visit_at IS NOT NULL;

-- One event of a case's timeline: a step of the state machine (kind is the
-- step key: accept, transfer...), or own, supervise, extend, flag, annotate,
-- request_instruction, visit.waiting/interview/done/returned. Never edited.
-- Signed instructions and handling reports stay in case_entry (002).
CREATE TABLE case_event (
	id INTEGER PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES case_file (id),
	seq INTEGER NOT NULL CHECK (seq >= 1),  -- 1, 2, 3... per case
	kind TEXT NOT NULL,
	at TEXT NOT NULL,                       -- ISO 8601 with offset
	user_id TEXT REFERENCES app_user (id),  -- who took it; NULL for "system"
	by_name TEXT NOT NULL,                  -- as signed: "姓名（职务）"
	unit_id TEXT REFERENCES unit (id),      -- routing / referral: the lead unit
	leader_id TEXT REFERENCES app_user (id),-- own: the owner; request_instruction: the leader asked
	from_state TEXT,
	to_state TEXT,                          -- a step's new state; NULL when the state stays
	reason TEXT,
	text TEXT,                              -- report, reply, notice, note, annotation
	satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basically', 'dissatisfied')),
	due_on TEXT,                            -- the deadline set from here on ('' cleared it)
	due_rule TEXT,
	approver_id TEXT REFERENCES app_user (id), -- extend: who approved
	urgent INTEGER CHECK (urgent IN (0, 1)),   -- flag: as set; NULL untouched
	major INTEGER CHECK (major IN (0, 1)),
	UNIQUE (case_id, seq)                   -- also serves a case's timeline and the next seq
) STRICT;

-- Calendar days an office imported (laifang calendar import), added to the
-- built-in calendar at open: a holiday, or a weekend day worked (调休).
CREATE TABLE calendar_day (
	day TEXT NOT NULL PRIMARY KEY,          -- YYYY-MM-DD
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name TEXT
) STRICT;
