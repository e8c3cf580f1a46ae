-- laifang schema 31, PostgreSQL (twin of db/031_annual.sql): the acts of a
-- year by kind and day, for the annual report (第四十一条（二）).
CREATE INDEX case_event_kind_at ON case_event (kind, at);
