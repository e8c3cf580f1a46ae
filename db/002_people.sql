-- laifang schema 2: the people (units, logins), the office's settings, the
-- hash-chained audit log, and signed entries on cases.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

-- A unit: a department of this office or an outside agency. Units are
-- never deleted (cases and users refer to them); active = 0 hides one.
CREATE TABLE unit (
	id TEXT NOT NULL PRIMARY KEY,       -- UUID
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('department', 'peer', 'lower', 'discipline')),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL            -- ISO 8601 with offset
) STRICT;

-- A login. Never deleted: signatures and the audit log name it for good, so
-- leaving the office is active = 0. roles is a bit mask of lf_role (auth.h):
-- the set of roles is the code's, not the data's, so no table for it.
-- password_hash is libsodium's crypto_pwhash_str text (argon2id, with its
-- own salt and parameters); the password itself is never stored.
CREATE TABLE app_user (
	id TEXT NOT NULL PRIMARY KEY,       -- UUID
	login TEXT NOT NULL UNIQUE,         -- case-sensitive, as typed at the login screen
	name TEXT NOT NULL,                 -- 姓名, as a signature shows it
	title TEXT,                         -- 职务 (副局长), or NULL
	unit_id TEXT REFERENCES unit (id),
	roles INTEGER NOT NULL CHECK (roles >= 0),
	password_hash TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
	locked_until TEXT,                  -- ISO 8601; NULL when not locked
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

-- A unit's members (and the foreign key check without a table scan).
CREATE INDEX app_user_unit ON app_user (unit_id);

-- Office settings as text (idle_lock_seconds, lockout_failures, ...): the
-- code holds each key's default, so an unset key needs no row.
CREATE TABLE setting (
	key TEXT NOT NULL PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- The audit log: append-only. Each entry's hash is SHA-256 over the previous
-- entry's hash and this entry's fields (src/store/audit.c says exactly how),
-- so an entry edited or deleted behind laifang's back breaks the chain and
-- `laifang check` names it. seq is given by laifang (head seq + 1) inside the
-- writing transaction, never reused, so a gap means a deleted entry.
-- No foreign key on user_id: the log is a copy of what happened and must
-- read the same whatever becomes of the rows it names; login is kept as text
-- for the same reason (and "system" for set-up with no user).
CREATE TABLE audit_log (
	seq INTEGER PRIMARY KEY CHECK (seq >= 1),
	at TEXT NOT NULL,                   -- ISO 8601 with offset
	user_id TEXT,                       -- NULL for "system"
	login TEXT NOT NULL,
	action TEXT NOT NULL,               -- "case.register", "user.add", "login.fail"...
	record TEXT,                        -- id of the case / user / unit, a setting's key
	changes TEXT,                       -- a JSON object, or NULL
	prev_hash TEXT NOT NULL,            -- 64 hex digits; the first entry's is 64 zeros
	hash TEXT NOT NULL
) STRICT;

-- The audit screen reads newest first (seq DESC, keyset paging on seq) by
-- case or user (record), by login, or by day (a range on the `at` prefix).
-- With seq last in the first two, the filter and the order are one index scan.
CREATE INDEX audit_log_record ON audit_log (record, seq);
CREATE INDEX audit_log_login ON audit_log (login, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain's head: the last entry's seq and hash, moved in the same
-- transaction as each append. Deleting the last entries of the log leaves
-- no gap to see; the head still names them. (Whoever can write the file can
-- rewrite head and chain together: the chain shows careless tampering, and
-- the head hash written down elsewhere shows the rest.)
CREATE TABLE audit_head (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	seq INTEGER NOT NULL CHECK (seq >= 0),
	hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (one, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A signed entry on a case: 领导批示 (instruction) or 办理情况 (handling).
-- Never edited: a later word is a new entry with the next position. The
-- case_file columns instruction* / handling* repeat the joined text and the
-- latest signature for the sheet and the export.
CREATE TABLE case_entry (
	id TEXT NOT NULL PRIMARY KEY,       -- UUID
	case_id TEXT NOT NULL REFERENCES case_file (id),
	kind TEXT NOT NULL CHECK (kind IN ('instruction', 'handling')),
	position INTEGER NOT NULL CHECK (position >= 1),
	text TEXT NOT NULL,
	signer_id TEXT NOT NULL REFERENCES app_user (id),
	signer_name TEXT NOT NULL,          -- as signed: "姓名（职务）"; a later rename does not change it
	signed_at TEXT NOT NULL,            -- ISO 8601 with offset: the moment of confirmation
	UNIQUE (case_id, kind, position)    -- also serves a case's entries in order
) STRICT;

-- Who signs: a user's entries.
CREATE INDEX case_entry_signer ON case_entry (signer_id);

-- The login that registered the case (receptionist keeps the name written
-- on the sheet, as before). NULL for cases from before logins.
ALTER TABLE case_file ADD COLUMN receptionist_id TEXT REFERENCES app_user (id);
