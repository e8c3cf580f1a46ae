/* Publications of the reception schedule: the record of each (month or
 * year, by whom, its slots), the confidentiality review (保密审查, db/025: a
 * public table prepared by one person, approved by another), and a leader's
 * 分管工作 for the published table. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_reception.h"
#include "reception_internal.h"



lf_store_err lf_store_leader_portfolio(lf_store *st, const char *leader_id, const char *name, char *buf,
                                       size_t len)
{
	if (len)
		buf[0] = '\0';
	/* The linked login first; else the one active user of that name. */
	sql_stmt *s = store_rc_prepare(
		st, "SELECT u.portfolio FROM app_user u WHERE u.portfolio IS NOT NULL AND "
		    "(u.id = :id OR (u.active = 1 AND u.name = :name AND (SELECT count(*) FROM app_user w "
		    "WHERE w.active = 1 AND w.name = :name) = 1)) ORDER BY CASE WHEN u.id = :id THEN 0 ELSE 1 END LIMIT 1");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":id", leader_id && *leader_id ? leader_id : "-");
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":name", name && *name ? name : "-");
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW)
		store_rc_col(buf, len, s, 0);
	sql_finalize(s);
	return rc == SQL_ROW || rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

typedef struct prep_ctx {
	const char *month, *by_id, *by_name, *draft_sha;
	int slots;
} prep_ctx;

static lf_store_err prepare_body(lf_store *st, void *vctx)
{
	prep_ctx *c = vctx;
	char now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	sql_stmt *s = store_rc_prepare(st, "INSERT INTO schedule_publication (month, published_at, by_id, by_name, "
	                                   "slots, draft_sha256) VALUES (:month, :at, :by, :by_name, :slots, :sha)");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":month", c->month);
	if (rc == SQL_OK) rc = store_bind_text(s, ":at", now);
	if (rc == SQL_OK) rc = store_bind_text(s, ":by", c->by_id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":by_name", c->by_name);
	if (rc == SQL_OK) rc = store_bind_int(s, ":slots", c->slots);
	if (rc == SQL_OK) rc = store_bind_text(s, ":sha", c->draft_sha);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	char n[16];
	snprintf(n, sizeof n, "%d", c->slots);
	store_json_set(o, "slots", n);
	store_json_set(o, "draft_sha256", c->draft_sha);
	store_json_set(o, "prepared_by", c->by_name);
	char *js = store_json_take(o);
	lf_store_err e = store_audit_append(st, "schedule.prepare", c->month, js);
	free(js);
	return e;
}

lf_store_err lf_store_publication_prepare(lf_store *st, const char *month, const char *by_id, const char *by_name,
                                          int slots, const char *draft_sha256)
{
	prep_ctx c = {month, by_id, by_name, draft_sha256, slots};
	lf_store_err e = store_write(st, prepare_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

lf_store_err lf_store_publication_pending(lf_store *st, const char *month, lf_publication_pending *out)
{
	memset(out, 0, sizeof *out);
	/* The month's latest row, when it awaits its review. */
	sql_stmt *s = store_rc_prepare(st, "SELECT id, by_id, by_name, slots, draft_sha256, published_at, approved_at "
	                                   "FROM schedule_publication WHERE month = :month ORDER BY id DESC LIMIT 1");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":month", month ? month : "");
	if (rc == SQL_OK)
		rc = sql_step(s);
	bool pending = false;
	if (rc == SQL_ROW) {
		out->id = sql_column_int64(s, 0);
		store_rc_col(out->by_id, sizeof out->by_id, s, 1);
		store_rc_col(out->by_name, sizeof out->by_name, s, 2);
		out->slots = sql_column_int(s, 3);
		store_rc_col(out->draft_sha256, sizeof out->draft_sha256, s, 4);
		store_rc_col(out->prepared_at, sizeof out->prepared_at, s, 5);
		pending = out->draft_sha256[0] && sql_column_type(s, 6) == SQL_NULL;
	}
	sql_finalize(s);
	if (rc != SQL_ROW && rc != SQL_DONE)
		return store_fail(st, rc);
	if (!pending) {
		st->err = LF_STORE_NOTFOUND;
		st->msg[0] = '\0';
		return LF_STORE_NOTFOUND;
	}
	return store_ok(st);
}

typedef struct approve_ctx {
	const char *month;
	long long id;
	const char *csv_sha;
	const lf_publication_approval *ap;
} approve_ctx;

static lf_store_err approve_body(lf_store *st, void *vctx)
{
	approve_ctx *c = vctx;
	char now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	sql_stmt *s = store_rc_prepare(st, "UPDATE schedule_publication SET approver_id = :ap_id, approver_name = "
	                                   ":ap_name, exceptions = :exc, approved_at = :now, csv_sha256 = :sha "
	                                   "WHERE id = :id AND approved_at IS NULL AND by_id <> :ap_id");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":ap_id", c->ap->approver_id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":ap_name", c->ap->approver_name);
	if (rc == SQL_OK) rc = store_bind_text(s, ":exc", c->ap->exceptions);
	if (rc == SQL_OK) rc = store_bind_text(s, ":now", now);
	if (rc == SQL_OK) rc = store_bind_text(s, ":sha", c->csv_sha);
	if (rc == SQL_OK) rc = store_bind_int(s, ":id", c->id);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	if (sql_changes(st->db) != 1)
		return store_fail_msg(st, LF_STORE_CONFLICT,
		                      _("This publication is no longer awaiting its review: prepare it again."));
	json_t *o = json_object();
	store_json_set(o, "csv_sha256", c->csv_sha);
	store_json_set(o, "approver_id", c->ap->approver_id);
	store_json_set(o, "approver", c->ap->approver_name);
	json_object_set_new(o, "publication", json_integer(c->id));
	if (c->ap->exceptions)
		json_object_set_new(o, "days_off", json_loads(c->ap->exceptions, 0, NULL));
	char *js = store_json_take(o);
	lf_store_err e = store_audit_append(st, "schedule.approve", c->month, js);
	free(js);
	return e;
}

