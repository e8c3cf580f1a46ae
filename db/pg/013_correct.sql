-- laifang schema 13, PostgreSQL (twin of db/013_correct.sql): a saved
-- registration corrected, as events of kinds 'correct' and 'repeat'.
ALTER TABLE case_event ADD COLUMN field text;     -- the form's field id, or 'is_repeat'
ALTER TABLE case_event ADD COLUMN old_value text;
ALTER TABLE case_event ADD COLUMN new_value text;
