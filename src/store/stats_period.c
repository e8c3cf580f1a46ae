/* A month's or a year's statistics read from the counters (kept by
 * stats_counters.c): sums of a few hundred rows whatever the archive's size. */
#include "stats_counters.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

#define T(s, i) ((const char *)sql_column_text(s, i))

static const char *const event_keys[] = {STORE_STATS_EVENT_KEYS};
enum { N_EVENT_KEYS = sizeof event_keys / sizeof *event_keys };

/* "YYYY-MM" or "YYYY" when from..to is exactly that month or year. */
static bool period_of(const char *from, const char *to, char out[8])
{
	lf_date a, b;
	if (!lf_date_parse(from, &a) || !lf_date_parse(to, &b) || a.d != 1 || a.y != b.y)
		return false;
	lf_date next = lf_date_add(b, 1);
	if (next.d != 1)
		return false;
	if (a.m == 1 && b.m == 12)
		snprintf(out, 8, "%04d", a.y);
	else if (a.m == b.m)
		snprintf(out, 8, "%04d-%02d", a.y, a.m);
	else
		return false;
	return true;
}

static sql_stmt *range(lf_store *st, const char *sql, const char *from, const char *to)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK && (rc = store_stats_bind(s, 1, from)) == SQL_OK)
		rc = store_stats_bind(s, 2, to);
	if (rc != SQL_OK) {
		sql_finalize(s);
		store_fail(st, rc);
		return NULL;
	}
	return s;
}

bool store_stat_push(lf_stat_counts *c, const char *key, const char *label, long n)
{
	lf_stat_count *v = realloc(c->v, (c->n + 1) * sizeof *v);
	if (!v)
		return false;
	c->v = v;
	v[c->n].key = strdup(key ? key : "");
	v[c->n].label = strdup(label ? label : "");
	v[c->n].n = n;
	if (!v[c->n].key || !v[c->n].label) {
		free(v[c->n].key);
		free(v[c->n].label);
		return false;
	}
	c->n++;
	return true;
}

/* Rows (key, label, n) into out. */
static lf_store_err list(lf_store *st, const char *sql, const char *from, const char *to, lf_stat_counts *out)
{
	sql_stmt *s = range(st, sql, from, to);
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW)
		if (!store_stat_push(out, T(s, 0), T(s, 1), (long)sql_column_int64(s, 2))) {
			sql_finalize(s);
			return store_stats_oom(st);
		}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* One clock group to fn: met and missed come without their own dates (the
 * counters keep the outcome), as a due date and a day it stopped that
 * give that outcome. */
static int clock_row(const char *key, long n, lf_deadline_count_fn fn, void *ud)
{
	char rule[64];
	const char *bar = strchr(key, '|');
	if (!bar || (size_t)(bar - key) >= sizeof rule)
		return 0;
	snprintf(rule, sizeof rule, "%.*s", (int)(bar - key), key);
	if (bar[1] == '+')
		return fn(rule, NULL, "2000-01-01", "2000-01-01", n, ud);
	if (bar[1] == '-')
		return fn(rule, NULL, "2000-01-01", "2000-01-02", n, ud);
	return fn(rule, NULL, bar[1] == '=' ? bar + 2 : NULL, NULL, n, ud);
}

