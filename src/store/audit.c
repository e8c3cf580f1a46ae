/* The audit log: who the writes are by, appending entries chained with the
 * office key (seal.c) inside each write's transaction, each with the digests
 * of the rows it wrote (seal_rows.c), and reading the log back for the audit
 * screen. `laifang check` verifies the chain and the rows (check_seal.c).
 * store_audit_hash is the unkeyed hash of schema 2..7, kept to verify an
 * older log before it is re-sealed. */
#include "seal_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_audit.h"

/* The login of entries made with no actor: set-up, the first administrator. */
#define SYSTEM_LOGIN "system"
/* Names the serialisation below, so a later change of it can be told apart. */
#define HASH_DOMAIN "laifang audit v1\n"

void lf_store_set_actor(lf_store *st, const char *user_id, const char *login)
{
	free(st->actor_id);
	free(st->actor_login);
	st->actor_id = user_id && *user_id ? strdup(user_id) : NULL;
	st->actor_login = login && *login ? strdup(login) : NULL;
	if (!st->actor_login) { /* no name (or no memory for it): not a person */
		free(st->actor_id);
		st->actor_id = NULL;
	}
	store_session_load(st); /* the account as it is now (session.c) */
}

/* ---- the hash --------------------------------------------------------- */

/* One field: "N" for NULL, or "S<length>:<bytes>". The length prefix makes
 * the serialisation unambiguous whatever bytes a field holds (no separator
 * can be forged by putting it in a field), and NULL differs from "". Shared
 * by the entry hash here and the seal's MAC (seal.c). */
void store_hash_field(store_hash_update update, void *state, const char *v)
{
	char len[32];
	if (!v) {
		update(state, (const unsigned char *)"N", 1);
		return;
	}
	size_t n = strlen(v);
	int k = snprintf(len, sizeof len, "S%zu:", n);
	update(state, (const unsigned char *)len, (size_t)k);
	update(state, (const unsigned char *)v, n);
}

static void sha256_update(void *state, const unsigned char *p, size_t n)
{
	crypto_hash_sha256_update(state, p, (unsigned long long)n);
}

bool store_audit_hash(const char *prev_hash, long long seq, const char *at, const char *user_id,
                      const char *login, const char *action, const char *record, const char *changes,
                      char out[STORE_HASH_LEN])
{
	static bool ready;
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char seqtext[32];

	/* sodium_init is safe to call again and from several threads; the flag
	 * only spares the call. */
	if (!ready) {
		if (sodium_init() < 0)
			return false;
		ready = true;
	}
	snprintf(seqtext, sizeof seqtext, "%lld", seq);
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)HASH_DOMAIN, sizeof HASH_DOMAIN - 1);
	const char *fields[] = {prev_hash, seqtext, at, user_id, login, action, record, changes};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		store_hash_field(sha256_update, &h, fields[i]);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, STORE_HASH_LEN, digest, sizeof digest);
	return true;
}

/* ---- JSON details ----------------------------------------------------- */

void store_json_set(json_t *obj, const char *key, const char *value)
{
	if (!obj || !value || !*value)
		return;
	json_t *v = json_string(value);
	/* jansson refuses text that is not UTF-8; core lets none through, but
	 * the entry must still be written. */
	json_object_set_new(obj, key, v ? v : json_string("(not UTF-8)"));
}

char *store_json_take(json_t *obj)
{
	if (!obj)
		return NULL;
	char *text = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	return text;
}

/* ---- appending ------------------------------------------------------- */

/* Which SQLite result ended a step of the append: recorded on the handle. */
static lf_store_err append_fail(lf_store *st, sql_stmt *s, int rc)
{
	if (s)
		store_done(s);
	return store_fail(st, rc);
}

lf_store_err store_audit_append(lf_store *st, const char *action, const char *record,
                                const char *changes_json)
{
	char *rows = NULL;
	lf_store_err e = store_seal_ready(st);
	if (e == LF_STORE_OK)
		e = store_seal_take_rows(st, &rows);
	if (e == LF_STORE_OK)
		e = store_audit_append_rows(st, action, record, changes_json, rows);
	free(rows);
	return e;
}

