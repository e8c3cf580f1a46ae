/* Logging in and unlocking the idle screen: the password check, the
 * lock-out after repeated failures, and an audit entry for every attempt.
 * An unknown login and a wrong password look the same from outside (same
 * message, about the same time). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* localtime_r */
#endif

#include "laifang/auth.h"
#include "laifang/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/settings.h"
#include "laifang/store_audit.h"


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

/* Now: the real clock (a training date never moves a lock-out). */
static long long now_epoch(void)
{
	return lf_clock_now();
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

static bool locked_now(const lf_user *u, long long now)
{
	long long until;
	return u->locked_until[0] && parse_iso(u->locked_until, &until) && now < until;
}

static lf_login_result locked_message(const char *until, char *msg, size_t len)
{
	char when[32];
	until_text(until, when, sizeof when);
	if (msg && len)
		snprintf(msg, len, _("this account is locked after too many failed attempts, until %s"), when);
	return LF_LOGIN_LOCKED;
}

/* A wrong password for u: count it, and lock the account when the count
 * reaches lockout_failures (again at each further multiple of it, so an
 * expired lock gives the same number of tries before the next one). */
static lf_login_result wrong_password(lf_store *st, const lf_user *u, char *msg, size_t len)
{
	int limit = lf_setting(st, "lockout_failures");
	int minutes = lf_setting(st, "lockout_minutes");
	int count = (u->failed_logins > 0 ? u->failed_logins : 0) + 1;
	char until[LF_TIMESTAMP_LEN] = "";
	bool lock = limit > 0 && count >= limit && count % limit == 0;
	if (lock)
		format_iso(now_epoch() + minutes * 60LL, until, sizeof until);
	if (lf_store_user_login_failed(st, u->id, lock ? until : NULL) != LF_STORE_OK)
		return store_failed(st, msg, len);
	if (!lock)
		return say(LF_LOGIN_BAD, msg, len, _("wrong login or password"));
	char when[32], buf[512];
	until_text(until, when, sizeof when);
	snprintf(buf, sizeof buf,
	         _("wrong login or password; after %d failed attempts the account is locked until %s"),
	         count, when);
	return say(LF_LOGIN_LOCKED, msg, len, buf);
}

/* Everything after the user is known: lock, password, deactivation. */
static lf_login_result attempt(lf_store *st, const lf_user *u, const char *hash, const char *password,
                               char *msg, size_t len)
{
	if (locked_now(u, now_epoch())) {
		/* The password is not even looked at while locked. */
		if (lf_store_audit(st, "login.locked", u->id, NULL) != LF_STORE_OK)
			return store_failed(st, msg, len);
		return locked_message(u->locked_until, msg, len);
	}
	if (!lf_password_verify(hash, password))
		return wrong_password(st, u, msg, len);
	if (!u->active) {
		/* Said only to someone who knows the password. */
		if (lf_store_audit(st, "login.fail", u->id, "{\"reason\":\"deactivated\"}") != LF_STORE_OK)
			return store_failed(st, msg, len);
		return say(LF_LOGIN_DISABLED, msg, len,
		           _("this account has been deactivated; ask an administrator"));
	}
	/* The success is recorded as the user's own act. */
	lf_store_set_actor(st, u->id, u->login);
	if (lf_store_user_login_ok(st, u->id) != LF_STORE_OK) {
		lf_login_result r = store_failed(st, msg, len);
		lf_store_set_actor(st, NULL, NULL);
		return r;
	}
	/* From now on this handle lists only the cases the user may read. */
	lf_access_apply(st, u);
	return LF_LOGIN_OK;
}

/* A hash nobody's password matches, so an unknown login costs the same
 * time as a wrong password. */
static const char *decoy_hash(void)
{
	static char hash[LF_PWHASH_LEN];
	static bool made;
	if (!made)
		made = lf_password_hash("laifang: no such user", hash) == 0;
	return made ? hash : NULL;
}

static lf_login_result unknown_login(lf_store *st, const char *login, const char *password, char *msg,
                                     size_t len)
{
	const char *decoy = decoy_hash();
	if (decoy)
		(void)lf_password_verify(decoy, password);
	/* The login is recorded only when it looks like one: a password typed
	 * into the login field must not end up in the log. */
	char *detail = NULL;
	if (login && lf_login_acceptable(login, NULL, 0)) {
		json_t *o = json_pack("{s:s}", "login", login);
		detail = o ? json_dumps(o, JSON_COMPACT) : NULL;
		json_decref(o);
	}
	lf_store_err e = lf_store_audit(st, "login.fail", NULL, detail ? detail : "{\"login\":null}");
	free(detail);
	if (e != LF_STORE_OK)
		return store_failed(st, msg, len);
	return say(LF_LOGIN_BAD, msg, len, _("wrong login or password"));
}

lf_login_result lf_login(lf_store *st, const char *login, const char *password, lf_user *user,
                         char *msg, size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	if (user)
		memset(user, 0, sizeof *user);
	if (!st || !password)
		return say(LF_LOGIN_BAD, msg, len, _("wrong login or password"));

	lf_user u = {0};
	char *hash = NULL;
	lf_store_err e = login && login[0] ? lf_store_user_get(st, login, &u, &hash) : LF_STORE_NOTFOUND;
	/* lf_store_user_get also finds users by id: a login must match exactly. */
	if (e == LF_STORE_OK && (!u.login || strcmp(u.login, login))) {
		e = LF_STORE_NOTFOUND;
		lf_user_free(&u);
		free(hash);
		hash = NULL;
	}
	if (e == LF_STORE_NOTFOUND)
		return unknown_login(st, login, password, msg, len);
	if (e != LF_STORE_OK)
		return store_failed(st, msg, len);

	lf_login_result r = attempt(st, &u, hash, password, msg, len);
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

lf_login_result lf_unlock(lf_store *st, const lf_user *user, const char *password, char *msg, size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	if (!st || !user || !password)
		return say(LF_LOGIN_BAD, msg, len, _("wrong password"));
	/* Read the user again: an administrator may have deactivated or
	 * unlocked them meanwhile. */
	lf_user u = {0};
	char *hash = NULL;
	lf_store_err e = lf_store_user_get(st, user->id, &u, &hash);
	if (e == LF_STORE_NOTFOUND)
		return say(LF_LOGIN_DISABLED, msg, len, _("this account no longer exists"));
	if (e != LF_STORE_OK)
		return store_failed(st, msg, len);
	lf_login_result r = attempt(st, &u, hash, password, msg, len);
	free(hash);
	lf_user_free(&u);
	return r;
}
