-- laifang schema 1: visitors, cases (one registration sheet each), who came
-- on each case, and the per-year case counter.
-- Portable SQL: TEXT and INTEGER only. STRICT is SQLite's type check (a
-- PostgreSQL backend drops the word); seq_id becomes an identity column there.

-- A person, known by the ID number. Name, sex, phone and address are the
-- latest known; each case keeps what was written on its own sheet.
CREATE TABLE visitor (
	id TEXT NOT NULL PRIMARY KEY,       -- UUID
	id_number TEXT NOT NULL UNIQUE,     -- 身份证号码, normalised by core
	name TEXT NOT NULL,
	sex TEXT,
	phone TEXT,
	address TEXT,
	created_at TEXT NOT NULL,           -- ISO 8601 with offset
	updated_at TEXT NOT NULL
) STRICT;

-- One case (信访事项), one file. seq_id is the row id a full-text index will
-- use; id (UUID) and case_no are the public names of a case.
CREATE TABLE case_file (
	seq_id INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	case_no TEXT NOT NULL UNIQUE,       -- "2026-000123": year, number
	year INTEGER NOT NULL,
	number INTEGER NOT NULL CHECK (number >= 1),
	channel TEXT NOT NULL DEFAULT 'visit' CHECK (channel IN ('visit', 'letter', 'online')),
	-- No CHECK on status: the workflow adds states, and SQLite cannot alter a CHECK.
	status TEXT NOT NULL DEFAULT 'registered',
	receptionist TEXT,
	received_on TEXT NOT NULL,          -- YYYY-MM-DD
	created_at TEXT NOT NULL,
	content TEXT NOT NULL,
	is_repeat INTEGER NOT NULL CHECK (is_repeat IN (0, 1)),
	-- Filled by later workflows.
	instruction TEXT,
	instruction_signer TEXT,
	instruction_date TEXT,
	handling TEXT,
	handling_signer TEXT,
	handling_date TEXT,
	UNIQUE (year, number)               -- also serves case-number order
) STRICT;

-- The day's cases, newest first.
CREATE INDEX case_file_received_on ON case_file (received_on, number);

-- Who came on a case: position 0 is the visitor on the sheet, later
-- positions the representatives of a group. name..address are the sheet's
-- words on that visit.
CREATE TABLE case_visitor (
	case_id TEXT NOT NULL REFERENCES case_file (id),
	visitor_id TEXT NOT NULL REFERENCES visitor (id),
	position INTEGER NOT NULL CHECK (position >= 0),
	name TEXT NOT NULL,
	sex TEXT,
	phone TEXT,
	address TEXT,
	PRIMARY KEY (case_id, position),
	UNIQUE (case_id, visitor_id)
) STRICT;

-- A visitor's cases (repeat petitions).
CREATE INDEX case_visitor_visitor ON case_visitor (visitor_id);

-- The last case number given in each year: numbers are gapless because the
-- counter moves inside the transaction that creates the case.
CREATE TABLE case_counter (
	year INTEGER PRIMARY KEY,
	last_number INTEGER NOT NULL CHECK (last_number >= 0)
) STRICT;
