/* Sessions that cannot outlive the account: when someone logs in, the store
 * keeps a digest of their account as it was (roles, active, unit, password
 * hash); every write reads the account again inside its own transaction and
 * refuses (LF_STORE_SESSION) when it is gone, deactivated or changed. One
 * place for every write of every face: a desk left open by a clerk who has
 * since been disabled cannot save, whatever screen it shows. */
#include "store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"

static bool stamp(unsigned roles, bool active, const char *unit_id, const char *pwhash,
                  unsigned char out[32])
{
	if (sodium_init() < 0)
		return false;
	char head[96];
	int n = snprintf(head, sizeof head, "laifang session v1\n%u\n%d\n", roles, active ? 1 : 0);
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)head, (unsigned long long)n);
	/* Length-prefixed, so no unit id can pass for a piece of a hash. */
	const char *parts[] = {unit_id ? unit_id : "", pwhash ? pwhash : ""};
	for (size_t i = 0; i < 2; i++) {
		char len[24];
		int k = snprintf(len, sizeof len, "%zu:", strlen(parts[i]));
		crypto_hash_sha256_update(&h, (const unsigned char *)len, (unsigned long long)k);
		crypto_hash_sha256_update(&h, (const unsigned char *)parts[i], strlen(parts[i]));
	}
	crypto_hash_sha256_final(&h, out);
	return true;
}

typedef enum { ROW_OK, ROW_GONE, ROW_FAILED } row_state;

/* The actor's row now: its stamp and whether it is active. */
static row_state read_row(lf_store *st, unsigned char out[32], bool *active)
{
	sql_stmt *s = store_stmt(st, STMT_SESSION_USER,
	                             "SELECT roles, active, unit_id, password_hash FROM app_user WHERE id = :id");
	if (!s)
		return ROW_FAILED;
	int rc = store_bind_text(s, ":id", st->actor_id);
	if (rc == SQL_OK)
		rc = sql_step(s);
	row_state r = ROW_FAILED;
	if (rc == SQL_ROW) {
		*active = sql_column_int(s, 1) != 0;
		r = stamp((unsigned)sql_column_int64(s, 0), *active, (const char *)sql_column_text(s, 2),
		          (const char *)sql_column_text(s, 3), out)
		        ? ROW_OK
		        : ROW_FAILED;
	} else if (rc == SQL_DONE) {
		r = ROW_GONE;
	} else {
		store_fail(st, rc);
	}
	store_done(s);
	return r;
}

void store_session_load(lf_store *st)
{
	st->session_ended = false;
	st->session = SESSION_NONE;
	if (!st->actor_id)
		return;
	bool active = false;
	/* An actor whose row cannot be read now cannot write: no stamp matches. */
	st->session = read_row(st, st->session_stamp, &active) == ROW_OK ? SESSION_SET : SESSION_UNKNOWN;
}

void lf_store_session_start(lf_store *st, const lf_user *u, const char *pwhash)
{
	lf_store_set_actor(st, u ? u->id : NULL, u ? u->login : NULL);
	if (!st->actor_id)
		return;
	/* The account exactly as the login checked it, not as it may be a
	 * moment later: a change in between ends the session at once. */
	st->session = stamp(u->roles, u->active, u->unit_id, pwhash, st->session_stamp) ? SESSION_SET
	                                                                                : SESSION_UNKNOWN;
	st->session_ended = false;
}

bool lf_store_session_ended(lf_store *st)
{
	return st && st->session_ended;
}

lf_store_err store_session_check(lf_store *st)
{
	if (!st->actor_id || st->auth_write)
		return LF_STORE_OK;
	unsigned char now[32];
	bool active = false;
	row_state r = st->session == SESSION_SET ? read_row(st, now, &active) : ROW_GONE;
	if (r == ROW_FAILED)
		return st->err;
	const char *why = NULL;
	if (r == ROW_GONE)
		why = _("Your account could not be found any more: nothing was saved. Log in again.");
	else if (!active)
		why = _("Your account was deactivated by an administrator after you logged in: nothing was saved.");
	else if (sodium_memcmp(now, st->session_stamp, sizeof now) != 0)
		why = _("Your account's roles, unit or password were changed after you logged in: nothing was "
		        "saved. Log in again.");
	if (!why)
		return LF_STORE_OK;
	st->session_ended = true;
	return store_fail_msg(st, LF_STORE_SESSION, why);
}

lf_store_err store_auth_write(lf_store *st, store_body_fn body, void *ctx)
{
	bool was = st->auth_write;
	st->auth_write = true;
	lf_store_err e = store_write(st, body, ctx);
	st->auth_write = was;
	return e;
}
