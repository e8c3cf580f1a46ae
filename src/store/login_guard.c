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

/* An attempt left behind by a process killed while checking stops
 * holding a place after this long. */
#define ATTEMPT_STALE_SECONDS 60

typedef struct guard_call {
	const char *key;
	long long now, lock_seconds, window, attempt_id;
	int limit;
	bool failed;
	lf_login_gate *out;
} guard_call;

static lf_store_err fail_stmt(lf_store *st, sql_stmt *s, int rc)
{
	lf_store_err e = store_fail(st, rc);
	sql_finalize(s);
	return e;
}

/* Prepare sql and bind :key, :now, :old, :a, :b, :c where the statement
 * has them (an absent value binds NULL only for :c when c_null). */
static sql_stmt *stmt(lf_store *st, const char *sql, const guard_call *g, long long a, long long b,
                          long long c, bool c_null)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	struct {
		const char *name;
		long long v;
	} ints[] = {{":now", g->now}, {":old", g->now - g->window}, {":stale", g->now - ATTEMPT_STALE_SECONDS},
	            {":a", a}, {":b", b}};
	for (size_t i = 0; rc == SQL_OK && i < sizeof ints / sizeof ints[0]; i++) {
		int k = sql_bind_parameter_index(s, ints[i].name);
		if (k)
			rc = sql_bind_int64(s, k, ints[i].v);
	}
	int k = rc == SQL_OK ? sql_bind_parameter_index(s, ":c") : 0;
	if (k)
		rc = c_null ? sql_bind_null(s, k) : sql_bind_int64(s, k, c);
	k = rc == SQL_OK ? sql_bind_parameter_index(s, ":key") : 0;
	if (k)
		rc = sql_bind_text(s, k, g->key, -1, SQL_STATIC);
	if (rc != SQL_OK) {
		fail_stmt(st, s, rc);
		return NULL;
	}
	return s;
}

/* Run a statement without rows. */
static lf_store_err run(lf_store *st, const char *sql, const guard_call *g, long long a, long long b, long long c,
                        bool c_null)
{
	sql_stmt *s = stmt(st, sql, g, a, b, c, c_null);
	if (!s)
		return st->err;
	int rc = sql_step(s);
	if (rc != SQL_DONE)
		return fail_stmt(st, s, rc);
	sql_finalize(s);
	return LF_STORE_OK;
}

typedef struct guard_row {
	bool have, has_lock;
	long long failures, start, until;
} guard_row;

/* The name's row, with an expired lock or a passed window read as a
 * fresh start. */
static lf_store_err read_guard(lf_store *st, const guard_call *g, guard_row *r)
{
	memset(r, 0, sizeof *r);
	sql_stmt *s = stmt(st, "SELECT failures, window_start, locked_until FROM login_guard WHERE name_key = :key",
	                       g, 0, 0, 0, false);
	if (!s)
		return st->err;
	int rc = sql_step(s);
	if (rc != SQL_ROW && rc != SQL_DONE)
		return fail_stmt(st, s, rc);
	if (rc == SQL_ROW) {
		r->have = true;
		r->failures = sql_column_int64(s, 0);
		r->start = sql_column_int64(s, 1);
		r->has_lock = sql_column_type(s, 2) != SQL_NULL;
		r->until = r->has_lock ? sql_column_int64(s, 2) : 0;
	}
	sql_finalize(s);
	bool locked = r->has_lock && r->until > g->now;
	if (!locked && (!r->have || r->has_lock || g->now - r->start >= g->window)) {
		/* A lock that ran out, or a window that passed: start afresh. */
		r->failures = 0;
		r->start = g->now;
		r->has_lock = false;
		r->until = 0;
	}
	return LF_STORE_OK;
}

static lf_store_err reserve_body(lf_store *st, void *ctx)
{
	guard_call *g = ctx;
	lf_login_gate *out = g->out;
	memset(out, 0, sizeof *out);
	/* What has run out goes first. */
	lf_store_err e = run(st, "DELETE FROM login_guard WHERE window_start <= :old "
	                         "AND (locked_until IS NULL OR locked_until <= :now)", g, 0, 0, 0, false);
	if (e == LF_STORE_OK)
		e = run(st, "DELETE FROM login_attempt WHERE started_at <= :stale", g, 0, 0, 0, false);
	guard_row r;
	if (e == LF_STORE_OK)
		e = read_guard(st, g, &r);
	if (e != LF_STORE_OK)
		return e;
	out->failures = (int)r.failures;
	if (r.has_lock) {
		/* Locked: nothing is counted, no password is checked. */
		out->locked = true;
		out->until = r.until;
		return store_ok(st);
	}
	sql_stmt *s = stmt(st, "SELECT count(*) FROM login_attempt WHERE name_key = :key", g, 0, 0, 0, false);
	if (!s)
		return st->err;
	int rc = sql_step(s);
	if (rc != SQL_ROW)
		return fail_stmt(st, s, rc);
	long long checking = sql_column_int64(s, 0);
	sql_finalize(s);
	if (g->limit > 0 && r.failures + checking >= g->limit) {
		/* Each attempt being checked may be the failure that locks: this
		 * one waits until they are decided. */
		out->wait = true;
		return store_ok(st);
	}
	s = stmt(st, "INSERT INTO login_attempt (name_key, started_at) VALUES (:key, :now) RETURNING id", g, 0, 0, 0,
	         false);
	if (!s)
		return st->err;
	rc = sql_step(s);
	if (rc != SQL_ROW)
		return fail_stmt(st, s, rc);
	out->attempt_id = sql_column_int64(s, 0);
	sql_finalize(s);
	return store_ok(st);
}

