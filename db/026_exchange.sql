-- laifang schema 26: exchange between offices (issue 14). A transfer (转送)
-- or assignment (交办) to another laifang office travels as a signed package
-- (Ed25519; the office's signing key is derived from its office key, so no
-- secret is kept in the database), by file or, for an office on the same
-- server, straight into its database. The answers (accepted, returned,
-- result) come back the same way onto the sender's case.
-- Portable SQL as in 001: TEXT and INTEGER only, STRICT dropped on PostgreSQL.

-- The offices this one trusts: a package is imported only when it is signed
-- by the public key registered under its sender's name. db: the office's
-- database on the same server (a PostgreSQL connection string or a SQLite
-- path), NULL when packages go by file.
CREATE TABLE exchange_peer (
	name TEXT PRIMARY KEY,
	public_key TEXT NOT NULL CHECK (length(public_key) = 64),  -- hex
	db TEXT,
	added_at TEXT NOT NULL
) STRICT;

-- Every package sent or received, once (its id is the sender's): an import
-- of the same package again is refused. case_id is this office's case: the
-- case sent or answered, or the case registered from an incoming transfer.
CREATE TABLE exchange_package (
	id TEXT PRIMARY KEY,
	direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
	kind TEXT NOT NULL CHECK (kind IN ('transfer', 'assign', 'accepted', 'returned', 'result')),
	case_id TEXT NOT NULL REFERENCES case_file (id),
	peer TEXT NOT NULL,                 -- the other office's name
	peer_key TEXT NOT NULL,             -- its public key (hex)
	peer_case_id TEXT,                  -- the other office's case (its uuid and number)
	peer_case_no TEXT,
	at TEXT NOT NULL,                   -- sent or received
	sha256 TEXT NOT NULL                -- of the package's signed body
) STRICT;
CREATE INDEX exchange_package_case ON exchange_package (case_id);

-- The documents a package brought, stored in the attachment folder by
-- their SHA-256 as every attached file.
CREATE TABLE exchange_document (
	package_id TEXT NOT NULL REFERENCES exchange_package (id),
	n INTEGER NOT NULL CHECK (n >= 1),
	case_id TEXT NOT NULL REFERENCES case_file (id),
	name TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	size INTEGER NOT NULL CHECK (size >= 0),
	type TEXT,
	PRIMARY KEY (package_id, n)
) STRICT;
CREATE INDEX exchange_document_case ON exchange_document (case_id);

-- Archived means locked (db/011): both tables belong to a case.
CREATE TRIGGER exchange_package_archived_insert BEFORE INSERT ON exchange_package
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER exchange_package_archived_update BEFORE UPDATE ON exchange_package
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER exchange_package_archived_delete BEFORE DELETE ON exchange_package
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER exchange_document_archived_insert BEFORE INSERT ON exchange_document
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = NEW.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER exchange_document_archived_update BEFORE UPDATE ON exchange_document
WHEN EXISTS (SELECT 1 FROM case_file WHERE id IN (OLD.case_id, NEW.case_id) AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;

CREATE TRIGGER exchange_document_archived_delete BEFORE DELETE ON exchange_document
WHEN EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND status = 'archived')
BEGIN
	SELECT RAISE(ABORT, 'laifang: the case is archived');
END;