lf_store_err lf_store_publication_approve(lf_store *st, const char *month, long long id, const char *csv_sha256,
                                          const lf_publication_approval *ap)
{
	approve_ctx c = {month, id, csv_sha256, ap};
	lf_store_err e = store_write(st, approve_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

typedef struct pub_ctx {
	const char *month, *by_id, *by_name, *sha;
	int slots;
	const lf_publication_approval *ap;
} pub_ctx;

static lf_store_err pub_body(lf_store *st, void *vctx)
{
	pub_ctx *c = vctx;
	char now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	sql_stmt *s = store_rc_prepare(st, "INSERT INTO schedule_publication (month, published_at, by_id, by_name, "
	                                       "slots, csv_sha256, approver_id, approver_name, exceptions, approved_at) VALUES "
	                                       "(:month, :at, :by, :by_name, :slots, :sha, :ap_id, :ap_name, :exc, :at)");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":month", c->month);
	if (rc == SQL_OK) rc = store_bind_text(s, ":at", now);
	if (rc == SQL_OK) rc = store_bind_text(s, ":by", c->by_id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":by_name", c->by_name);
	if (rc == SQL_OK) rc = store_bind_int(s, ":slots", c->slots);
	if (rc == SQL_OK) rc = store_bind_text(s, ":sha", c->sha);
	if (rc == SQL_OK) rc = store_bind_text(s, ":ap_id", c->ap ? c->ap->approver_id : NULL);
	if (rc == SQL_OK) rc = store_bind_text(s, ":ap_name", c->ap ? c->ap->approver_name : NULL);
	if (rc == SQL_OK) rc = store_bind_text(s, ":exc", c->ap ? c->ap->exceptions : NULL);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	char n[16];
	snprintf(n, sizeof n, "%d", c->slots);
	store_json_set(o, "slots", n);
	store_json_set(o, "csv_sha256", c->sha);
	if (c->ap) {
		store_json_set(o, "approver_id", c->ap->approver_id);
		store_json_set(o, "approver", c->ap->approver_name);
		if (c->ap->exceptions)
			json_object_set_new(o, "days_off", json_loads(c->ap->exceptions, 0, NULL));
	}
	char *js = store_json_take(o);
	lf_store_err e = store_audit_append(st, "schedule.publish", c->month, js);
	free(js);
	return e;
}

lf_store_err lf_store_publication_add(lf_store *st, const char *month, const char *by_id, const char *by_name,
                                      int slots, const char *csv_sha256)
{
	pub_ctx c = {month, by_id, by_name, csv_sha256, slots, NULL};
	lf_store_err e = store_write(st, pub_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

lf_store_err lf_store_publication_add_approved(lf_store *st, const char *month, const char *by_id,
                                               const char *by_name, int slots, const char *csv_sha256,
                                               const lf_publication_approval *ap)
{
	pub_ctx c = {month, by_id, by_name, csv_sha256, slots, ap};
	lf_store_err e = store_write(st, pub_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

lf_store_err lf_store_publications_stale(lf_store *st, const char *from_month, lf_stale_fn fn, void *ud)
{
	/* The latest publication of each month from from_month on. */
	sql_stmt *s = store_rc_prepare(
		st, "SELECT p.month, p.stale_at FROM schedule_publication p WHERE p.month >= :from AND p.stale_at IS NOT NULL "
		    "AND p.id = (SELECT max(id) FROM schedule_publication q WHERE q.month = p.month AND "
		    "(q.approved_at IS NOT NULL OR q.draft_sha256 IS NULL)) ORDER BY p.month");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":from", from_month ? from_month : "");
	if (rc != SQL_OK) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
		char month[16], at[LF_TIMESTAMP_LEN];
		store_rc_col(month, sizeof month, s, 0);
		store_rc_col(at, sizeof at, s, 1);
		if (fn && fn(month, at, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_publication_last(lf_store *st, const char *month, char at[LF_TIMESTAMP_LEN], char *by)
{
	sql_stmt *s = store_rc_prepare(st, "SELECT published_at, by_name FROM schedule_publication "
	                                       "WHERE month = :month AND " PUB_APPROVED " ORDER BY id DESC LIMIT 1");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":month", month ? month : "");
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		if (at)
			store_rc_col(at, LF_TIMESTAMP_LEN, s, 0);
		if (by)
			store_rc_col(by, 128, s, 1);
	}
	sql_finalize(s);
	if (rc == SQL_ROW)
		return store_ok(st);
	if (rc == SQL_DONE) {
		st->err = LF_STORE_NOTFOUND;
		st->msg[0] = '\0';
		return LF_STORE_NOTFOUND;
	}
	return store_fail(st, rc);
}