lf_store_err lf_store_login_reserve(lf_store *st, const char *name_key, long long now, int limit,
                                    long long window_seconds, lf_login_gate *out)
{
	if (!name_key || !*name_key || !out)
		return store_fail_msg(st, LF_STORE_INVALID, _("No such record."));
	guard_call g = {.key = name_key, .now = now, .window = window_seconds > 0 ? window_seconds : 1,
	                .limit = limit, .out = out};
	return store_auth_write(st, reserve_body, &g);
}

static lf_store_err done_body(lf_store *st, void *ctx)
{
	guard_call *g = ctx;
	lf_login_gate *out = g->out;
	memset(out, 0, sizeof *out);
	lf_store_err e = run(st, "DELETE FROM login_attempt WHERE id = :a", g, g->attempt_id, 0, 0, false);
	if (e != LF_STORE_OK)
		return e;
	if (!g->failed) /* the right password: the count starts again */
		return run(st, "DELETE FROM login_guard WHERE name_key = :key", g, 0, 0, 0, false);
	guard_row r;
	if ((e = read_guard(st, g, &r)) != LF_STORE_OK)
		return e;
	if (r.has_lock) { /* locked meanwhile (an administrator's reset is not) */
		out->failures = (int)r.failures;
		return store_ok(st);
	}
	r.failures++;
	/* The failure that reaches the limit locks. */
	bool lock = g->limit > 0 && r.failures >= g->limit;
	out->failures = (int)r.failures;
	out->until = lock ? g->now + g->lock_seconds : 0;
	e = run(st, "INSERT INTO login_guard (name_key, failures, window_start, locked_until) VALUES (:key, :a, :b, :c) "
	            "ON CONFLICT (name_key) DO UPDATE SET failures = excluded.failures, "
	            "window_start = excluded.window_start, locked_until = excluded.locked_until",
	        g, r.failures, r.start, out->until, !lock);
	return e != LF_STORE_OK ? e : store_ok(st);
}

lf_store_err lf_store_login_done(lf_store *st, const char *name_key, long long attempt_id, bool failed,
                                 long long now, int limit, long long lock_seconds, long long window_seconds,
                                 lf_login_gate *out)
{
	if (!name_key || !*name_key || !out)
		return store_fail_msg(st, LF_STORE_INVALID, _("No such record."));
	guard_call g = {.key = name_key, .now = now, .lock_seconds = lock_seconds,
	                .window = window_seconds > 0 ? window_seconds : 1, .attempt_id = attempt_id, .limit = limit,
	                .failed = failed, .out = out};
	return store_auth_write(st, done_body, &g);
}

/* Delete the guard's row of a name. */
static lf_store_err forget_key(lf_store *st, const char *key)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "DELETE FROM login_guard WHERE name_key = :key", -1, &s, NULL);
	if (rc == SQL_OK && (rc = store_bind_text(s, ":key", key)) == SQL_OK)
		rc = sql_step(s);
	if (rc != SQL_DONE)
		return fail_stmt(st, s, rc);
	sql_finalize(s);
	return LF_STORE_OK;
}

lf_store_err store_guard_forget_user(lf_store *st, const char *user_id)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "SELECT login FROM app_user WHERE id = :id", -1, &s, NULL);
	if (rc == SQL_OK && (rc = store_bind_text(s, ":id", user_id)) == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_DONE) { /* no such user: nothing counted under it */
		sql_finalize(s);
		return LF_STORE_OK;
	}
	if (rc != SQL_ROW)
		return fail_stmt(st, s, rc);
	char key[LF_LOGIN_KEY_LEN];
	lf_login_key((const char *)sql_column_text(s, 0), key);
	sql_finalize(s);
	return forget_key(st, key);
}

typedef struct note {
	const char *action, *user_id, *detail;
} note;

static lf_store_err note_body(lf_store *st, void *ctx)
{
	note *n = ctx;
	return store_audit_append(st, n->action, n->user_id, n->detail);
}

lf_store_err lf_store_login_note(lf_store *st, const char *action, const char *user_id, const char *detail)
{
	note n = {action, user_id, detail};
	return store_auth_write(st, note_body, &n);
}
