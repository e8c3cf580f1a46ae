-- Issue 12: a landline written with its extension (020-83186312-805) is
-- found by its local digits: the search key of a phone leaves the
-- extension out (store_search_key, C, on both backends). Here the same
-- rule in SQL, once, for the keys made before: the phone's digits and X
-- from the end, at most 40, the extension of an area-local-extension
-- number left out; the first number and each of the further ones (at most
-- four, joined by "、", schema 23).
DELETE FROM search_key WHERE key LIKE 'p%';
INSERT INTO search_key (key, case_seq)
SELECT DISTINCT w.k, w.seq FROM (
	SELECT 'p' || left(upper(reverse(regexp_replace(
		regexp_replace(p.ph, '^([0-9]{3,4}-[0-9]{7,8})-[0-9]{1,6}$', '\1'), '[^0-9Xx]', '', 'g'))), 40) AS k,
		p.seq
	FROM (SELECT c.seq_id AS seq, cv.phone AS ph FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id
	      UNION ALL
	      SELECT c.seq_id, (string_to_array(cv.phone_more, '、'))[pn.n]
	      FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id, generate_series(1, 4) AS pn(n)
	      WHERE cv.phone_more IS NOT NULL) p
	WHERE p.ph IS NOT NULL) w
WHERE w.k <> 'p'
ON CONFLICT DO NOTHING;
