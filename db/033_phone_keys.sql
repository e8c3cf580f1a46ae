-- Issue 12: a landline written with its extension (020-83186312-805) is
-- found by its local digits: the search key of a phone leaves the
-- extension out (store_search_key). The phone keys are made again by that
-- rule, for the first number and each further one (schema 23).
DELETE FROM search_key WHERE substr(key, 1, 1) = 'p';
INSERT OR IGNORE INTO search_key (key, case_seq)
SELECT laifang_search_key('p', cv.phone), c.seq_id
FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id
WHERE laifang_search_key('p', cv.phone) IS NOT NULL
UNION
SELECT laifang_search_key('p', cv.phone_more, pn.n), c.seq_id
FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id,
     (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) pn
WHERE laifang_search_key('p', cv.phone_more, pn.n) IS NOT NULL;
