-- laifang schema 23: several phone numbers per visitor (issue 12). phone
-- stays the first number; phone_more holds the others, each tidied as the
-- first (core: lf_check_phones), joined by "、". The visitor record keeps
-- the person's; case_visitor the sheet's words on that visit. Both are NULL
-- on older rows, which leaves their sealed digests as they were.
ALTER TABLE visitor ADD COLUMN phone_more TEXT;
ALTER TABLE case_visitor ADD COLUMN phone_more TEXT;
