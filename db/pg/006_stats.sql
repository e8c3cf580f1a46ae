-- laifang schema 6, PostgreSQL (twin of db/006_stats.sql): the office's
-- categories, a case's category, and the cases in each state as counters.

CREATE TABLE category (
	id text NOT NULL PRIMARY KEY,          -- UUID
	name text NOT NULL UNIQUE,
	position bigint NOT NULL CHECK (position >= 1),
	active bigint NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

ALTER TABLE case_file ADD COLUMN category_id text REFERENCES category (id);
CREATE INDEX case_file_category ON case_file (category_id) WHERE category_id IS NOT NULL;

-- Moves between states, kept by the store in the transaction of each
-- change of state (src/store/stats.c). Cases in a state = moved + (for
-- 'registered') the sum of case_counter.
CREATE TABLE status_count (
	status text NOT NULL PRIMARY KEY,
	moved bigint NOT NULL
);

INSERT INTO status_count (status, moved)
SELECT status, count(*) FROM case_file WHERE status <> 'registered' GROUP BY status;
INSERT INTO status_count (status, moved)
VALUES ('registered', (SELECT count(*) FROM case_file WHERE status = 'registered')
                      - (SELECT coalesce(sum(last_number), 0) FROM case_counter));
