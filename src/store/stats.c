/* The figures: cases per state as counters kept current (db/006_stats.sql),
 * a period's figures (by category and unit here, the rest read once in
 * stats_scan.c, over the indexes of db/007_stats_index.sql), the deadlines
 * the period's cases met, and the office's categories. */
#include "store_internal.h"
#include "stats_counters.h"
#include "stats_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_flow.h"
#include "laifang/store_stats.h"

#define bind_text store_bind_text
#define done store_done
#define T(s, i) ((const char *)sql_column_text(s, i))

static bool empty(const char *s)
{
	return !s || !*s;
}

static lf_store_err out_of_memory(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* ---- the counters ---------------------------------------------------------- */

static int add_moved(lf_store *st, const char *status, int delta)
{
	static const char sql[] = "INSERT INTO status_count (status, moved) VALUES (:status, :delta) "
	                          "ON CONFLICT (status) DO UPDATE SET moved = status_count.moved + excluded.moved";
	sql_stmt *s = store_stmt(st, STMT_COUNTS_MOVE, sql);
	int rc;
	if (!s)
		return -1;
	if ((rc = bind_text(s, ":status", status)) == SQL_OK &&
	    (rc = store_bind_int(s, ":delta", delta)) == SQL_OK)
		rc = sql_step(s);
	done(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

int store_counts_move(lf_store *st, const char *from, const char *to)
{
	int rc;
	if (empty(from) || empty(to) || !strcmp(from, to))
		return SQL_OK;
	if ((rc = add_moved(st, from, -1)) != SQL_OK)
		return rc;
	return add_moved(st, to, 1);
}

static lf_store_err read_counts(lf_store *st, sql_stmt *s, long out[LF_ST_COUNT])
{
	int rc;
	memset(out, 0, sizeof(long) * LF_ST_COUNT);
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_case_state k;
		if (lf_state_parse(T(s, 0), &k))
			out[k] += (long)sql_column_int64(s, 1);
	}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_status_counts(lf_store *st, long out[LF_ST_COUNT])
{
	/* Every new case is a number of case_counter; the moves do the rest. */
	static const char sql[] = "SELECT status, moved FROM status_count UNION ALL "
	                          "SELECT 'registered', coalesce(sum(last_number), 0) FROM case_counter";
	return read_counts(st, store_stmt(st, STMT_STATUS_COUNTS, sql), out);
}

lf_store_err lf_store_status_counts_slow(lf_store *st, long out[LF_ST_COUNT])
{
	static const char sql[] = "SELECT status, count(*) FROM case_file GROUP BY status";
	return read_counts(st, store_stmt(st, STMT_STATUS_COUNTS_SLOW, sql), out);
}

/* ---- a period ---------------------------------------------------------------- */

void lf_stat_counts_free(lf_stat_counts *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].label);
	}
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

void lf_store_period_free(lf_store_period *p)
{
	if (!p)
		return;
	lf_stat_counts_free(&p->by_category);
	lf_stat_counts_free(&p->by_unit);
	lf_stat_counts_free(&p->by_event);
	lf_stat_counts_free(&p->by_month);
}

/* The cases received in the period: one range of case_file_received_on. */
#define RANGE " c.received_on >= :from AND c.received_on <= :to "

static sql_stmt *range_stmt(lf_store *st, enum store_stmt_id id, const char *sql, const char *from,
                                const char *to)
{
	sql_stmt *s = store_stmt(st, id, sql);
	int rc;
	if (!s)
		return NULL;
	if ((rc = bind_text(s, ":from", from)) != SQL_OK || (rc = bind_text(s, ":to", to)) != SQL_OK) {
		done(s);
		store_fail(st, rc);
		return NULL;
	}
	return s;
}

/* Rows of (key, label, n) into out. */
static lf_store_err period_list(lf_store *st, enum store_stmt_id id, const char *sql, const char *from,
                                const char *to, lf_stat_counts *out)
{
	sql_stmt *s = range_stmt(st, id, sql, from, to);
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW)
		if (!store_stat_push(out, T(s, 0), T(s, 1), (long)sql_column_int64(s, 2))) {
			done(s);
			return out_of_memory(st);
		}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* Everything but the people, events and months (stats_scan.c). */
static lf_store_err period_lists(lf_store *st, const char *from, const char *to, lf_store_period *out)
{
	/* Every active category, with none received too, in the office's order;
	 * then the cases of no category (or of one since made inactive). Both
	 * read the covering index case_file_stats (db/007_stats_index.sql). */
	static const char by_category[] =
		"SELECT id, name, sum(n) FROM ("
		" SELECT g.id AS id, g.name AS name, g.position AS pos, 0 AS n FROM category g WHERE g.active = 1"
		" UNION ALL"
		" SELECT coalesce(c.category_id, ''), coalesce(g.name, ''), coalesce(g.position, 1000000000), 1"
		" FROM case_file c LEFT JOIN category g ON g.id = c.category_id WHERE" RANGE
		") t GROUP BY id, name, pos ORDER BY pos, name, id";
	static const char by_unit[] =
		"SELECT coalesce(c.lead_unit_id, ''), coalesce(u.name, ''), count(*) FROM case_file c "
		"LEFT JOIN unit u ON u.id = c.lead_unit_id WHERE" RANGE
		"GROUP BY c.lead_unit_id, u.name ORDER BY count(*) DESC, u.name, c.lead_unit_id";
	lf_store_err e;
	if ((e = period_list(st, STMT_STATS_CATEGORY, by_category, from, to, &out->by_category)) == LF_STORE_OK)
		e = period_list(st, STMT_STATS_UNIT, by_unit, from, to, &out->by_unit);
	return e;
}

lf_store_err lf_store_stats_all(lf_store *st, const char *from, const char *to, lf_store_period *out,
                                lf_deadline_count_fn fn, void *ud)
{
	lf_store_err e;
	bool counted = false;
	/* A month or a year from the counters; any other range, or a recount
	 * asked for, from the cases. */
	if (!st->stats_recount && ((e = store_stats_counted(st, from, to, out, fn, ud, &counted)) != LF_STORE_OK ||
	                           counted))
		return e;
	memset(out, 0, sizeof *out);
	if ((e = store_stats_scan(st, from, to, out, fn, ud)) != LF_STORE_OK ||
	    (e = period_lists(st, from, to, out)) != LF_STORE_OK)
		lf_store_period_free(out);
	return e;
}

void lf_store_stats_recount(lf_store *st, bool recount)
{
	st->stats_recount = recount;
}

lf_store_err lf_store_stats_period(lf_store *st, const char *from, const char *to, lf_store_period *out)
{
	return lf_store_stats_all(st, from, to, out, NULL, NULL);
}

lf_store_err lf_store_stats_deadlines(lf_store *st, const char *from, const char *to, lf_deadline_count_fn fn,
                                      void *ud)
{
	return store_stats_scan(st, from, to, NULL, fn, ud);
}

lf_store_err lf_store_overdue_count(lf_store *st, const char *today, long *n)
{
	lf_date d;
	char before[LF_DATE_LEN];
	if (!lf_date_parse(today, &d))
		return store_fail_msg(st, LF_STORE_INVALID, _("The date is not a date (YYYY-MM-DD)."));
	if (st->stats_recount) { /* the queue index's ranges, as the supervision queue counts */
		lf_date_format(lf_date_add(d, -1), before);
		lf_queue_filter f = {.states = ((1u << LF_ST_COUNT) - 1) & ~(1u << LF_ST_ARCHIVED),
		                     .due_before = before};
		return lf_store_queue_count(st, &f, n);
	}
	/* The counters of the due dates before today (db/041): one row a day,
	 * whatever the number of cases. A batch's summed counters first. */
	static const char sql[] = "SELECT coalesce(sum(n), 0) FROM stats_count WHERE dim = 'open_due' "
	                          "AND period < ?1";
	lf_store_err e;
	if (store_stats_pend_any(st) && (e = store_stats_pend_flush(st)) != LF_STORE_OK)
		return e;
	char day[LF_DATE_LEN];
	lf_date_format(d, day);
	sql_stmt *s = store_stmt(st, STMT_STATS_OVERDUE, sql);
	int rc;
	*n = 0;
	if (!s)
		return st->err;
	if ((rc = store_stats_bind(s, 1, day)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*n = (long)sql_column_int64(s, 0);
		rc = SQL_DONE;
	}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* ---- categories ---------------------------------------------------------------- */

lf_store_err lf_store_category_each(lf_store *st, lf_category_fn fn, void *ud)
{
	static const char sql[] = "SELECT id, name, position, active FROM category ORDER BY position";
	sql_stmt *s = store_stmt(st, STMT_CATEGORY_EACH, sql);
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_category c = {.id = T(s, 0), .name = T(s, 1), .position = sql_column_int(s, 2),
		                 .active = sql_column_int(s, 3) != 0};
		if (fn(&c, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

static lf_store_err category_add_body(lf_store *st, void *ctx)
{
	static const char sql[] = "INSERT INTO category (id, name, position) "
	                          "SELECT :id, :name, coalesce(max(position), 0) + 1 FROM category";
	const char *name = ctx;
	char id[STORE_UUID_LEN];
	store_new_uuid(id);
	sql_stmt *s = store_stmt(st, STMT_CATEGORY_ADD, sql);
	int rc;
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":id", id)) == SQL_OK && (rc = bind_text(s, ":name", name)) == SQL_OK)
		rc = sql_step(s);
	done(s);
	if (rc == SQL_CONSTRAINT) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("There is already a category named %s."), name);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	store_json_set(o, "name", name);
	char *changes = store_json_take(o);
	if (!changes)
		return out_of_memory(st);
	lf_store_err e = store_audit_append(st, "category.add", id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_category_add(lf_store *st, const char *name)
{
	if (empty(name))
		return store_fail_msg(st, LF_STORE_INVALID, _("A category needs a name."));
	return store_write(st, category_add_body, (void *)name);
}

typedef struct set_category {
	const char *case_id, *category;
} set_category;

/* One text column of one row, or "" (NOTFOUND when no row). */
static int lookup(lf_store *st, enum store_stmt_id id, const char *sql, const char *key, char *out, size_t len)
{
	sql_stmt *s = store_stmt(st, id, sql);
	int rc;
	out[0] = '\0';
	if (!s)
		return -1;
	if ((rc = bind_text(s, ":key", key)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW)
		snprintf(out, len, "%s", T(s, 0) ? T(s, 0) : "");
	done(s);
	return rc == SQL_ROW ? SQL_OK : rc == SQL_DONE ? SQL_NOTFOUND : rc;
}

static lf_store_err set_category_body(lf_store *st, void *ctx)
{
	set_category *x = ctx;
	char case_id[STORE_UUID_LEN], case_no[16], cat_id[STORE_UUID_LEN] = "", m[sizeof st->msg];
	int rc = lookup(st, STMT_CATEGORY_CASE, "SELECT id, case_no FROM case_file WHERE id = :key OR case_no = :key",
	                x->case_id, case_id, sizeof case_id);
	if (rc == SQL_NOTFOUND) {
		snprintf(m, sizeof m, _("There is no case %s in the database %s."), x->case_id, st->path);
		return store_fail_msg(st, LF_STORE_NOTFOUND, m);
	}
	if (rc != SQL_OK)
		return rc < 0 ? st->err : store_fail(st, rc);
	lf_store_err gate = store_case_gate(st, case_id);
	if (gate != LF_STORE_OK)
		return gate;
	if (!empty(x->category)) {
		rc = lookup(st, STMT_CATEGORY_FIND, "SELECT id FROM category WHERE name = :key OR id = :key", x->category,
		            cat_id, sizeof cat_id);
		if (rc == SQL_NOTFOUND) {
			snprintf(m, sizeof m, _("There is no category %s (see laifang category list)."), x->category);
			return store_fail_msg(st, LF_STORE_NOTFOUND, m);
		}
		if (rc != SQL_OK)
			return rc < 0 ? st->err : store_fail(st, rc);
	}
	sql_stmt *s = store_stmt(st, STMT_CATEGORY_SET,
	                             "UPDATE case_file SET category_id = :cat WHERE id = :id RETURNING case_no");
	if (!s)
		return st->err;
	case_no[0] = '\0';
	if ((rc = bind_text(s, ":cat", cat_id)) == SQL_OK && (rc = bind_text(s, ":id", case_id)) == SQL_OK &&
	    (rc = sql_step(s)) == SQL_ROW) {
		snprintf(case_no, sizeof case_no, "%s", T(s, 0) ? T(s, 0) : "");
		rc = sql_step(s);
	}
	done(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	store_json_set(o, "case_no", case_no);
	store_json_set(o, "category", x->category);
	char *changes = store_json_take(o);
	if (!changes)
		return out_of_memory(st);
	lf_store_err e = store_audit_append(st, "case.category", case_id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_case_set_category(lf_store *st, const char *case_id, const char *category)
{
	set_category x = {case_id, category};
	if (empty(case_id))
		return store_fail_msg(st, LF_STORE_INVALID, _("Which case? Give its case number."));
	return store_write(st, set_category_body, &x);
}

/* ---- one case's whole file --------------------------------------------------------- */

lf_store_err lf_store_case_log_days(lf_store *st, const char *case_id, lf_day_fn fn, void *ud)
{
	static const char sql[] = "SELECT l.day FROM case_file c JOIN reception_log_case lc ON lc.case_id = c.id "
	                          "JOIN reception_log l ON l.id = lc.log_id WHERE c.id = :key OR c.case_no = :key "
	                          "ORDER BY l.day";
	sql_stmt *s = store_stmt(st, STMT_CASE_LOG_DAYS, sql);
	int rc;
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":key", case_id)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW)
		if (fn(T(s, 0), ud)) {
			rc = SQL_DONE;
			break;
		}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
