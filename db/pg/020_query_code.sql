-- laifang schema 20, PostgreSQL (twin of db/020_query_code.sql): a case's
-- query code (查询码), minted at registration, never changed.
CREATE TABLE case_query_code (
	case_id TEXT NOT NULL PRIMARY KEY REFERENCES case_file (id),
	code TEXT NOT NULL UNIQUE,          -- "7KQ3M9XA": no hyphen, no look-alikes
	minted_at TEXT NOT NULL             -- ISO 8601 with offset
);

-- A code never changes and never goes once minted: the visitor holds it.
CREATE FUNCTION laifang_query_code_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'laifang: a query code never changes';
END
$$;

CREATE TRIGGER case_query_code_update BEFORE UPDATE ON case_query_code
FOR EACH ROW EXECUTE FUNCTION laifang_query_code_fixed();

CREATE TRIGGER case_query_code_delete BEFORE DELETE ON case_query_code
FOR EACH ROW EXECUTE FUNCTION laifang_query_code_fixed();

-- Archived means locked (db/011): no code is minted for an archived case.
CREATE TRIGGER case_query_code_archived_insert BEFORE INSERT ON case_query_code
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();
