-- laifang schema 9: failed logins counted per login name typed, known or
-- not (issue 10). An attempt takes a place here (login_attempt) in one
-- write transaction before any password is checked, and no more attempts
-- may be checking a name's password at once than failures are left before
-- its lock: guesses from many terminals at once get no more tries than
-- guesses one after another. The count of a name that is no user's locks
-- it just the same, so a lock-out does not tell which logins exist.
-- A name is kept only as a digest (src/core/password.c, lf_login_key): a
-- password typed into the login field must not be stored.
-- Throttling state, not a record of the office: not audited (each
-- attempt's outcome is, in the log). Old rows go at the next attempt.
CREATE TABLE login_guard (
	name_key TEXT NOT NULL PRIMARY KEY,  -- 64 hex digits: the digest of the typed login
	failures INTEGER NOT NULL CHECK (failures >= 0), -- failed attempts in the window
	window_start INTEGER NOT NULL,       -- seconds since the epoch: the first failure counted
	locked_until INTEGER                 -- seconds since the epoch; NULL when not locked
) STRICT;

CREATE INDEX login_guard_window ON login_guard (window_start);

-- Attempts checking a password right now (a few tenths of a second each;
-- one left behind by a killed process stops counting after a minute).
CREATE TABLE login_attempt (
	id INTEGER PRIMARY KEY,
	name_key TEXT NOT NULL,
	started_at INTEGER NOT NULL          -- seconds since the epoch
) STRICT;

CREATE INDEX login_attempt_key ON login_attempt (name_key);
