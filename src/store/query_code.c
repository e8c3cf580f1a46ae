/* The query code (查询码) in the store (store_query.h, db/020): minted
 * with the registration, or on first request for an older case; and the
 * lookup by code, with its audit entry and the count of a login's recent
 * misses in one write transaction. */
#include "store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_query.h"

/* A collision of 40 random bits is rare; a few draws make it vanish. */
#define MINT_TRIES 8

static void copy_col(sql_stmt *s, int col, char *out, size_t len)
{
	const char *v = (const char *)sql_column_text(s, col);
	snprintf(out, len, "%s", v ? v : "");
}

int store_query_code_insert(lf_store *st, const char *case_id, const char *now, char out[LF_QUERY_CODE_LEN])
{
	/* ON CONFLICT (code): a code drawn twice is drawn again, the
	 * transaction unharmed; a second code for the same case fails (the
	 * primary key). */
	static const char sql[] = "INSERT INTO case_query_code (case_id, code, minted_at) "
	                          "VALUES (:case_id, :code, :now) ON CONFLICT (code) DO NOTHING";
	for (int i = 0; i < MINT_TRIES; i++) {
		unsigned char rnd[LF_QUERY_CODE_CHARS];
		randombytes_buf(rnd, sizeof rnd);
		lf_query_code_from_bytes(rnd, out);
		sql_stmt *s = store_stmt(st, STMT_QUERY_CODE_INSERT, sql);
		if (!s)
			return SQL_ERROR;
		int rc = store_bind_text(s, ":case_id", case_id);
		if (rc == SQL_OK)
			rc = store_bind_text(s, ":code", out);
		if (rc == SQL_OK)
			rc = store_bind_text(s, ":now", now);
		if (rc == SQL_OK)
			rc = sql_step(s);
		store_done(s);
		if (rc != SQL_DONE) {
			out[0] = '\0';
			return rc;
		}
		if (sql_changes(st->db) == 1)
			return SQL_OK;
	}
	out[0] = '\0';
	return SQL_CONSTRAINT;
}

lf_store_err lf_store_query_code(lf_store *st, const char *case_id, char out[LF_QUERY_CODE_LEN])
{
	sql_stmt *s = NULL;
	out[0] = '\0';
	int rc = sql_prepare_v2(st->db,
	                            "SELECT q.code FROM case_file c JOIN case_query_code q ON q.case_id = c.id "
	                            "WHERE c.id = ?1 OR c.case_no = ?1",
	                            -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_id ? case_id : "", -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW)
		copy_col(s, 0, out, LF_QUERY_CODE_LEN);
	sql_finalize(s);
	if (rc == SQL_ROW)
		return store_ok(st);
	if (rc == SQL_DONE)
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("The case has no query code."));
	return store_fail(st, rc);
}

typedef struct mint_ctx {
	const char *key;
	char case_id[STORE_UUID_LEN];
	char code[LF_QUERY_CODE_LEN];
	bool minted;
} mint_ctx;

static lf_store_err mint_body(lf_store *st, void *ctx)
{
	mint_ctx *m = ctx;
	m->minted = false;
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "SELECT c.id, c.case_no, q.code FROM case_file c "
	                            "LEFT JOIN case_query_code q ON q.case_id = c.id WHERE c.id = ?1 OR c.case_no = ?1",
	                            -1, &s, NULL);
	char case_no[32] = "";
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, m->key, -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		copy_col(s, 0, m->case_id, sizeof m->case_id);
		copy_col(s, 1, case_no, sizeof case_no);
		copy_col(s, 2, m->code, sizeof m->code);
	}
	sql_finalize(s);
	if (rc == SQL_DONE)
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("There is no such case."));
	if (rc != SQL_ROW)
		return store_fail(st, rc);
	if (m->code[0])
		return LF_STORE_OK; /* minted already (by another desk, perhaps) */
	lf_store_err e = store_case_gate(st, m->case_id);
	if (e != LF_STORE_OK)
		return e;
	char now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	if ((rc = store_query_code_insert(st, m->case_id, now, m->code)) != SQL_OK)
		return store_fail(st, rc);
	m->minted = true;
	/* The code is the petitioner's key to the case: not in the log. */
	char changes[96];
	snprintf(changes, sizeof changes, "{\"case_no\":\"%.20s\"}", case_no);
	return store_audit_append(st, "case.query_code", m->case_id, changes);
}

lf_store_err lf_store_query_code_mint(lf_store *st, const char *case_id, char out[LF_QUERY_CODE_LEN])
{
	mint_ctx m = {.key = case_id ? case_id : ""};
	out[0] = '\0';
	lf_store_err e = store_write(st, mint_body, &m);
	if (e != LF_STORE_OK)
		return e;
	snprintf(out, LF_QUERY_CODE_LEN, "%s", m.code);
	return LF_STORE_OK;
}

/* ---- the lookup -------------------------------------------------------- */

typedef struct lookup_ctx {
	const char *code, *typed, *since;
	int limit;
	lf_query_view *out;
	lf_query_outcome outcome;
} lookup_ctx;

