/* The notices' document numbers (store_notice.h, db/021). Plain prepared
 * statements, to be ported as they are. */
#include "laifang/store_notice.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "clocks_internal.h"

static void copy_col(sql_stmt *s, int col, char *dst, size_t len)
{
	const char *v = (const char *)sql_column_text(s, col);
	snprintf(dst, len, "%s", v ? v : "");
}

/* The case's id (from an id or a number): SQL_OK, SQL_DONE when none. */
static int case_id_of(lf_store *st, const char *key, char id[STORE_UUID_LEN])
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "SELECT id FROM case_file WHERE id = ?1 OR case_no = ?1", -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, key ? key : "", -1, SQL_TRANSIENT);
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		copy_col(s, 0, id, STORE_UUID_LEN);
		rc = SQL_OK;
	}
	sql_finalize(s);
	return rc;
}

/* The recorded number: SQL_ROW (out filled), SQL_DONE, or an error. */
static int read_number(lf_store *st, const char *case_id, const char *kind, lf_notice_no *out)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "SELECT doc_no, year, seq, coalesce(ground, ''), issued_at FROM case_notice "
	                            "WHERE case_id = ?1 AND kind = ?2",
	                            -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_id, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 2, kind, -1, SQL_TRANSIENT);
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		copy_col(s, 0, out->doc_no, sizeof out->doc_no);
		out->year = sql_column_int(s, 1);
		out->seq = sql_column_int64(s, 2);
		copy_col(s, 3, out->ground, sizeof out->ground);
		copy_col(s, 4, out->issued_at, sizeof out->issued_at);
	}
	sql_finalize(s);
	return rc;
}

typedef struct issue_in {
	const char *key, *kind, *pattern, *code, *ground;
	int year;
	lf_notice_no *out;
} issue_in;

/* Raise the year's counter: its new value in *n. */
static int next_number(lf_store *st, int year, long long *n)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "INSERT INTO doc_number_counter (year, n) VALUES (?1, 1) "
	                            "ON CONFLICT (year) DO UPDATE SET n = doc_number_counter.n + 1 RETURNING n",
	                            -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_int(s, 1, year);
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*n = sql_column_int64(s, 0);
		rc = sql_step(s);
	}
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

static int insert_number(lf_store *st, const char *case_id, const issue_in *x)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "INSERT INTO case_notice (case_id, kind, doc_no, year, seq, ground, issued_at, issued_by) "
	                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                            -1, &s, NULL);
	const lf_notice_no *o = x->out;
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_id, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 2, x->kind, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 3, o->doc_no, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_int(s, 4, o->year);
	if (rc == SQL_OK)
		rc = sql_bind_int64(s, 5, o->seq);
	if (rc == SQL_OK)
		rc = o->ground[0] ? sql_bind_text(s, 6, o->ground, -1, SQL_TRANSIENT) : sql_bind_null(s, 6);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 7, o->issued_at, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = st->actor_id ? sql_bind_text(s, 8, st->actor_id, -1, SQL_TRANSIENT) : sql_bind_null(s, 8);
	if (rc == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

static lf_store_err issue_body(lf_store *st, void *ctx)
{
	issue_in *x = ctx;
	lf_notice_no *o = x->out;
	memset(o, 0, sizeof *o);
	char id[STORE_UUID_LEN] = "";
	int rc = case_id_of(st, x->key, id);
	if (rc == SQL_DONE)
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("There is no such case."));
	if (rc != SQL_OK)
		return store_fail(st, rc);
	/* Another desk may have issued it since the caller looked. */
	if ((rc = read_number(st, id, x->kind, o)) == SQL_ROW)
		return LF_STORE_OK;
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	lf_store_err e = store_case_gate(st, id);
	if (e != LF_STORE_OK)
		return e;
	long long n = 0;
	if ((rc = next_number(st, x->year, &n)) != SQL_OK)
		return store_fail(st, rc);
	if (!lf_doc_number_format(x->pattern, x->code, x->year, n, o->doc_no, sizeof o->doc_no))
		return store_fail_msg(st, LF_STORE_INVALID,
		                      _("The document number pattern (setting doc_number_pattern) gives no number."));
	o->year = x->year;
	o->seq = n;
	snprintf(o->ground, sizeof o->ground, "%s", x->ground ? x->ground : "");
	lf_timestamp_now(o->issued_at, sizeof o->issued_at);
	o->issued_now = true;
	if ((rc = insert_number(st, id, x)) != SQL_OK)
		return store_fail(st, rc);
	/* Issue 13: the first notice telling the visitor where the petition
	 * goes opens the notification clock (clocks.c), met at its delivery. */
	if ((e = store_clocks_sync(st, id, NULL, NULL, NULL)) != LF_STORE_OK)
		return e;
	json_t *j = json_object();
	if (j) {
		store_json_set(j, "kind", x->kind);
		store_json_set(j, "doc_no", o->doc_no);
		json_object_set_new(j, "year", json_integer(o->year));
		json_object_set_new(j, "seq", json_integer(o->seq));
		store_json_set(j, "ground", o->ground);
	}
	char *changes = store_json_take(j);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while writing the audit log."));
	e = store_audit_append(st, "case.notice_number", id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_notice_number(lf_store *st, const char *case_id, const char *kind, int year,
                                    const char *pattern, const char *code, const char *ground, lf_notice_no *out)
{
	if (!kind || !kind[0] || !case_id || !case_id[0])
		return store_fail_msg(st, LF_STORE_INVALID, _("A notice number needs a case and a kind of notice."));
	/* A reprint: the number is there, nothing to write. */
	lf_store_err e = lf_store_notice_number_get(st, case_id, kind, out);
	if (e != LF_STORE_NOTFOUND)
		return e;
	issue_in x = {.key = case_id, .kind = kind, .pattern = pattern, .code = code, .ground = ground, .year = year,
	              .out = out};
	return store_write(st, issue_body, &x);
}

lf_store_err lf_store_notice_number_get(lf_store *st, const char *case_id, const char *kind, lf_notice_no *out)
{
	memset(out, 0, sizeof *out);
	char id[STORE_UUID_LEN] = "";
	int rc = case_id_of(st, case_id, id);
	if (rc == SQL_DONE)
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("There is no such case."));
	if (rc == SQL_OK)
		rc = read_number(st, id, kind ? kind : "", out);
	if (rc == SQL_ROW)
		return store_ok(st);
	if (rc == SQL_DONE)
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("The notice has no number yet."));
	return store_fail(st, rc);
}
