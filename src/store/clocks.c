/* A case's clocks in the store: its history read in one statement, the
 * clocks derived by core (clocks.c) on the office calendar, and the rows
 * that changed written back, with the earliest running clock on case_file
 * for the queue indexes. Runs inside the caller's write transaction. */
#include "clocks_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/store_calendar.h"
#include "laifang/clocks.h"
#include "laifang/i18n.h"
#include "laifang/store_clocks.h"

/* The registration first, then events and signed entries in time order. */
static const char facts_sql[] =
	"SELECT kind, at, day, ref, due_on, approver FROM ("
	" SELECT 'register' AS kind, c.created_at AS at, c.received_on AS day, 0 AS ref, NULL AS due_on,"
	"  NULL AS approver, 0 AS src FROM case_file c WHERE c.id = ?1"
	" UNION ALL"
	" SELECT e.kind, e.at, NULL, e.seq, e.due_on,"
	"  CASE WHEN a.title <> '' THEN a.name || '（' || a.title || '）' ELSE a.name END, 1"
	"  FROM case_event e LEFT JOIN app_user a ON a.id = e.approver_id WHERE e.case_id = ?1"
	" UNION ALL"
	" SELECT n.kind, n.signed_at, NULL, n.position, NULL, NULL, 2 FROM case_entry n WHERE n.case_id = ?1"
	/* Issue 13: the notices issued and their deliveries (the notification clock). */
	" UNION ALL"
	" SELECT 'notice:' || o.kind, o.issued_at, NULL, o.seq, NULL, NULL, 3 FROM case_notice o WHERE o.case_id = ?1"
	" UNION ALL"
	" SELECT 'delivery:' || d.notice_kind, d.recorded_at, d.delivered_on, d.seq, NULL, NULL, 4"
	"  FROM case_delivery d WHERE d.case_id = ?1"
	") f ORDER BY src = 0 DESC, at, src, ref";

typedef struct history {
	lf_clock_fact *f;
	char **strings;
	size_t n, cap, ns, scap;
	bool oom;
} history;

static const char *keep(history *h, sql_stmt *s, int col)
{
	const char *v = (const char *)sql_column_text(s, col);
	if (!v || h->oom)
		return NULL;
	if (h->ns == h->scap) {
		size_t cap = h->scap ? h->scap * 2 : 32;
		char **g = realloc(h->strings, cap * sizeof *g);
		if (!g) {
			h->oom = true;
			return NULL;
		}
		h->strings = g;
		h->scap = cap;
	}
	char *d = strdup(v);
	if (!d) {
		h->oom = true;
		return NULL;
	}
	return h->strings[h->ns++] = d;
}

static void history_free(history *h)
{
	for (size_t i = 0; i < h->ns; i++)
		free(h->strings[i]);
	free(h->strings);
	free(h->f);
	memset(h, 0, sizeof *h);
}

static lf_store_err read_history(lf_store *st, const char *case_id, history *h)
{
	sql_stmt *s = store_stmt(st, STMT_CLOCK_HISTORY, facts_sql);
	if (!s)
		return st->err;
	int rc = sql_bind_text(s, 1, case_id, -1, SQL_STATIC);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		if (h->n == h->cap) {
			size_t cap = h->cap ? h->cap * 2 : 16;
			lf_clock_fact *g = realloc(h->f, cap * sizeof *g);
			if (!g) {
				h->oom = true;
				break;
			}
			h->f = g;
			h->cap = cap;
		}
		lf_clock_fact *f = &h->f[h->n++];
		f->kind = keep(h, s, 0);
		f->at = keep(h, s, 1);
		f->day = keep(h, s, 2);
		f->ref = sql_column_int64(s, 3);
		f->due_on = keep(h, s, 4);
		f->approver = keep(h, s, 5);
		rc = SQL_OK;
	}
	store_done(s);
	if (h->oom)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	return rc == SQL_DONE || rc == SQL_OK ? LF_STORE_OK : store_fail(st, rc);
}

/* One clock written when it is new or differs; *moved counts a due date
 * that changed. */