/* The actor's misses since x->since: the day index narrows to the days
 * concerned, the login and the moment do the rest. */
static int count_misses(lf_store *st, const lookup_ctx *x, long long *n)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "SELECT count(*) FROM audit_log WHERE substr(at, 1, 10) >= substr(?1, 1, 10) "
	                            "AND at >= ?1 AND login = ?2 AND action = 'case.query.miss'",
	                            -1, &s, NULL);
	*n = 0;
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, x->since ? x->since : "", -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 2, st->actor_login ? st->actor_login : "system", -1, SQL_STATIC);
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*n = sql_column_int64(s, 0);
		rc = SQL_OK;
	}
	sql_finalize(s);
	return rc;
}

/* The case of a code, with the public facts: its state, its lead unit's
 * name, its latest step that moved it (or an extension), and the earliest
 * running clock of those a petitioner is told of (route: art. 22; handle:
 * art. 34), never an internal one (report, object). */
static int find_case(lf_store *st, const char *code, lf_query_view *v, bool *found)
{
	static const char sql[] =
		"SELECT c.id, c.case_no, c.received_on, c.status, u.name, "
		" (SELECT e.kind || ' ' || substr(e.at, 1, 10) FROM case_event e WHERE e.case_id = c.id"
		"  AND (e.to_state IS NOT NULL OR " STORE_EVENT_KIND("e") " = 'extend') ORDER BY e.seq DESC LIMIT 1), "
		" k.rule, k.due_on, k.estimated "
		"FROM case_query_code q JOIN case_file c ON c.id = q.case_id "
		"LEFT JOIN unit u ON u.id = c.lead_unit_id "
		"LEFT JOIN case_clock k ON k.id = (SELECT id FROM case_clock WHERE case_id = c.id AND state = 'running' "
		"  AND rule IN ('route', 'handle') ORDER BY due_on LIMIT 1) "
		"WHERE q.code = ?1";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	*found = false;
	memset(v, 0, sizeof *v);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, code, -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		*found = true;
		copy_col(s, 0, v->case_id, sizeof v->case_id);
		copy_col(s, 1, v->case_no, sizeof v->case_no);
		copy_col(s, 2, v->received_on, sizeof v->received_on);
		copy_col(s, 3, v->status, sizeof v->status);
		copy_col(s, 4, v->unit, sizeof v->unit);
		char step[64];
		copy_col(s, 5, step, sizeof step);
		char *sp = strrchr(step, ' ');
		if (sp) {
			*sp = '\0';
			snprintf(v->step, sizeof v->step, "%.31s", step);
			snprintf(v->step_on, sizeof v->step_on, "%.10s", sp + 1);
		}
		copy_col(s, 6, v->due_rule, sizeof v->due_rule);
		copy_col(s, 7, v->due_on, sizeof v->due_on);
		v->due_estimated = sql_column_int(s, 8) != 0;
		rc = SQL_OK;
	} else if (rc == SQL_DONE)
		rc = SQL_OK;
	sql_finalize(s);
	return rc;
}

static lf_store_err lookup_body(lf_store *st, void *ctx)
{
	lookup_ctx *x = ctx;
	long long misses = 0;
	bool found = false;
	int rc = count_misses(st, x, &misses);
	if (rc != SQL_OK)
		return store_fail(st, rc);
	json_t *o = json_object();
	if (misses >= x->limit) {
		x->outcome = LF_QUERY_LIMITED;
		if (o)
			json_object_set_new(o, "misses", json_integer(misses));
		char *changes = store_json_take(o);
		lf_store_err e = store_audit_append(st, "case.query.limited", NULL, changes);
		free(changes);
		return e;
	}
	if (x->code && (rc = find_case(st, x->code, x->out, &found)) != SQL_OK) {
		json_decref(o);
		return store_fail(st, rc);
	}
	x->outcome = found ? LF_QUERY_FOUND : LF_QUERY_MISS;
	if (found) {
		/* The code itself stays out of the log: whoever reads the log must
		 * not learn a petitioner's key. */
		store_json_set(o, "case_no", x->out->case_no);
	} else {
		char typed[33];
		snprintf(typed, sizeof typed, "%s", x->typed ? x->typed : "");
		store_json_set(o, "typed", typed);
	}
	char *changes = store_json_take(o);
	lf_store_err e = store_audit_append(st, found ? "case.query" : "case.query.miss", found ? x->out->case_id : NULL,
	                                    changes);
	free(changes);
	return e;
}

lf_store_err lf_store_query_lookup(lf_store *st, const char *code, const char *typed, int limit,
                                   const char *since, lf_query_view *out, lf_query_outcome *outcome)
{
	lookup_ctx x = {.code = code, .typed = typed, .since = since, .limit = limit, .out = out};
	memset(out, 0, sizeof *out);
	*outcome = LF_QUERY_MISS;
	lf_store_err e = store_write(st, lookup_body, &x);
	if (e == LF_STORE_OK)
		*outcome = x.outcome;
	else
		memset(out, 0, sizeof *out);
	return e;
}
