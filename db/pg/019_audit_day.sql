-- laifang schema 19, PostgreSQL (twin of db/019_audit_day.sql): the audit
-- screen's day filter and order in one index range, replacing (at).
DROP INDEX audit_log_at;
CREATE INDEX audit_log_day ON audit_log (substr(at, 1, 10), seq);
