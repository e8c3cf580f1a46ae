-- laifang schema 37, PostgreSQL (twin of db/037_audit_slim.sql): each
-- entry's link is read from the entry before it; prev_hash, its copy, goes.
-- (PostgreSQL frees the column's space in old rows at the next rewrite of
-- the table, e.g. VACUUM FULL; new rows are smaller at once.)
ALTER TABLE audit_log DROP COLUMN prev_hash;