lf_store_err store_audit_append_rows(lf_store *st, const char *action, const char *record,
                                     const char *changes_json, const char *rows)
{
	sql_stmt *head = store_stmt(st, STMT_AUDIT_HEAD, "SELECT seq, hash FROM audit_head WHERE one = 1");
	sql_stmt *ins = store_stmt(st, STMT_AUDIT_INSERT,
		"INSERT INTO audit_log (seq, at, user_id, login, action, record, changes, rows, hash) "
		"VALUES (:seq, :at, :user_id, :login, :action, :record, :changes, :rows, :hash)");
	sql_stmt *move = store_stmt(st, STMT_AUDIT_HEAD_MOVE,
		"UPDATE audit_head SET seq = :seq, hash = :hash WHERE one = 1");
	char prev[STORE_HASH_LEN], hash[STORE_HASH_LEN], at[LF_TIMESTAMP_LEN];
	const char *login = st->actor_login ? st->actor_login : SYSTEM_LOGIN;
	long long seq;
	int rc;

	if (!head || !ins || !move)
		return st->err;
	if (store_seal_ready(st) != LF_STORE_OK)
		return st->err;
	rc = sql_step(head);
	if (rc != SQL_ROW) {
		store_done(head);
		if (rc == SQL_DONE)
			return store_fail_msg(st, LF_STORE_CORRUPT,
			                      _("The audit log's head record is missing; run laifang check."));
		return store_fail(st, rc);
	}
	seq = sql_column_int64(head, 0) + 1;
	snprintf(prev, sizeof prev, "%s", (const char *)sql_column_text(head, 1));
	store_done(head);

	/* Empty texts are stored as NULL (the binds): hash what is stored. */
	if (changes_json && !*changes_json)
		changes_json = NULL;
	if (record && !*record)
		record = NULL;
	if (rows && !*rows)
		rows = NULL;
	lf_timestamp_now(at, sizeof at);
	if (!store_seal_mac(st->seal->key, prev, seq, at, st->actor_id, login, action, record, changes_json, rows,
	                    hash))
		return store_fail_msg(st, LF_STORE_IO, _("The hash library could not be started."));
	if ((rc = store_bind_int(ins, ":seq", seq)) || (rc = store_bind_text(ins, ":at", at)) ||
	    (rc = store_bind_text(ins, ":user_id", st->actor_id)) || (rc = store_bind_text(ins, ":login", login)) ||
	    (rc = store_bind_text(ins, ":action", action)) || (rc = store_bind_text(ins, ":record", record)) ||
	    (rc = store_bind_text(ins, ":changes", changes_json)) ||
	    /* hashed as JSON text above, stored packed (seal_pack.c, db/038) */
	    (rc = seal_rows_bind(ins, sql_bind_parameter_index(ins, ":rows"), rows)) ||
	    (rc = store_bind_text(ins, ":hash", hash)))
		return append_fail(st, ins, rc);
	if ((rc = sql_step(ins)) != SQL_DONE)
		return append_fail(st, ins, rc);
	store_done(ins);
	if ((rc = store_bind_int(move, ":seq", seq)) || (rc = store_bind_text(move, ":hash", hash)))
		return append_fail(st, move, rc);
	if ((rc = sql_step(move)) != SQL_DONE)
		return append_fail(st, move, rc);
	store_done(move);
	return LF_STORE_OK;
}

typedef struct entry_in {
	const char *action, *record, *detail;
} entry_in;

static lf_store_err audit_body(lf_store *st, void *ctx)
{
	const entry_in *in = ctx;
	return store_audit_append(st, in->action, in->record, in->detail);
}

lf_store_err lf_store_audit(lf_store *st, const char *action, const char *record, const char *detail_json)
{
	entry_in in = {action, record, detail_json};
	if (!action || !*action)
		return store_fail_msg(st, LF_STORE_INVALID, _("An audit entry needs an action."));
	return store_write(st, audit_body, &in);
}

/* ---- reading --------------------------------------------------------- */

#define AUDIT_PAGE 100

/* A case number names its case by id, as the entries do; anything else is
 * used as it is. The id goes to out (37 bytes). */
