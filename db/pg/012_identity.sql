-- laifang schema 12, PostgreSQL (twin of db/012_identity.sql): who a
-- visitor is, by a document (证件类型 and its number); a case keeps the
-- document as typed on that visit. No row is rewritten (the seal).
ALTER TABLE visitor ADD COLUMN doc_type text NOT NULL DEFAULT '居民身份证';
ALTER TABLE visitor ADD COLUMN doc_number text;

ALTER TABLE case_visitor ADD COLUMN doc_type text;
ALTER TABLE case_visitor ADD COLUMN doc_number text;  -- as typed
ALTER TABLE case_visitor ADD COLUMN doc_note text;    -- 无证件: why, and how to recognise the person
