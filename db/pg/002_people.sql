-- laifang schema 2, PostgreSQL (twin of db/002_people.sql): units, logins,
-- settings, the hash-chained audit log, signed entries on cases.

-- A unit; never deleted, active = 0 hides one.
CREATE TABLE unit (
	id text NOT NULL PRIMARY KEY,       -- UUID
	name text NOT NULL UNIQUE,
	kind text NOT NULL CHECK (kind IN ('department', 'peer', 'lower', 'discipline')),
	active bigint NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at text NOT NULL            -- ISO 8601 with offset
);

-- A login; never deleted. roles is a bit mask of lf_role (auth.h);
-- password_hash is libsodium's crypto_pwhash_str text.
CREATE TABLE app_user (
	id text NOT NULL PRIMARY KEY,       -- UUID
	login text NOT NULL UNIQUE,         -- case-sensitive, as typed
	name text NOT NULL,                 -- 姓名, as a signature shows it
	title text,                         -- 职务, or NULL
	unit_id text REFERENCES unit (id),
	roles bigint NOT NULL CHECK (roles >= 0),
	password_hash text NOT NULL,
	active bigint NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	failed_logins bigint NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
	locked_until text,                  -- ISO 8601; NULL when not locked
	created_at text NOT NULL,
	updated_at text NOT NULL
);

CREATE INDEX app_user_unit ON app_user (unit_id);

-- Office settings as text; the code holds each key's default.
CREATE TABLE setting (
	key text NOT NULL PRIMARY KEY,
	value text NOT NULL
);

-- The audit log: append-only, each entry's hash over the previous one's
-- (src/store/audit.c). seq is given by laifang (head seq + 1): not an
-- identity column. Under concurrency the PG backend locks audit_head's row
-- in the writing transaction, so entries append in order.
CREATE TABLE audit_log (
	seq bigint PRIMARY KEY CHECK (seq >= 1),
	at text NOT NULL,                   -- ISO 8601 with offset
	user_id text,                       -- NULL for "system"
	login text NOT NULL,
	action text NOT NULL,
	record text,
	changes text,                       -- a JSON object, or NULL
	prev_hash text NOT NULL,            -- 64 hex digits
	hash text NOT NULL
);

CREATE INDEX audit_log_record ON audit_log (record, seq);
CREATE INDEX audit_log_login ON audit_log (login, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain's head, moved in the same transaction as each append.
CREATE TABLE audit_head (
	one bigint PRIMARY KEY CHECK (one = 1),
	seq bigint NOT NULL CHECK (seq >= 0),
	hash text NOT NULL
);
INSERT INTO audit_head (one, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A signed entry on a case: 领导批示 (instruction) or 办理情况 (handling).
-- The CHECK on kind is named case_entry_kind_check (PostgreSQL's own name
-- for it): 014 replaces it.
CREATE TABLE case_entry (
	id text NOT NULL PRIMARY KEY,       -- UUID
	case_id text NOT NULL REFERENCES case_file (id),
	kind text NOT NULL CONSTRAINT case_entry_kind_check CHECK (kind IN ('instruction', 'handling')),
	position bigint NOT NULL CHECK (position >= 1),
	text text NOT NULL,
	signer_id text NOT NULL REFERENCES app_user (id),
	signer_name text NOT NULL,          -- as signed: "姓名（职务）"
	signed_at text NOT NULL,            -- ISO 8601 with offset
	UNIQUE (case_id, kind, position)    -- also serves a case's entries in order
);

CREATE INDEX case_entry_signer ON case_entry (signer_id);

-- The login that registered the case.
ALTER TABLE case_file ADD COLUMN receptionist_id text REFERENCES app_user (id);