static int write_clock(lf_store *st, const char *case_id, const lf_clock *k, int *moved)
{
	static const char old_sql[] = "SELECT due_on FROM case_clock WHERE case_id = ?1 AND rule = ?2 AND ref = ?3";
	static const char sql[] =
		"INSERT INTO case_clock (case_id, rule, ref, start_on, start_at, due_on, basis, state, stop_on, stop_at, "
		"stop_reason, estimated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
		"ON CONFLICT (case_id, rule, ref) DO UPDATE SET start_on = excluded.start_on, start_at = excluded.start_at, "
		"due_on = excluded.due_on, basis = excluded.basis, state = excluded.state, stop_on = excluded.stop_on, "
		"stop_at = excluded.stop_at, stop_reason = excluded.stop_reason, estimated = excluded.estimated "
		"WHERE (case_clock.start_on, case_clock.start_at, case_clock.due_on, case_clock.basis, case_clock.state, "
		"case_clock.stop_on, case_clock.stop_at, case_clock.stop_reason, case_clock.estimated) IS DISTINCT FROM "
		"(excluded.start_on, excluded.start_at, excluded.due_on, excluded.basis, excluded.state, excluded.stop_on, "
		"excluded.stop_at, excluded.stop_reason, excluded.estimated)";
	char start[LF_DATE_LEN], due[LF_DATE_LEN], stop[LF_DATE_LEN];
	lf_date_format(k->start, start);
	lf_date_format(k->due, due);
	lf_date_format(k->stop, stop);
	const char *rule = lf_clock_rule_key(k->rule);
	sql_stmt *s = store_stmt(st, STMT_CLOCK_OLD, old_sql);
	if (!s)
		return -1;
	int rc;
	if (!(rc = sql_bind_text(s, 1, case_id, -1, SQL_STATIC)) &&
	    !(rc = sql_bind_text(s, 2, rule, -1, SQL_STATIC)) && !(rc = sql_bind_int64(s, 3, k->ref))) {
		rc = sql_step(s);
		if (rc == SQL_ROW) {
			const char *was = (const char *)sql_column_text(s, 0);
			if (moved && was && strcmp(was, due))
				++*moved;
			rc = SQL_DONE;
		}
	}
	store_done(s);
	if (rc != SQL_DONE)
		return rc;
	if (!(s = store_stmt(st, STMT_CLOCK_PUT, sql)))
		return -1;
	if (!((rc = sql_bind_text(s, 1, case_id, -1, SQL_STATIC)) ||
	      (rc = sql_bind_text(s, 2, rule, -1, SQL_STATIC)) || (rc = sql_bind_int64(s, 3, k->ref)) ||
	      (rc = sql_bind_text(s, 4, start, -1, SQL_STATIC)) ||
	      (rc = sql_bind_text(s, 5, k->start_at, -1, SQL_STATIC)) ||
	      (rc = sql_bind_text(s, 6, due, -1, SQL_STATIC)) ||
	      (rc = sql_bind_text(s, 7, k->basis, -1, SQL_STATIC)) ||
	      (rc = sql_bind_text(s, 8, lf_clock_state_key(k->state), -1, SQL_STATIC)) ||
	      (k->has_stop && ((rc = sql_bind_text(s, 9, stop, -1, SQL_STATIC)) ||
	                       (rc = sql_bind_text(s, 10, k->stop_at, -1, SQL_STATIC)) ||
	                       (rc = sql_bind_text(s, 11, k->stop_reason, -1, SQL_STATIC)))) ||
	      (rc = sql_bind_int(s, 12, k->estimated))))
		rc = sql_step(s);
	store_done(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

static int write_case(lf_store *st, const char *case_id, const char *due, const char *rule)
{
	static const char sql[] =
		"UPDATE case_file SET due_on = ?2, due_rule = ?3, sort_key = CASE WHEN urgent = 1 THEN '0' ELSE '1' END "
		"|| coalesce(?2, '9999-12-31') || case_no WHERE id = ?1 AND (due_on IS DISTINCT FROM ?2 OR due_rule IS DISTINCT FROM ?3)";
	sql_stmt *s = store_stmt(st, STMT_CLOCK_CASE, sql);
	if (!s)
		return -1;
	int rc;
	if (!((rc = sql_bind_text(s, 1, case_id, -1, SQL_STATIC)) ||
	                         (due[0] && ((rc = sql_bind_text(s, 2, due, -1, SQL_STATIC)) ||
	                                     (rc = sql_bind_text(s, 3, rule, -1, SQL_STATIC))))))
		rc = sql_step(s);
	store_done(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

lf_store_err store_clocks_sync(lf_store *st, const char *case_id, char due_on[11], char due_rule[32], int *moved)
{
	/* The office calendar: core's (caseflow.h), a read of calendar_day. */
	const lf_calendar *cal = lf_store_calendar(st);
	history h = {0};
	lf_store_err e = read_history(st, case_id, &h);
	if (e != LF_STORE_OK) {
		history_free(&h);
		return e;
	}
	size_t n = lf_clocks_derive(cal, h.f, h.n, NULL, 0);
	lf_clock *c = n ? calloc(n, sizeof *c) : NULL;
	if (n && !c) {
		history_free(&h);
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	}
	n = lf_clocks_derive(cal, h.f, h.n, c, n);
	history_free(&h);
	int rc = SQL_OK;
	for (size_t i = 0; i < n && rc == SQL_OK; i++)
		rc = write_clock(st, case_id, &c[i], moved);
	const lf_clock *first = lf_clocks_earliest(c, n);
	char due[LF_DATE_LEN] = "";
	const char *rule = "";
	if (first) {
		lf_date_format(first->due, due);
		rule = lf_clock_rule_key(first->rule);
	}
	free(c);
	if (rc == SQL_OK)
		rc = write_case(st, case_id, due, rule);
	if (rc == -1) /* a statement not prepared: store_stmt said why */
		return st->err;
	if (rc != SQL_OK)
		return store_fail(st, rc);
	if (due_on)
		snprintf(due_on, 11, "%s", due);
	if (due_rule)
		snprintf(due_rule, 32, "%s", rule);
	return LF_STORE_OK;
}

/* ---- reading ---- */

lf_store_err lf_store_case_clocks(lf_store *st, const char *case_id, lf_clock_fn fn, void *ud)
{
	static const char sql[] =
		"SELECT k.rule, k.ref, k.start_on, k.start_at, k.due_on, k.state, k.basis, k.stop_on, k.stop_at, "
		"k.stop_reason, k.estimated FROM case_clock k JOIN case_file c ON c.id = k.case_id "
		"WHERE c.id = ?1 OR c.case_no = ?1 ORDER BY k.start_at, k.id";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_id ? case_id : "", -1, SQL_STATIC);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
#define T(i) ((const char *)sql_column_text(s, i))
		lf_clock_row r = {.rule = T(0), .ref = sql_column_int64(s, 1), .start = T(2), .start_at = T(3),
		                  .due = T(4), .state = T(5), .basis = T(6), .stop = T(7), .stop_at = T(8),
		                  .stop_reason = T(9), .estimated = sql_column_int(s, 10) != 0};
#undef T
		if (fn(&r, ud)) {
			rc = SQL_DONE;
			break;
		}
		rc = SQL_OK;
	}
	sql_finalize(s);
	return rc == SQL_DONE || rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}

/* ---- a changed calendar ---- */

typedef struct recompute {
	int moved;
} recompute;

static lf_store_err recompute_body(lf_store *st, void *ctx)
{
	recompute *x = ctx;
	x->moved = 0;
	sql_stmt *s = NULL;
	char **ids = NULL;
	size_t n = 0, cap = 0;
	bool oom = false;
	/* The cases with a running clock, and the open cases with none at all
	 * (a database from before schema 15: their clocks are built here). */
	int rc = sql_prepare_v2(st->db,
	                            "SELECT DISTINCT k.case_id FROM case_clock k JOIN case_file c ON c.id = k.case_id "
	                            "WHERE k.state = 'running' AND c.status <> 'archived' "
	                            "UNION SELECT c.id FROM case_file c WHERE c.status <> 'archived' "
	                            "AND NOT EXISTS (SELECT 1 FROM case_clock k WHERE k.case_id = c.id)",
	                            -1, &s, NULL);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		if (n == cap) {
			size_t c2 = cap ? cap * 2 : 64;
			char **g = realloc(ids, c2 * sizeof *g);
			if (!g) {
				oom = true;
				break;
			}
			ids = g;
			cap = c2;
		}
		if (!(ids[n] = strdup((const char *)sql_column_text(s, 0)))) {
			oom = true;
			break;
		}
		n++;
		rc = SQL_OK;
	}
	sql_finalize(s);
	lf_store_err e = LF_STORE_OK;
	if (oom)
		e = store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	else if (rc != SQL_DONE && rc != SQL_OK)
		e = store_fail(st, rc);
	for (size_t i = 0; i < n && e == LF_STORE_OK; i++)
		e = store_clocks_sync(st, ids[i], NULL, NULL, &x->moved);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	if (e != LF_STORE_OK)
		return e;
	char changes[64];
	snprintf(changes, sizeof changes, "{\"cases\":%zu,\"moved\":%d}", n, x->moved);
	return store_audit_append(st, "calendar.recompute_clocks", NULL, changes);
}

lf_store_err lf_store_clocks_recompute(lf_store *st, int *moved)
{
	recompute x = {0};
	lf_store_err e = store_write(st, recompute_body, &x);
	if (moved)
		*moved = e == LF_STORE_OK ? x.moved : 0;
	return e;
}

/* ---- statistics ---- */

lf_store_err store_stats_clocks(lf_store *st, const char *from, const char *to, lf_deadline_count_fn fn, void *ud)
{
	/* Each clock of the period's cases: met and missed with the day it
	 * stopped, running without; a clock stopped without its act (archived,
	 * routed again) is neither. */
	static const char sql[] =
		"SELECT k.rule, k.start_on, k.due_on, CASE WHEN k.state IN ('met', 'missed') THEN k.stop_on END, count(*) "
		"FROM case_file c JOIN case_clock k ON k.case_id = c.id "
		"WHERE c.received_on >= ?1 AND c.received_on <= ?2 AND k.state IN ('running', 'met', 'missed') "
		"GROUP BY 1, 2, 3, 4";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK && !(rc = sql_bind_text(s, 1, from, -1, SQL_STATIC)))
		rc = sql_bind_text(s, 2, to, -1, SQL_STATIC);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
#define T(i) ((const char *)sql_column_text(s, i))
		if (fn(T(0), T(1), T(2), T(3), (long)sql_column_int64(s, 4), ud)) {
			rc = SQL_DONE;
			break;
		}
#undef T
		rc = SQL_OK;
	}
	sql_finalize(s);
	return rc == SQL_DONE || rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}
