-- laifang schema 27, PostgreSQL (twin of db/027_delivery.sql): the delivery
-- (送达) of each recorded notice, one row per case_event of kind 'deliver'.

CREATE TABLE case_delivery (
	case_id text NOT NULL REFERENCES case_file (id),
	seq bigint NOT NULL CHECK (seq >= 1),
	notice_kind text NOT NULL,
	doc_no text NOT NULL,
	method text NOT NULL CHECK (method IN ('in_person', 'post', 'electronic', 'other')),
	tracking text,
	delivered_on text NOT NULL,
	refused bigint NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
	note text,
	signer_id text REFERENCES app_user (id),
	recorded_at text NOT NULL,
	CHECK (method <> 'post' OR coalesce(tracking, '') <> ''),
	CHECK (refused = 0 OR coalesce(note, '') <> ''),
	PRIMARY KEY (case_id, seq)
);

-- Archived means locked (011).
CREATE TRIGGER case_delivery_archived_insert BEFORE INSERT ON case_delivery
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_delivery_archived_update BEFORE UPDATE ON case_delivery
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_delivery_archived_delete BEFORE DELETE ON case_delivery
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();
