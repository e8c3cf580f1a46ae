/* The lock-out guard (db/009_login_guard.sql): every login attempt takes
 * its place under the digest of the name typed, in one write transaction,
 * before any password is checked; and the audit entry of an attempt's
 * outcome. The rule (how many, how long) is core's (login.c); here only
 * the counting, atomic whatever number of terminals try at once. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/store_people.h"

typedef struct reserve {
	const char *key;
	long long now, lock_seconds, window;
	int limit;
	lf_login_gate *out;
} reserve;

static lf_store_err fail_stmt(lf_store *st, sqlite3_stmt *s, int rc)
{
	lf_store_err e = store_fail(st, rc);
	sqlite3_finalize(s);
	return e;
}

static lf_store_err reserve_body(lf_store *st, void *ctx)
{
	reserve *r = ctx;
	sqlite3_stmt *s = NULL;
	memset(r->out, 0, sizeof *r->out);
	/* Names whose window has passed and that are not locked go first. */
	int rc = sqlite3_prepare_v2(st->db,
	                            "DELETE FROM login_guard WHERE window_start <= :old "
	                            "AND (locked_until IS NULL OR locked_until <= :now)",
	                            -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = store_bind_int(s, ":old", r->now - r->window)) == SQLITE_OK &&
	    (rc = store_bind_int(s, ":now", r->now)) == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		return fail_stmt(st, s, rc);
	sqlite3_finalize(s);

	rc = sqlite3_prepare_v2(st->db,
	                        "SELECT failures, window_start, locked_until FROM login_guard WHERE name_key = :key",
	                        -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = store_bind_text(s, ":key", r->key)) == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail_stmt(st, s, rc);
	bool have = rc == SQLITE_ROW;
	long long failures = have ? sqlite3_column_int64(s, 0) : 0;
	long long start = have ? sqlite3_column_int64(s, 1) : r->now;
	bool has_lock = have && sqlite3_column_type(s, 2) != SQLITE_NULL;
	long long until = has_lock ? sqlite3_column_int64(s, 2) : 0;
	sqlite3_finalize(s);

	if (has_lock && until > r->now) {
		/* Locked: nothing counts, nothing is checked. */
		r->out->locked = true;
		r->out->failures = (int)failures;
		r->out->until = until;
		return store_ok(st);
	}
	/* A lock that ran out, or a window that passed, starts afresh. */
	if (!have || has_lock || r->now - start >= r->window) {
		failures = 0;
		start = r->now;
	}
	failures++;
	/* The attempt that reaches the limit locks at once: any attempt after
	 * it, from this terminal or another, finds the lock and checks no
	 * password. If this one is right after all, its success lifts it. */
	until = r->limit > 0 && failures >= r->limit ? r->now + r->lock_seconds : 0;
	rc = sqlite3_prepare_v2(st->db,
	                        "INSERT INTO login_guard (name_key, failures, window_start, locked_until) "
	                        "VALUES (:key, :failures, :start, :until) ON CONFLICT (name_key) DO UPDATE SET "
	                        "failures = excluded.failures, window_start = excluded.window_start, "
	                        "locked_until = excluded.locked_until",
	                        -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = store_bind_text(s, ":key", r->key)) == SQLITE_OK &&
	    (rc = store_bind_int(s, ":failures", failures)) == SQLITE_OK &&
	    (rc = store_bind_int(s, ":start", start)) == SQLITE_OK) {
		int i = sqlite3_bind_parameter_index(s, ":until");
		rc = until ? sqlite3_bind_int64(s, i, until) : sqlite3_bind_null(s, i);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		return fail_stmt(st, s, rc);
	sqlite3_finalize(s);
	r->out->failures = (int)failures;
	r->out->until = until;
	return store_ok(st);
}

lf_store_err lf_store_login_reserve(lf_store *st, const char *name_key, long long now, int limit,
                                    long long lock_seconds, long long window_seconds, lf_login_gate *out)
{
	if (!name_key || !*name_key || !out)
		return store_fail_msg(st, LF_STORE_INVALID, _("No such record."));
	reserve r = {name_key, now, lock_seconds, window_seconds > 0 ? window_seconds : 1, limit, out};
	return store_auth_write(st, reserve_body, &r);
}

/* Delete the guard's row of a name. */
static lf_store_err forget_key(lf_store *st, const char *key)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "DELETE FROM login_guard WHERE name_key = :key", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = store_bind_text(s, ":key", key)) == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		return fail_stmt(st, s, rc);
	sqlite3_finalize(s);
	return LF_STORE_OK;
}

lf_store_err store_guard_forget_user(lf_store *st, const char *user_id)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "SELECT login FROM app_user WHERE id = :id", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = store_bind_text(s, ":id", user_id)) == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) { /* no such user: nothing counted under it */
		sqlite3_finalize(s);
		return LF_STORE_OK;
	}
	if (rc != SQLITE_ROW)
		return fail_stmt(st, s, rc);
	char key[LF_LOGIN_KEY_LEN];
	lf_login_key((const char *)sqlite3_column_text(s, 0), key);
	sqlite3_finalize(s);
	return forget_key(st, key);
}

typedef struct note {
	const char *action, *user_id, *detail, *forget;
} note;

static lf_store_err note_body(lf_store *st, void *ctx)
{
	note *n = ctx;
	lf_store_err e = n->forget ? forget_key(st, n->forget) : LF_STORE_OK;
	return e != LF_STORE_OK ? e : store_audit_append(st, n->action, n->user_id, n->detail);
}

lf_store_err lf_store_login_note(lf_store *st, const char *action, const char *user_id, const char *detail,
                                 const char *forget_key_of)
{
	note n = {action, user_id, detail, forget_key_of};
	return store_auth_write(st, note_body, &n);
}
