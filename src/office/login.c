/* Logging in and unlocking the idle screen: the password check, the
 * lock-out after repeated failures, and an audit entry for every attempt.
 * From outside, an unknown login, a wrong password and a locked account
 * differ only in what they are told: each costs one full argon2id check
 * (against the decoy when there is no hash to check or it must not be
 * checked), each is counted under the name typed, and an unknown name is
 * locked out like a known one. The count is taken in the database before
 * the password is checked, so guesses from many terminals at once get no
 * more tries than guesses one after another. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* localtime_r */
#endif

#include "laifang/auth.h"
#include "laifang/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/settings.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"


/* ---- time: ISO 8601 with offset <-> seconds since the epoch ---- */

static long long days_from_civil(long long y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "2026-11-23T09:30:05+08:00" → seconds since the epoch. */
static bool parse_iso(const char *s, long long *out)
{
	int y, mo, d, h, mi, se, n = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 || n != 19)
		return false;
	long long off = 0;
	const char *z = s + n;
	if (*z == '+' || *z == '-') {
		int oh, om;
		if (sscanf(z + 1, "%2d:%2d", &oh, &om) != 2)
			return false;
		off = (oh * 60LL + om) * 60 * (*z == '-' ? -1 : 1);
	} else if (*z != 'Z' && *z != '\0') {
		return false;
	}
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600LL + mi * 60LL + se - off;
	return true;
}

