/* The deliveries of a case's notices (store_delivery.h, db/027). */
#include "clocks_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_delivery.h"

static bool empty(const char *s)
{
	return !s || !*s;
}

typedef struct add_ctx {
	const lf_event_in *ev;
	const lf_delivery_row *d;
} add_ctx;

static int bind_opt(sql_stmt *s, int i, const char *v)
{
	return empty(v) ? sql_bind_null(s, i) : sql_bind_text(s, i, v, -1, SQL_TRANSIENT);
}

static lf_store_err add_body(lf_store *st, void *ctx)
{
	add_ctx *x = ctx;
	const lf_delivery_row *d = x->d;
	char id[STORE_UUID_LEN], no[32], now[LF_TIMESTAMP_LEN];
	long long seq = 0;
	lf_store_err e = store_case_key(st, x->ev->case_id, id, no);
	if (e == LF_STORE_OK)
		e = store_case_event_in(st, x->ev, &seq);
	if (e != LF_STORE_OK)
		return e;
	lf_timestamp_now(now, sizeof now);
	static const char sql[] =
		"INSERT INTO case_delivery (case_id, seq, notice_kind, doc_no, method, tracking, delivered_on, refused, "
		"note, signer_id, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, id, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_int64(s, 2, seq);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 3, d->notice_kind, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 4, d->doc_no, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 5, d->method, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = bind_opt(s, 6, d->tracking);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 7, d->delivered_on, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_int(s, 8, d->refused ? 1 : 0);
	if (rc == SQL_OK)
		rc = bind_opt(s, 9, d->note);
	if (rc == SQL_OK)
		rc = bind_opt(s, 10, st->actor_id);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 11, now, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_is_archive_lock(st) ? store_archive_lock_fail(st) : store_fail(st, rc);
	/* The event above derived the clocks before this row existed: the
	 * delivery is what meets the notification clock. */
	if ((e = store_clocks_sync(st, id, NULL, NULL, NULL)) != LF_STORE_OK)
		return e;
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", no);
		json_object_set_new(o, "seq", json_integer(seq));
		store_json_set(o, "notice_kind", d->notice_kind);
		store_json_set(o, "doc_no", d->doc_no);
		store_json_set(o, "method", d->method);
		store_json_set(o, "tracking", d->tracking);
		store_json_set(o, "delivered_on", d->delivered_on);
		json_object_set_new(o, "refused", json_boolean(d->refused));
		store_json_set(o, "note", d->note);
	}
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	e = store_audit_append(st, "case.delivery", id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_delivery_add(lf_store *st, const lf_event_in *ev, const lf_delivery_row *d)
{
	if (!ev || !d || empty(ev->kind) || strcmp(ev->kind, "deliver") || empty(d->notice_kind) || empty(d->doc_no) ||
	    empty(d->method) || empty(d->delivered_on))
		return store_fail_msg(st, LF_STORE_INVALID, _("A delivery needs its notice, method and date."));
	add_ctx x = {.ev = ev, .d = d};
	return store_write(st, add_body, &x);
}

typedef struct rows_ctx {
	lf_delivery_fn delivery;
	lf_notice_row_fn notice;
	void *ud;
} rows_ctx;

static bool delivery_row(sql_stmt *s, void *ud)
{
	rows_ctx *x = ud;
#define T(i) ((const char *)sql_column_text(s, i))
	lf_delivery_row r = {.seq = sql_column_int64(s, 0), .notice_kind = T(1), .doc_no = T(2), .method = T(3),
	                     .tracking = T(4), .delivered_on = T(5), .refused = sql_column_int(s, 6) != 0,
	                     .note = T(7), .signer = T(8), .recorded_at = T(9)};
#undef T
	return x->delivery(&r, x->ud) != 0;
}

lf_store_err lf_store_deliveries(lf_store *st, const char *case_id, lf_delivery_fn fn, void *ud)
{
	rows_ctx x = {.delivery = fn, .ud = ud};
	return store_case_rows(st, case_id,
	                       "SELECT d.seq, d.notice_kind, d.doc_no, d.method, d.tracking, d.delivered_on, d.refused, "
	                       "d.note, e.by_name, d.recorded_at FROM case_delivery d "
	                       "LEFT JOIN case_event e ON e.case_id = d.case_id AND e.seq = d.seq "
	                       "WHERE d.case_id = ?1 ORDER BY d.seq",
	                       delivery_row, &x);
}

static bool notice_row(sql_stmt *s, void *ud)
{
	rows_ctx *x = ud;
	return x->notice((const char *)sql_column_text(s, 0), (const char *)sql_column_text(s, 1),
	                 (const char *)sql_column_text(s, 2), x->ud) != 0;
}

lf_store_err lf_store_case_notices(lf_store *st, const char *case_id, lf_notice_row_fn fn, void *ud)
{
	rows_ctx x = {.notice = fn, .ud = ud};
	return store_case_rows(st, case_id,
	                       "SELECT kind, doc_no, issued_at FROM case_notice WHERE case_id = ?1 ORDER BY issued_at, seq",
	                       notice_row, &x);
}
