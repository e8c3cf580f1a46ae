-- laifang schema 11, PostgreSQL (twin of db/011_archive_lock.sql): archived
-- means locked. After 归档 nothing about a case changes but its
-- annotations. The store refuses first (src/store/archive_lock.c); these
-- triggers are the second line. The words "laifang: the case is archived"
-- are what the store recognises (SQLSTATE P0001, raise_exception).
-- Trigger names are SQLite's; each SQLite WHEN becomes the function's test
-- (or the trigger's WHEN where it reads only the row itself).

-- case_file: an archived row is neither updated nor deleted.
CREATE FUNCTION laifang_archived_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'laifang: the case is archived';
END
$$;

-- A row that belongs to a case (case_id): refused when its case, before or
-- after the change, is archived.
CREATE FUNCTION laifang_case_archived() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	ids text[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		ids := ARRAY[NEW.case_id];
	ELSIF TG_OP = 'UPDATE' THEN
		ids := ARRAY[OLD.case_id, NEW.case_id];
	ELSE
		ids := ARRAY[OLD.case_id];
	END IF;
	IF EXISTS (SELECT 1 FROM case_file WHERE id = ANY (ids) AND status = 'archived') THEN
		RAISE EXCEPTION 'laifang: the case is archived';
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER case_file_archived_update BEFORE UPDATE ON case_file
FOR EACH ROW WHEN (OLD.status = 'archived') EXECUTE FUNCTION laifang_archived_refuse();

CREATE TRIGGER case_file_archived_delete BEFORE DELETE ON case_file
FOR EACH ROW WHEN (OLD.status = 'archived') EXECUTE FUNCTION laifang_archived_refuse();

-- The timeline: an annotation is the one event an archived case takes.
CREATE TRIGGER case_event_archived_insert BEFORE INSERT ON case_event
FOR EACH ROW WHEN (NEW.kind <> 'annotate') EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_event_archived_update BEFORE UPDATE ON case_event
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_event_archived_delete BEFORE DELETE ON case_event
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

-- Signed entries (批示, 办理情况).
CREATE TRIGGER case_entry_archived_insert BEFORE INSERT ON case_entry
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_entry_archived_update BEFORE UPDATE ON case_entry
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_entry_archived_delete BEFORE DELETE ON case_entry
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

-- Who came on the case.
CREATE TRIGGER case_visitor_archived_insert BEFORE INSERT ON case_visitor
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_visitor_archived_update BEFORE UPDATE ON case_visitor
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_visitor_archived_delete BEFORE DELETE ON case_visitor
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();
