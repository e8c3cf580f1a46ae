-- laifang schema 26, PostgreSQL (twin of db/026_exchange.sql): the offices
-- this one trusts, the packages sent and received, their documents.

CREATE TABLE exchange_peer (
	name text PRIMARY KEY,
	public_key text NOT NULL CHECK (length(public_key) = 64),
	db text,
	added_at text NOT NULL
);

CREATE TABLE exchange_package (
	id text PRIMARY KEY,
	direction text NOT NULL CHECK (direction IN ('out', 'in')),
	kind text NOT NULL CHECK (kind IN ('transfer', 'assign', 'accepted', 'returned', 'result')),
	case_id text NOT NULL REFERENCES case_file (id),
	peer text NOT NULL,
	peer_key text NOT NULL,
	peer_case_id text,
	peer_case_no text,
	at text NOT NULL,
	sha256 text NOT NULL
);
CREATE INDEX exchange_package_case ON exchange_package (case_id);

CREATE TABLE exchange_document (
	package_id text NOT NULL REFERENCES exchange_package (id),
	n bigint NOT NULL CHECK (n >= 1),
	case_id text NOT NULL REFERENCES case_file (id),
	name text NOT NULL,
	sha256 text NOT NULL,
	size bigint NOT NULL CHECK (size >= 0),
	type text,
	PRIMARY KEY (package_id, n)
);
CREATE INDEX exchange_document_case ON exchange_document (case_id);

-- Archived means locked (011).
CREATE TRIGGER exchange_package_archived_insert BEFORE INSERT ON exchange_package
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER exchange_package_archived_update BEFORE UPDATE ON exchange_package
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER exchange_package_archived_delete BEFORE DELETE ON exchange_package
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER exchange_document_archived_insert BEFORE INSERT ON exchange_document
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER exchange_document_archived_update BEFORE UPDATE ON exchange_document
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER exchange_document_archived_delete BEFORE DELETE ON exchange_document
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();
