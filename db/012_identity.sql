-- laifang schema 12: who a visitor is. A person is known by a document
-- (证件类型 and its number); a case keeps the document as typed on that
-- visit, next to the name, sex, phone and address it already keeps.
--
-- visitor.id_number stays the unique key of a person (SQLite cannot change a
-- column's UNIQUE without rebuilding a table others reference): it holds the
-- 18-digit ID number for 居民身份证, "证件类型:number" for other documents,
-- and "无证件:" and a fresh UUID for a person without one, so that such a
-- person is never matched. doc_type and doc_number say what it is; on a row
-- from before this schema doc_number is NULL and id_number is the ID number.
--
-- Nothing here rewrites a row: the rows of facts are sealed by the audit log
-- (src/store/seal_rows.c), and a new column that is NULL or at its default
-- leaves a row's digest as it was. So an older record of a 15-digit number
-- keeps it; the store finds it by the 18-digit form (cases.c, legacy_key).
ALTER TABLE visitor ADD COLUMN doc_type TEXT NOT NULL DEFAULT '居民身份证';
ALTER TABLE visitor ADD COLUMN doc_number TEXT;

-- The document shown on that visit: NULL doc_type on older cases means the
-- person's number (visitor.id_number) was the one written.
ALTER TABLE case_visitor ADD COLUMN doc_type TEXT;
ALTER TABLE case_visitor ADD COLUMN doc_number TEXT;  -- as typed (a 15-digit ID number stays 15)
ALTER TABLE case_visitor ADD COLUMN doc_note TEXT;    -- 无证件: why, and how to recognise the person
