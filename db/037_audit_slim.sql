-- laifang schema 37: the audit log keeps each link once (issue 16). An
-- entry's prev_hash was always the hash of the entry before it (64 zeros
-- for the first): a copy of a value the log holds already, 65 bytes of each
-- entry. The keyed hash is still taken over the previous entry's hash
-- (src/store/seal.c): laifang reads it from that entry (or from audit_head
-- when appending), so an entry edited, deleted or moved still breaks the
-- chain where it was and `laifang check` names it (check_seal.c). The hashes
-- written before stay valid as they are: nothing is re-sealed.
ALTER TABLE audit_log DROP COLUMN prev_hash;
