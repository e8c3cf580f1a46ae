-- laifang schema 38, PostgreSQL (twin of db/038_audit_rows_packed.sql): an
-- entry's rows are bytea, packed by laifang for each new entry
-- (src/store/seal_pack.c). The entries already there keep their JSON text's
-- bytes, which laifang reads as that text (a value without the packing's
-- format byte is the text itself): their hashes hold as they are. Made anew
-- at the end of the table, as on SQLite.
ALTER TABLE audit_log ADD COLUMN packed bytea;
UPDATE audit_log SET packed = convert_to(rows, 'UTF8') WHERE rows IS NOT NULL;
ALTER TABLE audit_log DROP COLUMN rows;
ALTER TABLE audit_log RENAME COLUMN packed TO rows;
