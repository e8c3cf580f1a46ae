-- laifang schema 8: the audit log covers the record. Each entry carries the
-- digests of the rows its write left behind (src/store/seal_rows.c says how
-- a row is digested), and the chain is keyed: HMAC-SHA-256 with the office
-- key, kept outside this file (src/store/seal.c). `laifang check` recomputes
-- every current row's digest against the latest entry that wrote it.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

-- A JSON array of [table, key, digest or null when deleted, name], or NULL
-- when the entry wrote no row (a login that failed, a case read).
ALTER TABLE audit_log ADD COLUMN rows TEXT;

-- This database's random id, which names its key file
-- ($XDG_CONFIG_HOME/laifang/<db_id>.key), and when the log was first sealed
-- with the key. The row is written by laifang at the first open after this
-- migration (it needs the key): an older log is verified and re-sealed then.
CREATE TABLE audit_seal (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	db_id TEXT NOT NULL,
	sealed_at TEXT NOT NULL
) STRICT;
