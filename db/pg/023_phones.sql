-- laifang schema 23, PostgreSQL (twin of db/023_phones.sql): several phone
-- numbers per visitor; phone_more holds the numbers after the first.
ALTER TABLE visitor ADD COLUMN phone_more TEXT;
ALTER TABLE case_visitor ADD COLUMN phone_more TEXT;
