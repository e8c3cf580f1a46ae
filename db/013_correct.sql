-- laifang schema 13: a saved registration corrected (issue 11). A correction
-- of the sheet's words (name, sex, phone, address, content) and a change of
-- the repeat flag (重复访) are events of the timeline like any other, kinds
-- 'correct' and 'repeat', that keep which field changed and its value before
-- and after. The case's own row changes; the visitor record does not.
-- Portable SQL as in 001; ADD COLUMN with no default. case_event's archive
-- triggers (011) already refuse these events on an archived case.
ALTER TABLE case_event ADD COLUMN field TEXT;     -- the registration form's field id, or 'is_repeat'
ALTER TABLE case_event ADD COLUMN old_value TEXT; -- as it was ('0' / '1' for the flag)
ALTER TABLE case_event ADD COLUMN new_value TEXT; -- as it is now
