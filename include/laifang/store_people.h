/* Storage of the people: users (logins), units (departments of this office
 * and outside agencies) and the office's settings. Part of the store module:
 * only store/ speaks SQL. These calls do not check permissions; core does
 * (people.h) before calling them. Every write appends to the audit log in the
 * same transaction (store_audit.h). */
#ifndef LAIFANG_STORE_PEOPLE_H
#define LAIFANG_STORE_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* A unit: kind is one of "department" (a 处室 of this office), "peer" (an
 * agency at the same level), "lower" (a lower-level agency), "discipline"
 * (纪检监察). */
typedef struct lf_unit {
	char id[37];
	char *name; /* malloc'd */
	char kind[16];
	bool active;
} lf_unit;
void lf_unit_free(lf_unit *u);

/* A login. Strings malloc'd (NULL when empty); free with lf_user_free. */
typedef struct lf_user {
	char id[37];
	char *login;
	char *name;      /* 姓名, as signatures show it */
	char *title;     /* 职务 (a leader's title: 副局长), or NULL */
	char unit_id[37];/* "" when none */
	char *unit_name; /* NULL when none */
	unsigned roles;  /* lf_role bits (auth.h) */
	bool active;
	int failed_logins;        /* failures since the last success */
	char locked_until[26];    /* ISO 8601 timestamp, "" when not locked */
} lf_user;
void lf_user_free(lf_user *u);

/* How many users there are (0: a new database; the first start creates the
 * administrator). -1 on a store error. */
int lf_store_user_count(lf_store *st);

/* Add a user; id_out (37 bytes, may be NULL) receives the new UUID.
 * LF_STORE_CONFLICT when the login is taken. */
lf_store_err lf_store_user_add(lf_store *st, const char *login, const char *name, const char *title,
                               const char *unit_id, unsigned roles, const char *password_hash,
                               char *id_out);

/* One user by login (case-sensitive) or by id. pwhash_out (may be NULL)
 * receives the malloc'd password hash. LF_STORE_NOTFOUND when none. */
lf_store_err lf_store_user_get(lf_store *st, const char *login_or_id, lf_user *out, char **pwhash_out);

/* Every user, in login order (deactivated ones too). */
typedef int (*lf_user_fn)(const lf_user *u, void *ud);
lf_store_err lf_store_user_each(lf_store *st, lf_user_fn fn, void *ud);

/* Change what an administrator may change. NULL leaves a field as it is
 * (for unit_id and title, "" clears it). */
lf_store_err lf_store_user_update(lf_store *st, const char *user_id, const char *name, const char *title,
                                  const char *unit_id, const unsigned *roles, const bool *active);
/* A leader's 分管工作 (db/025), published with their reception days; NULL
 * or "" clears it. Audited as user.update. */
lf_store_err lf_store_user_set_portfolio(lf_store *st, const char *user_id, const char *portfolio);
lf_store_err lf_store_user_set_password(lf_store *st, const char *user_id, const char *password_hash);

/* The lock-out counter shown to administrators: record a failure (locking
 * until locked_until when it is not NULL) or a success (clears count and
 * lock, and the guard's count of the login). Audited. The lock itself is
 * decided by the guard below (lf_store_login_reserve). */
lf_store_err lf_store_user_login_failed(lf_store *st, const char *user_id, const char *locked_until);
lf_store_err lf_store_user_login_ok(lf_store *st, const char *user_id);
/* An administrator lifts a lock (count and lock cleared, the guard's too). */
lf_store_err lf_store_user_unlock(lf_store *st, const char *user_id);

/* ---- issue 10: logins that cannot be raced, sessions that end ---- */

/* The first administrator: added only when the database has no user yet,
 * checked inside the write transaction, so terminals running init at the
 * same moment make exactly one. LF_STORE_CONFLICT when a user exists. */
lf_store_err lf_store_user_add_first(lf_store *st, const char *login, const char *name, unsigned roles,
                                     const char *password_hash, char *id_out);

/* The lock-out guard (db/009_login_guard.sql): failures counted per login
 * name typed, known or not, under its digest (lf_login_key, auth.h). */
typedef struct lf_login_gate {
	bool locked;          /* a lock is in force: check no password */
	bool wait;            /* as many attempts are being checked as failures
	                       * are left before the lock: try again shortly */
	long long attempt_id; /* the place taken (neither locked nor wait) */
	int failures;         /* failures counted in the window (after done:
	                       * this one included) */
	long long until;      /* the lock's end (seconds since the epoch): the
	                       * one in force, or the one this failure set */
} lf_login_gate;

/* Before a password is checked, in one write transaction: a lock in force
 * is reported (nothing counted); else, when the failures counted plus the
 * attempts being checked already reach limit, the attempt must wait;
 * else it takes a place (attempt_id) - so no more passwords are checked
 * than failures are left, however many terminals try at once. Failures
 * further apart than window_seconds start afresh, as after a lock. */
lf_store_err lf_store_login_reserve(lf_store *st, const char *name_key, long long now, int limit,
                                    long long window_seconds, lf_login_gate *out);
/* The attempt's password was checked: give the place back, and count a
 * failure (the failure that reaches limit locks the name for
 * lock_seconds: out->until) or clear the count after a success. */
lf_store_err lf_store_login_done(lf_store *st, const char *name_key, long long attempt_id, bool failed,
                                 long long now, int limit, long long lock_seconds, long long window_seconds,
                                 lf_login_gate *out);

/* An attempt's outcome in the audit log (action "login.fail",
 * "login.locked"; user_id NULL for a name that is no user's, and then no
 * name at all). Not refused for an ended session (a login's own). */
lf_store_err lf_store_login_note(lf_store *st, const char *action, const char *user_id, const char *detail);

/* A login succeeded: u (with its password hash as read) becomes the actor
 * of the writes that follow, and the store keeps a digest of the account
 * as it is now. Every later write reads the account again in its own
 * transaction and is refused with LF_STORE_SESSION when it was deactivated,
 * or its roles, unit or password changed; lf_store_session_ended is then
 * true until the next login. (lf_store_set_actor takes the digest from the
 * database.) */
void lf_store_session_start(lf_store *st, const lf_user *u, const char *pwhash);
bool lf_store_session_ended(lf_store *st);

/* Units. LF_STORE_CONFLICT when the name is taken. */
lf_store_err lf_store_unit_add(lf_store *st, const char *name, const char *kind, char *id_out);
lf_store_err lf_store_unit_get(lf_store *st, const char *name_or_id, lf_unit *out);
typedef int (*lf_unit_fn)(const lf_unit *u, void *ud);
lf_store_err lf_store_unit_each(lf_store *st, lf_unit_fn fn, void *ud);

/* Office settings (idle_lock_minutes, lockout_failures, lockout_minutes...):
 * the stored integer, or def when unset or not a number. */
int lf_store_setting_int(lf_store *st, const char *key, int def);
lf_store_err lf_store_setting_set(lf_store *st, const char *key, const char *value);
/* A setting kept as text (office_name): copied into buf; false (buf "")
 * when unset or empty. src/store/setting_text.c (issue 6, paper). */
bool lf_store_setting_text(lf_store *st, const char *key, char *buf, size_t len);

#endif
