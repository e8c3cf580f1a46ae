-- laifang schema 19: the audit screen's day filter as one index range
-- (issue 16). The screen pages by seq in both directions; with (at) alone a
-- day's entries came out of the index in time order and were sorted again
-- for each page. (day, seq) gives the filter and the order in one seek, and
-- replaces (at), which nothing else reads.
DROP INDEX audit_log_at;
CREATE INDEX audit_log_day ON audit_log (substr(at, 1, 10), seq);
