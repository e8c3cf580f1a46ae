-- laifang schema 8, PostgreSQL (twin of db/008_seal.sql): the audit log
-- covers the record (src/store/seal*.c).
--
-- What the PG backend will need for the seal (not here; nothing is ported
-- yet). On SQLite, src/store/seal_rows.c creates at run time, per
-- connection, a TEMP table lf_written and TEMP triggers
-- lf_seal_<table>_i/_u/_d on every sealed table, which note the key of each
-- row a write touched; the audit entry then digests those rows.
-- PostgreSQL has no temporary triggers on permanent tables (a trigger is
-- seen by every session). So: permanent AFTER INSERT/UPDATE/DELETE row
-- triggers on each sealed table (a migration listing seal_rows.c's tables),
-- whose function notes NEW/OLD's key into a temporary table lf_written that
-- each session creates at connect (ON COMMIT DELETE ROWS), and does nothing
-- in a session that has none (psql, `db copy`). check_schema.c then
-- expects those triggers. The row digest skips values equal to a column's
-- declared default: on PostgreSQL read the defaults from
-- information_schema.columns, whose text differs ('visit'::text).

-- A JSON array of [table, key, digest or null, name], or NULL.
ALTER TABLE audit_log ADD COLUMN rows text;

-- This database's random id (names its key file) and when it was sealed.
CREATE TABLE audit_seal (
	one bigint PRIMARY KEY CHECK (one = 1),
	db_id text NOT NULL,
	sealed_at text NOT NULL
);
