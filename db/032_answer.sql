-- laifang schema 32: the written answer's parts (信访处理意见书, 《信访工作条例》
-- 第三十二条; docs/answer.md): the opinion (support 予以支持, explain 解释说明,
-- reject 不予支持), the facts and reasons found, and the legal basis, kept
-- with the reply event that gave the answer. Portable SQL as in 001; ADD
-- COLUMN with no default, as 013 and 018 did, so rows sealed before keep
-- their digests (seal_rows.c). case_event's archive lock (db/011)
-- covers the new columns. A reply recorded before has none of them and
-- prints as it did.
ALTER TABLE case_event ADD COLUMN answer_opinion TEXT
	CHECK (answer_opinion IS NULL OR answer_opinion IN ('support', 'explain', 'reject'));
ALTER TABLE case_event ADD COLUMN answer_facts TEXT;
ALTER TABLE case_event ADD COLUMN answer_basis TEXT;
