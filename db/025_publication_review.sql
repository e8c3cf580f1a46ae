-- laifang schema 25: a schedule ready to publish (issue 15).
--
-- A leader's 分管工作 (the work they are in charge of) is published with
-- their reception days (seed 001 第五条: 姓名、职务、分管工作); it belongs to
-- the user, NULL when not given.
ALTER TABLE app_user ADD COLUMN portfolio TEXT;

-- Publication needs a confidentiality review (保密审查, seed 003 第19条): one
-- person prepares the public table (the row is written with approved_at
-- NULL, draft_sha256 the SHA-256 of the table prepared), another with the
-- permission review_publication approves it (approver_id, approver_name,
-- approved_at; csv_sha256 is then the final CSV's). Only an approved row is
-- a publication. A row written before this migration (draft_sha256 NULL)
-- was approved when it was published; no row is rewritten here (the seal).
ALTER TABLE schedule_publication ADD COLUMN approved_at TEXT;
ALTER TABLE schedule_publication ADD COLUMN draft_sha256 TEXT;
