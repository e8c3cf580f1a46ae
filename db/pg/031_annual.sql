-- laifang schema 31, PostgreSQL (twin of db/031_annual.sql): the acts of a
-- year by kind and day, and the office's suggestions and whether adopted,
-- for the annual report (第四十一条（二）（三）).
CREATE INDEX case_event_kind_at ON case_event (kind, at);

CREATE TABLE suggestion (
	id text NOT NULL PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('improve', 'policy', 'accountability')),
	made_on text NOT NULL,
	addressee text NOT NULL,
	text text NOT NULL,
	user_id text REFERENCES app_user (id),
	by_name text NOT NULL,
	at text NOT NULL,
	outcome text CHECK (outcome IN ('adopted', 'partly', 'rejected')),
	outcome_on text,
	outcome_note text,
	outcome_user_id text REFERENCES app_user (id),
	outcome_by_name text,
	outcome_at text
);
CREATE INDEX suggestion_made_on ON suggestion (made_on);
