-- laifang schema 14, PostgreSQL (twin of db/014_signed.sql): every signed
-- entry keeps its signer. case_entry takes the kinds 'routing' (批转意见)
-- and 'approval' (处室负责人 countersigning the handling entry at position
-- refers). SQLite rebuilds the table to change its CHECK and makes 011's
-- triggers again; PostgreSQL alters the constraint in place, so the rows,
-- the index and the triggers stay as they are.
ALTER TABLE case_entry DROP CONSTRAINT case_entry_kind_check;
ALTER TABLE case_entry ADD CONSTRAINT case_entry_kind_check
	CHECK (kind IN ('instruction', 'handling', 'routing', 'approval'));
ALTER TABLE case_entry ADD COLUMN refers bigint CHECK (refers >= 1);

-- The reception-day log: version counts the saves; a save names the
-- version it started from and is refused when the log moved on.
ALTER TABLE reception_log ADD COLUMN version bigint NOT NULL DEFAULT 0 CHECK (version >= 0);
ALTER TABLE reception_log ADD COLUMN saved_by text;