/* Seconds since the epoch → local ISO 8601 with offset. */
static void format_iso(long long t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char clock[20], z[8];
	if (!localtime_r(&tt, &tm) || strftime(clock, sizeof clock, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	if (strftime(z, sizeof z, "%z", &tm) == 5 && (z[0] == '+' || z[0] == '-'))
		snprintf(buf, len, "%s%.3s:%.2s", clock, z, z + 3);
	else
		snprintf(buf, len, "%s+00:00", clock);
}

/* "HH:MM" of a lock that ends today, "YYYY-MM-DD HH:MM" otherwise. */
static void until_text(const char *until, char *buf, size_t len)
{
	char today[LF_DATE_LEN];
	lf_date_format(lf_date_today(), today);
	if (strlen(until) < 16)
		snprintf(buf, len, "%s", until);
	else if (!strncmp(until, today, 10))
		snprintf(buf, len, "%.5s", until + 11);
	else
		snprintf(buf, len, "%.10s %.5s", until, until + 11);
}

/* ---- the attempt ---- */

/* Failures further apart than this do not add up to a lock. */
#define WINDOW_SECONDS (24 * 3600LL)
/* How often, and how long at most, an attempt waits for the attempts being
 * checked elsewhere. */
#define WAIT_STEP_MS 25
#define WAIT_MAX_MS 30000

static lf_login_result say(lf_login_result r, char *msg, size_t len, const char *text)
{
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return r;
}

static lf_login_result store_failed(lf_store *st, char *msg, size_t len)
{
	return say(LF_LOGIN_ERROR, msg, len, lf_store_errmsg(st));
}

static lf_login_result locked_message(long long until, char *msg, size_t len)
{
	char iso[LF_TIMESTAMP_LEN], when[32];
	format_iso(until, iso, sizeof iso);
	until_text(iso, when, sizeof when);
	if (msg && len)
		snprintf(msg, len, _("this account is locked after too many failed attempts, until %s"), when);
	return LF_LOGIN_LOCKED;
}

/* A place in the count for name (waiting while as many attempts are being
 * checked elsewhere as failures are left), or the lock in force. */
static lf_store_err take_place(lf_store *st, const char *key, int limit, lf_login_gate *gate)
{
	/* An attempt being checked is decided within a second or so; past
	 * this, something is wrong: say so rather than wait for ever. */
	for (int waited_ms = 0;; waited_ms += WAIT_STEP_MS) {
		lf_store_err e = lf_store_login_reserve(st, key, lf_clock_now(), limit, WINDOW_SECONDS, gate);
		if (e != LF_STORE_OK || !gate->wait)
			return e;
		if (waited_ms >= WAIT_MAX_MS)
			return LF_STORE_BUSY;
		struct timespec ts = {0, WAIT_STEP_MS * 1000000L};
		nanosleep(&ts, NULL);
	}
}

/* One attempt at name's password. u is the user of that login (NULL: no
 * such user), hash its password hash. On LF_LOGIN_OK the user is the
 * store's actor. */
static lf_login_result attempt(lf_store *st, const char *name, const lf_user *u, const char *hash,
                               const char *password, bool session, char *msg, size_t len)
{
	int limit = lf_setting(st, "lockout_failures");
	long long lock_seconds = lf_setting(st, "lockout_minutes") * 60LL;
	char key[LF_LOGIN_KEY_LEN];
	lf_login_key(name, key);

	/* A lock written before the guard existed still holds. */
	lf_login_gate gate = {0};
	long long mirror;
	lf_store_err e = LF_STORE_OK;
	if (u && u->locked_until[0] && parse_iso(u->locked_until, &mirror) && lf_clock_now() < mirror) {
		gate.locked = true;
		gate.until = mirror;
	} else {
		/* The place in the count first, then the password. */
		e = take_place(st, key, limit, &gate);
	}
	if (e == LF_STORE_BUSY && gate.wait) {
		(void)lf_password_verify(lf_password_decoy(), password);
		return say(LF_LOGIN_LOCKED, msg, len,
		           _("too many logins are being tried at once for this account; try again in a moment"));
	}
	if (e != LF_STORE_OK)
		return store_failed(st, msg, len);

	/* The same work every time. While locked, the real hash is not looked
	 * at: the decoy takes its place, so a lock cannot be used to test
	 * passwords and still answers no sooner than a wrong one. */
	bool real = u && hash && !gate.locked;
	bool right = lf_password_verify(real ? hash : lf_password_decoy(), password) && real;
	const char *user_id = u ? u->id : NULL;

	if (gate.locked) {
		if (lf_store_login_note(st, "login.locked", user_id, NULL) != LF_STORE_OK)
			return store_failed(st, msg, len);
		return locked_message(gate.until, msg, len);
	}
	/* The place is given back: a failure counted (locking at the limit),
	 * or the count cleared by the right password. */
	lf_login_gate after;
	if (lf_store_login_done(st, key, gate.attempt_id, !right, lf_clock_now(), limit, lock_seconds, WINDOW_SECONDS,
	                        &after) != LF_STORE_OK)
		return store_failed(st, msg, len);
	if (!right) {
		char iso[LF_TIMESTAMP_LEN] = "";
		if (after.until)
			format_iso(after.until, iso, sizeof iso);
		/* A name that is no user's is logged without the name: it may be
		 * a password typed into the wrong field. */
		e = u ? lf_store_user_login_failed(st, u->id, after.until ? iso : NULL)
		      : lf_store_login_note(st, after.until ? "login.locked" : "login.fail", NULL, NULL);
		if (e != LF_STORE_OK)
			return store_failed(st, msg, len);
		if (!after.until)
			return say(LF_LOGIN_BAD, msg, len, _("wrong login or password"));
		char when[32], buf[512];
		until_text(iso, when, sizeof when);
		snprintf(buf, sizeof buf,
		         _("wrong login or password; after %d failed attempts the account is locked until %s"),
		         after.failures, when);
		return say(LF_LOGIN_LOCKED, msg, len, buf);
	}
	if (!u->active) {
		/* Said only to someone who knows the password. */
		if (lf_store_login_note(st, "login.fail", u->id, "{\"reason\":\"deactivated\"}") != LF_STORE_OK)
			return store_failed(st, msg, len);
		return say(LF_LOGIN_DISABLED, msg, len,
		           _("this account has been deactivated; ask an administrator"));
	}
	if (!session) {
		/* A confirmation by someone else at this desk (an approval): the
		 * count is cleared, the confirmation logged under the person
		 * confirming; the desk's session stays whose it was. */
		if (lf_store_login_note(st, "login.confirm", u->id, NULL) != LF_STORE_OK)
			return store_failed(st, msg, len);
		return LF_LOGIN_OK;
	}
	/* The success is recorded as the user's own act; from here every write
	 * checks the account is still as it is now. */
	lf_store_session_start(st, u, hash);
	if (lf_store_user_login_ok(st, u->id) != LF_STORE_OK) {
		lf_login_result r = store_failed(st, msg, len);
		lf_store_set_actor(st, NULL, NULL);
		return r;
	}
	/* From now on this handle lists only the cases the user may read. */
	lf_access_apply(st, u);
	return LF_LOGIN_OK;
}

static lf_login_result check_login(lf_store *st, const char *login, const char *password, bool session,
                                   lf_user *user, char *msg, size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	if (user)
		memset(user, 0, sizeof *user);
	if (!st || !password)
		return say(LF_LOGIN_BAD, msg, len, _("wrong login or password"));

	const char *name = login ? login : "";
	lf_user u = {0};
	char *hash = NULL;
	lf_store_err e = name[0] ? lf_store_user_get(st, name, &u, &hash) : LF_STORE_NOTFOUND;
	/* lf_store_user_get also finds users by id: a login must match exactly. */
	if (e == LF_STORE_OK && (!u.login || strcmp(u.login, name))) {
		e = LF_STORE_NOTFOUND;
		lf_user_free(&u);
		free(hash);
		hash = NULL;
	}
	if (e != LF_STORE_OK && e != LF_STORE_NOTFOUND)
		return store_failed(st, msg, len);

	lf_login_result r = attempt(st, name, e == LF_STORE_OK ? &u : NULL, hash, password, session, msg, len);
	free(hash);
	if (r == LF_LOGIN_OK && user) {
		u.failed_logins = 0;
		u.locked_until[0] = '\0';
		*user = u;
	} else {
		lf_user_free(&u);
	}
	return r;
}

lf_login_result lf_login(lf_store *st, const char *login, const char *password, lf_user *user,
                         char *msg, size_t len)
{
	return check_login(st, login, password, true, user, msg, len);
}

lf_login_result lf_login_confirm(lf_store *st, const char *login, const char *password, lf_user *who,
                                 char *msg, size_t len)
{
	return check_login(st, login, password, false, who, msg, len);
}

lf_login_result lf_unlock(lf_store *st, lf_user *user, const char *password, char *msg, size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	if (!st || !user || !password)
		return say(LF_LOGIN_BAD, msg, len, _("wrong password"));
	/* Read the user again: an administrator may have deactivated,
	 * unlocked or changed them meanwhile. */
	lf_user u = {0};
	char *hash = NULL;
	lf_store_err e = lf_store_user_get(st, user->id, &u, &hash);
	if (e == LF_STORE_OK && (!u.login || !user->login || strcmp(u.login, user->login)))
		e = LF_STORE_NOTFOUND; /* not the same person: never */
	if (e == LF_STORE_NOTFOUND) {
		lf_user_free(&u);
		free(hash);
		return say(LF_LOGIN_DISABLED, msg, len, _("this account no longer exists"));
	}
	if (e != LF_STORE_OK)
		return store_failed(st, msg, len);
	lf_login_result r = attempt(st, u.login, &u, hash, password, true, msg, len);
	free(hash);
	if (r == LF_LOGIN_OK) {
		/* Go on with the account as it is now (roles, unit). */
		u.failed_logins = 0;
		u.locked_until[0] = '\0';
		lf_user_free(user);
		*user = u;
	} else {
		lf_user_free(&u);
	}
	return r;
}
