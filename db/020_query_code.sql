-- laifang schema 20: a case's query code (查询码, issues 13 and 15). The code
-- is given to the visitor on the receipt (回执) so that a clerk answering a
-- call can tell the caller how their case stands (`laifang query CODE`):
-- 8 characters of an alphabet without look-alikes (src/core/query_code.c),
-- random from libsodium, minted in the transaction that registers the case
-- (src/store/sqlite/query_code.c). A case registered before this schema gets
-- its code the first time one is asked for (receipt, case screen, case
-- show), in a write of its own; an archived case takes no new code.
-- Its own table, not a column of case_file: a case's sealed row (db/008)
-- stays as it was, and a code is a fact of its own, sealed like any row.
-- Portable SQL as in 001: TEXT only, STRICT dropped on PostgreSQL.
CREATE TABLE case_query_code (
	case_id TEXT NOT NULL PRIMARY KEY REFERENCES case_file (id),
	code TEXT NOT NULL UNIQUE,          -- "7KQ3M9XA": no hyphen, no look-alikes
	minted_at TEXT NOT NULL             -- ISO 8601 with offset
) STRICT;

-- A code never changes and never goes once minted: the visitor holds it.
CREATE TRIGGER case_query_code_update BEFORE UPDATE ON case_query_code
BEGIN
	SELECT RAISE(ABORT, 'laifang: a query code never changes');
END;

CREATE TRIGGER case_query_code_delete BEFORE DELETE ON case_query_code
BEGIN
	SELECT RAISE(ABORT, 'laifang: a query code never changes');
END;

-- Archived means locked (db/011): no code is minted for an archived case.
CREATE TRIGGER case_query_code_archived_insert BEFORE INSERT ON case_query_code
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;
