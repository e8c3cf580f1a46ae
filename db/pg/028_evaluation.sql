-- laifang schema 28, PostgreSQL (twin of db/028_evaluation.sql): the
-- petitioner's evaluation of an answer (可评价, issue 13).

CREATE TABLE case_evaluation (
	case_id text NOT NULL REFERENCES case_file (id),
	seq bigint NOT NULL CHECK (seq >= 1),
	reply_seq bigint NOT NULL CHECK (reply_seq >= 1),
	office text NOT NULL CHECK (office IN ('satisfied', 'basically', 'dissatisfied')),
	unit text NOT NULL CHECK (unit IN ('satisfied', 'basically', 'dissatisfied')),
	unit_id text REFERENCES unit (id),
	reason text,
	CHECK ((office <> 'dissatisfied' AND unit <> 'dissatisfied') OR (reason IS NOT NULL AND reason <> '')),
	PRIMARY KEY (case_id, seq),
	UNIQUE (case_id, reply_seq)
);

ALTER TABLE case_file ADD COLUMN evaluation_due text;
CREATE INDEX case_file_evaluation_due ON case_file (evaluation_due) WHERE evaluation_due IS NOT NULL;

CREATE TRIGGER case_evaluation_archived_insert BEFORE INSERT ON case_evaluation
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_evaluation_archived_update BEFORE UPDATE ON case_evaluation
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

CREATE TRIGGER case_evaluation_archived_delete BEFORE DELETE ON case_evaluation
FOR EACH ROW EXECUTE FUNCTION laifang_case_archived();

ALTER TABLE stats_case ADD COLUMN evals text NOT NULL DEFAULT '';
UPDATE stats_case SET evals = coalesce((SELECT string_agg('o:' || e.satisfaction, ' ') FROM case_event e
	WHERE e.case_id = stats_case.case_id AND e.kind = 'reply' AND e.satisfaction IS NOT NULL), '');
INSERT INTO stats_count (dim, period, key, n)
SELECT 'eval', substr(c.received_on, 1, 7), 'o:' || e.satisfaction, count(*) FROM case_file c
JOIN case_event e ON e.case_id = c.id WHERE e.kind = 'reply' AND e.satisfaction IS NOT NULL
GROUP BY substr(c.received_on, 1, 7), 'o:' || e.satisfaction;
