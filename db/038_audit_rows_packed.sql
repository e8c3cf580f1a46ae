-- laifang schema 38: an audit entry's rows stored packed (issue 16). The
-- rows an entry wrote were JSON text, [[table, key, digest or null, name?]],
-- every digest and id in hex: most of the entry's bytes. They are now a
-- blob (src/store/seal_pack.c): each digest's and UUID's bytes as they are,
-- a table's name once for its run of rows. The keyed hash is still taken
-- over the JSON text, which the blob gives back byte for byte (the packing
-- is used only when it does, else the text's own bytes are stored), so the
-- hashes written before stay valid as they are: nothing is re-sealed, and
-- `laifang check` still names an entry or row edited behind laifang's back.
-- audit_log is STRICT, so the column is made anew as a BLOB (it moves to
-- the end of the table; laifang names its columns). laifang_rows_pack is
-- laifang's own function (src/store/sqlite/rows_fn.c).
-- The text goes in the same pass as its packing comes: each entry only
-- shrinks, so no page of the log splits (the file grows by nothing; the
-- room freed in its pages is filled by the next entries, or a VACUUM).
ALTER TABLE audit_log ADD COLUMN packed BLOB;
UPDATE audit_log SET packed = laifang_rows_pack(rows), rows = NULL WHERE rows IS NOT NULL;
ALTER TABLE audit_log DROP COLUMN rows;
ALTER TABLE audit_log RENAME COLUMN packed TO rows;
