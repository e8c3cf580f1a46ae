-- laifang schema 12: who a visitor is. A person is known by a document
-- (证件类型 and its number); a case keeps the document as typed on that
-- visit, next to the name, sex, phone and address it already keeps.
--
-- visitor.id_number stays the unique key of a person (SQLite cannot change a
-- column's UNIQUE without rebuilding a table others reference): it holds the
-- 18-digit ID number for 居民身份证, "证件类型:number" for other documents,
-- and "无证件:" and the row's own id for a person without one, so that such a
-- person is never matched. doc_type and doc_number say what it is.
ALTER TABLE visitor ADD COLUMN doc_type TEXT NOT NULL DEFAULT '居民身份证';
ALTER TABLE visitor ADD COLUMN doc_number TEXT;

-- A 15-digit number and its 18-digit form are one person: the record keeps
-- the 18-digit form (GB 11643: "19" after the area code, then the check
-- digit), unless that form is already someone's record (then both stay and
-- the clerk sees two).
UPDATE visitor SET id_number = substr(id_number, 1, 6) || '19' || substr(id_number, 7, 9) || substr('10X98765432', (7 * CAST(substr(id_number,1,1) AS INTEGER) + 9 * CAST(substr(id_number,2,1) AS INTEGER) + 10 * CAST(substr(id_number,3,1) AS INTEGER) + 5 * CAST(substr(id_number,4,1) AS INTEGER) + 8 * CAST(substr(id_number,5,1) AS INTEGER) + 4 * CAST(substr(id_number,6,1) AS INTEGER) + 2 * 1 + 1 * 9 + 6 * CAST(substr(id_number,7,1) AS INTEGER) + 3 * CAST(substr(id_number,8,1) AS INTEGER) + 7 * CAST(substr(id_number,9,1) AS INTEGER) + 9 * CAST(substr(id_number,10,1) AS INTEGER) + 10 * CAST(substr(id_number,11,1) AS INTEGER) + 5 * CAST(substr(id_number,12,1) AS INTEGER) + 8 * CAST(substr(id_number,13,1) AS INTEGER) + 4 * CAST(substr(id_number,14,1) AS INTEGER) + 2 * CAST(substr(id_number,15,1) AS INTEGER)) % 11 + 1, 1)
WHERE length(id_number) = 15 AND id_number NOT GLOB '*[^0-9]*'
  AND NOT EXISTS (SELECT 1 FROM visitor w WHERE w.id_number = substr(visitor.id_number, 1, 6) || '19' || substr(visitor.id_number, 7, 9) || substr('10X98765432', (7 * CAST(substr(visitor.id_number,1,1) AS INTEGER) + 9 * CAST(substr(visitor.id_number,2,1) AS INTEGER) + 10 * CAST(substr(visitor.id_number,3,1) AS INTEGER) + 5 * CAST(substr(visitor.id_number,4,1) AS INTEGER) + 8 * CAST(substr(visitor.id_number,5,1) AS INTEGER) + 4 * CAST(substr(visitor.id_number,6,1) AS INTEGER) + 2 * 1 + 1 * 9 + 6 * CAST(substr(visitor.id_number,7,1) AS INTEGER) + 3 * CAST(substr(visitor.id_number,8,1) AS INTEGER) + 7 * CAST(substr(visitor.id_number,9,1) AS INTEGER) + 9 * CAST(substr(visitor.id_number,10,1) AS INTEGER) + 10 * CAST(substr(visitor.id_number,11,1) AS INTEGER) + 5 * CAST(substr(visitor.id_number,12,1) AS INTEGER) + 8 * CAST(substr(visitor.id_number,13,1) AS INTEGER) + 4 * CAST(substr(visitor.id_number,14,1) AS INTEGER) + 2 * CAST(substr(visitor.id_number,15,1) AS INTEGER)) % 11 + 1, 1));
UPDATE visitor SET doc_number = id_number;

-- The document shown on that visit: NULL doc_type on older cases means the
-- person's number (visitor) was the one written.
ALTER TABLE case_visitor ADD COLUMN doc_type TEXT;
ALTER TABLE case_visitor ADD COLUMN doc_number TEXT;  -- as typed (a 15-digit ID number stays 15)
ALTER TABLE case_visitor ADD COLUMN doc_note TEXT;    -- 无证件: why, and how to recognise the person

-- The ID number search keys follow the record's number.
DELETE FROM search_key WHERE key GLOB 'i*';
INSERT INTO search_key (key, case_seq)
SELECT DISTINCT laifang_search_key('i', v.doc_number), c.seq_id
FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id JOIN visitor v ON v.id = cv.visitor_id
WHERE laifang_search_key('i', v.doc_number) IS NOT NULL
ON CONFLICT DO NOTHING;
