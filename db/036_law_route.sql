-- laifang schema 36: 诉访分离 (issue 13; 信访工作条例 第二十二条第二款,
-- 第三十一条第（一）项). Portable SQL as in 001.
--
-- A unit takes one more kind: 'law', a political-legal organ (政法机关: a
-- court, a procuratorate, public security, justice administration), to
-- which a claim whose matter belongs to litigation is transferred
-- (case_event kind 'refer_law', case state 'law_referred'). SQLite cannot
-- alter a CHECK: the stored definition is widened in place, as 024 did for
-- the channel (every row already passes the wider check).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (kind IN (''department'', ''peer'', ''lower'', ''discipline''))',
                  'CHECK (kind IN (''department'', ''peer'', ''lower'', ''discipline'', ''law''))')
WHERE type = 'table' AND name = 'unit';
PRAGMA writable_schema = RESET;

-- A package of one more kind: 'review', a case a lower office sent up for
-- 复查 (第三十五条), recorded by hand with the original case's number and
-- the documents of its written answer (exchange_document); the answer's
-- text is among the case's facts (case_intake from_answer).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (kind IN (''transfer'', ''assign'', ''accepted'', ''returned'', ''result''))',
                  'CHECK (kind IN (''transfer'', ''assign'', ''accepted'', ''returned'', ''result'', ''review''))')
WHERE type = 'table' AND name = 'exchange_package';
PRAGMA writable_schema = RESET;
