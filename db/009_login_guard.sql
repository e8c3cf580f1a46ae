-- laifang schema 9: failed logins counted per login name typed, known or
-- not (issue 10). Each attempt takes its place here in one write
-- transaction before any password is checked, so parallel guesses cannot
-- all slip in before the lock; the count of a name that is not a user's
-- locks it just the same, so a lock-out does not tell which logins exist.
-- The name is kept only as a digest (src/core/password.c, lf_login_key):
-- a password typed into the login field must not be stored.
-- Throttling state, not a record of the office: not audited (every
-- attempt's outcome is, in the log). Rows whose window has passed are
-- removed by the next attempt.
CREATE TABLE login_guard (
	name_key TEXT NOT NULL PRIMARY KEY,  -- 64 hex digits: the digest of the typed login
	failures INTEGER NOT NULL CHECK (failures >= 0), -- attempts in the window not (yet) successful
	window_start INTEGER NOT NULL,       -- seconds since the epoch: the first attempt counted
	locked_until INTEGER                 -- seconds since the epoch; NULL when not locked
) STRICT;

CREATE INDEX login_guard_window ON login_guard (window_start);
