-- laifang schema 11: archived means locked (issue 11). After 归档 nothing
-- about a case changes but its annotations. The store refuses first, with
-- the case's number (src/store/archive_lock.c); these triggers are the
-- second line, for any write that does not come through it. The words
-- "laifang: the case is archived" are what the store recognises.
-- A later migration that rewrites every case_file row must leave archived
-- rows alone (or drop and recreate these triggers around its change).

CREATE TRIGGER case_file_archived_update BEFORE UPDATE ON case_file
WHEN OLD.status = 'archived'
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_file_archived_delete BEFORE DELETE ON case_file
WHEN OLD.status = 'archived'
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

-- The timeline: an annotation is the one event an archived case takes.
CREATE TRIGGER case_event_archived_insert BEFORE INSERT ON case_event
WHEN NEW.kind <> 'annotate'
 AND EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_event_archived_update BEFORE UPDATE ON case_event
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_event_archived_delete BEFORE DELETE ON case_event
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

-- Signed entries (批示, 办理情况).
CREATE TRIGGER case_entry_archived_insert BEFORE INSERT ON case_entry
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_entry_archived_update BEFORE UPDATE ON case_entry
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_entry_archived_delete BEFORE DELETE ON case_entry
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

-- Who came on the case (the visitor, representatives).
CREATE TRIGGER case_visitor_archived_insert BEFORE INSERT ON case_visitor
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_visitor_archived_update BEFORE UPDATE ON case_visitor
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER case_visitor_archived_delete BEFORE DELETE ON case_visitor
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;