static lf_store_err resolve_record(lf_store *st, const char *record, char out[STORE_UUID_LEN], bool *found)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "SELECT id FROM case_file WHERE case_no = ?1", -1, &s, NULL);
	*found = false;
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, record, -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		snprintf(out, STORE_UUID_LEN, "%s", (const char *)sql_column_text(s, 0));
		*found = true;
		rc = SQL_DONE;
	}
	sql_finalize(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

static char *column(sql_stmt *s, int col)
{
	/* Valid until the next step: the entry lives as long as the callback. */
	return (char *)sql_column_text(s, col);
}

lf_store_err lf_store_audit_each(lf_store *st, const lf_audit_filter *f, lf_audit_fn fn, void *ud)
{
	static const lf_audit_filter none = {0};
	char sql[768], case_id[STORE_UUID_LEN], day[16];
	const char *record;
	bool is_case = false;
	sql_stmt *s = NULL;
	int rc;

	if (!f)
		f = &none;
	record = f->record && *f->record ? f->record : NULL;
	if (record) {
		lf_store_err e = resolve_record(st, record, case_id, &is_case);
		if (e != LF_STORE_OK)
			return e;
		if (is_case)
			record = case_id;
	}
	/* Only the filters given are in the statement, so each is one index
	 * seek whichever way it pages (record, login: (x, seq) indexes; day:
	 * (substr(at, 1, 10), seq), db/019). The statement of each direction
	 * is kept for the next page while the filters stay the same. */
	bool has_login = f->login && *f->login, has_day = f->day && *f->day;
	unsigned shape = 1u | (record ? 2u : 0) | (has_login ? 4u : 0) | (has_day ? 8u : 0) |
	                 (f->before_seq > 0 ? 16u : 0) | (f->after_seq > 0 ? 32u : 0) | (f->with_rows ? 64u : 0);
	int dir = f->oldest_first ? 1 : 0;
	enum store_stmt_id slot = dir ? STMT_AUDIT_PAGE_ASC : STMT_AUDIT_PAGE_DESC;
	if (st->stmts[slot] && st->audit_shape[dir] != shape) {
		sql_finalize(st->stmts[slot]);
		st->stmts[slot] = NULL;
	}
	/* SQLite is told the index: its statistics hold one average per key,
	 * and a log whose days (or logins) are very uneven (a day of a million
	 * imported entries, a quiet one after it) made it walk the whole log
	 * from the wrong end for the quiet day (1 s at 4.5M entries). */
	const char *use = sql_dialect_of(st->db) != SQL_SQLITE ? ""
	                  : record ? " INDEXED BY audit_log_record"
	                  : has_login ? " INDEXED BY audit_log_login"
	                  : has_day ? " INDEXED BY audit_log_day" : "";
	snprintf(sql, sizeof sql,
	         /* The link is the hash of the entry before (db/037); the first
	          * entry's is 64 zeros, filled in below. */
	         "SELECT seq, at, user_id, login, action, record, changes, "
	         "(SELECT p.hash FROM audit_log p WHERE p.seq = audit_log.seq - 1), hash, %s FROM audit_log%s "
	         "WHERE 1 = 1%s%s%s%s%s ORDER BY seq %s LIMIT :limit",
	         f->with_rows ? "rows" : "NULL", use, record ? " AND record = :record" : "", has_login ? " AND login = :login" : "",
	         has_day ? " AND substr(at, 1, 10) = :day" : "", f->before_seq > 0 ? " AND seq < :before" : "",
	         f->after_seq > 0 ? " AND seq > :after" : "", dir ? "ASC" : "DESC");
	s = store_stmt(st, slot, sql);
	if (!s)
		return st->err;
	st->audit_shape[dir] = shape;
	if (f->day && *f->day) {
		snprintf(day, sizeof day, "%.10s", f->day);
		if ((rc = store_bind_text(s, ":day", day)))
			goto fail;
	}
	if (f->after_seq > 0 && (rc = store_bind_int(s, ":after", f->after_seq)))
		goto fail;
	if ((record && (rc = store_bind_text(s, ":record", record))) ||
	    (f->login && *f->login && (rc = store_bind_text(s, ":login", f->login))) ||
	    (f->before_seq > 0 && (rc = store_bind_int(s, ":before", f->before_seq))) ||
	    (rc = store_bind_int(s, ":limit", f->limit > 0 ? f->limit : AUDIT_PAGE)))
		goto fail;
	while ((rc = sql_step(s)) == SQL_ROW) {
		char *rows = f->with_rows ? seal_rows_column(s, 9) : NULL; /* the JSON text again (db/038) */
		lf_audit_entry e = {
			.seq = sql_column_int64(s, 0),
			.user_id = column(s, 2),
			.login = column(s, 3),
			.action = column(s, 4),
			.record = column(s, 5),
			.changes = column(s, 6),
			.rows = rows,
		};
		snprintf(e.at, sizeof e.at, "%s", column(s, 1) ? column(s, 1) : "");
		snprintf(e.prev_hash, sizeof e.prev_hash, "%s",
		         column(s, 7) ? column(s, 7) : e.seq == 1 ? STORE_ZERO_HASH : "");
		snprintf(e.hash, sizeof e.hash, "%s", column(s, 8) ? column(s, 8) : "");
		int stop = fn(&e, ud);
		free(rows);
		if (stop) {
			rc = SQL_DONE;
			break;
		}
	}
	if (rc != SQL_DONE)
		goto fail;
	store_done(s);
	return store_ok(st);
fail:
	store_fail(st, rc);
	store_done(s);
	return st->err;
}