/* The figures that are sums: totals, channels, events, clocks. */
static lf_store_err sums(lf_store *st, const char *from, const char *to, lf_store_period *p,
                         lf_deadline_count_fn fn, void *ud)
{
	static const char sql[] =
		"SELECT dim, key, sum(n) FROM stats_count WHERE dim IN ('visits', 'person_times', 'repeats', 'groups', "
		"'group_people', 'channel', 'kind', 'anonymous', 'event', 'clock') AND period >= ?1 AND period <= ?2 "
		"AND n <> 0 GROUP BY dim, key";
	static const char *const channels[] = {"visit", "letter", "online", "phone", "fax"};
	static const char *const kinds[] = {"suggestion", "accusation", "claim"};
	long events[N_EVENT_KEYS] = {0};
	sql_stmt *s = range(st, sql, from, to);
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *dim = T(s, 0) ? T(s, 0) : "", *key = T(s, 1) ? T(s, 1) : "";
		long n = (long)sql_column_int64(s, 2);
		if (!strcmp(dim, "visits"))
			p->visits = n;
		else if (!strcmp(dim, "person_times"))
			p->person_times = n;
		else if (!strcmp(dim, "repeats"))
			p->repeats = n;
		else if (!strcmp(dim, "groups"))
			p->groups = n;
		else if (!strcmp(dim, "group_people"))
			p->group_people = n;
		else if (!strcmp(dim, "channel")) {
			for (int i = 0; i < 5; i++)
				if (!strcmp(key, channels[i]))
					p->channel[i] = n;
		} else if (!strcmp(dim, "kind")) {
			int k = 0;
			while (k < 3 && strcmp(key, kinds[k]))
				k++;
			p->kind[k] += n; /* none, or one laifang does not know: the fourth */
		} else if (!strcmp(dim, "anonymous"))
			p->anonymous = n;
		else if (!strcmp(dim, "event")) {
			for (int i = 0; i < N_EVENT_KEYS; i++)
				if (!strcmp(key, event_keys[i]))
					events[i] = n;
		} else if (!strcmp(dim, "clock") && fn && clock_row(key, n, fn, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	for (int i = 0; i < N_EVENT_KEYS; i++)
		if (events[i] && !store_stat_push(&p->by_event, event_keys[i], "", events[i]))
			return store_stats_oom(st);
	return store_ok(st);
}

lf_store_err store_stats_counted(lf_store *st, const char *from, const char *to, lf_store_period *out,
                                 lf_deadline_count_fn fn, void *ud, bool *counted)
{
	/* The lists as stats.c reads them from the cases, with ties in key order. */
	static const char by_month[] =
		"SELECT period, '', sum(n) FROM stats_count WHERE dim = 'visits' AND period >= ?1 AND period <= ?2 "
		"AND n <> 0 GROUP BY period ORDER BY 1";
	static const char by_category[] =
		"SELECT id, name, sum(n) FROM ("
		" SELECT g.id AS id, g.name AS name, g.position AS pos, 0 AS n FROM category g WHERE g.active = 1"
		" UNION ALL"
		" SELECT s.key, coalesce(g.name, ''), coalesce(g.position, 1000000000), s.n"
		" FROM stats_count s LEFT JOIN category g ON g.id = s.key"
		" WHERE s.dim = 'category' AND s.period >= ?1 AND s.period <= ?2 AND s.n <> 0"
		") t GROUP BY id, name, pos ORDER BY pos, name, id";
	static const char by_unit[] =
		"SELECT s.key, coalesce(u.name, ''), sum(s.n) FROM stats_count s LEFT JOIN unit u ON u.id = s.key "
		"WHERE s.dim = 'unit' AND s.period >= ?1 AND s.period <= ?2 AND s.n <> 0 "
		"GROUP BY s.key, u.name ORDER BY sum(s.n) DESC, u.name, s.key";
	static const char people[] = "SELECT coalesce(sum(n), 0), '', 0 FROM stats_count WHERE dim = 'people' "
	                             "AND period = ?1 AND key = ?2";
	char period[8];
	*counted = false;
	memset(out, 0, sizeof *out);
	if (!period_of(from, to, period))
		return store_ok(st);
	*counted = true;
	/* A batch reads its own changes: its summed counters written first. */
	if (store_stats_pend_any(st)) {
		lf_store_err f = store_stats_pend_flush(st);
		if (f != LF_STORE_OK)
			return f;
	}
	char lo[8], hi[8]; /* the months of the range */
	snprintf(lo, sizeof lo, "%.7s", from);
	snprintf(hi, sizeof hi, "%.7s", to);
	lf_store_err e = sums(st, lo, hi, out, fn, ud);
	if (e == LF_STORE_OK)
		e = list(st, by_month, lo, hi, &out->by_month);
	if (e == LF_STORE_OK)
		e = list(st, by_category, lo, hi, &out->by_category);
	if (e == LF_STORE_OK)
		e = list(st, by_unit, lo, hi, &out->by_unit);
	if (e == LF_STORE_OK) {
		sql_stmt *s = range(st, people, period, "");
		int rc = s ? sql_step(s) : SQL_ERROR;
		if (rc == SQL_ROW)
			out->people = (long)sql_column_int64(s, 0);
		sql_finalize(s);
		e = !s ? st->err : rc == SQL_ROW ? store_ok(st) : store_fail(st, rc);
	}
	if (e != LF_STORE_OK)
		lf_store_period_free(out);
	return e;
}
