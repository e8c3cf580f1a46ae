-- laifang schema 24, PostgreSQL (twin of db/024_channels.sql): every
-- channel in (phone and fax), the regulation's category chosen at
-- screening, anonymous cases, and the channel form's own fields.
ALTER TABLE case_file ADD COLUMN kind text CHECK (kind IN ('suggestion', 'accusation', 'claim'));
ALTER TABLE case_file ADD COLUMN anonymous bigint NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1));

ALTER TABLE case_file DROP CONSTRAINT case_file_channel_check;
ALTER TABLE case_file ADD CONSTRAINT case_file_channel_check
	CHECK (channel IN ('visit', 'letter', 'online', 'phone', 'fax'));

CREATE TABLE case_intake (
	case_id text NOT NULL REFERENCES case_file (id),
	field text NOT NULL,                -- the form's field id: letter_date, postmark, ...
	value text NOT NULL,
	PRIMARY KEY (case_id, field)
);

-- Archived means locked (db/011).
CREATE TRIGGER case_intake_archived_insert BEFORE INSERT ON case_intake
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_intake_archived_update BEFORE UPDATE ON case_intake
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_intake_archived_delete BEFORE DELETE ON case_intake
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

-- The statistics' counters (022) count the category and anonymous items
-- too: what each case is counted as, and the counters of the cases so far
-- (none has a category or is anonymous yet).
ALTER TABLE stats_case ADD COLUMN case_kind text NOT NULL DEFAULT '';
ALTER TABLE stats_case ADD COLUMN anonymous bigint NOT NULL DEFAULT 0;
INSERT INTO stats_count (dim, period, key, n)
SELECT 'kind', substr(received_on, 1, 7), '', count(*) FROM case_file GROUP BY substr(received_on, 1, 7);
