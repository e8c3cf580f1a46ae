-- laifang schema 25, PostgreSQL (twin of db/025_publication_review.sql): a
-- leader's 分管工作 on the user, and the confidentiality review of a
-- publication (prepared: draft_sha256 set, approved_at NULL; approved by
-- another person). Rows with draft_sha256 NULL were approved as published.
ALTER TABLE app_user ADD COLUMN portfolio text;

ALTER TABLE schedule_publication ADD COLUMN approved_at text;
ALTER TABLE schedule_publication ADD COLUMN draft_sha256 text;
