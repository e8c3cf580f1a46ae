/* The statistics as counters (db/022_stats_counters.sql). One place keeps
 * them: each time a write's rows go to the seal (store_seal_take_rows), the
 * cases those rows belong to are looked up in the list of rows written
 * (lf_written, seal_rows.c) and each case's recorded facts (stats_case,
 * stats_visitor) are taken off the counters and its facts as they are now
 * added: registration, steps, categories, routing, replies, corrections,
 * archive and import all pass there, whatever the write. A month's or a
 * year's figures are then sums of a few hundred counter rows, one month's
 * or twelve months' (store_stats_counted). Inside a batch (lf_store_begin)
 * the counters' changes are summed in memory and written at its commit
 * (stats_pending.c). */
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

#define CLOCK_KEY                                                                                                   \
	"k.rule || '|' || CASE WHEN k.state <> 'running' AND k.stop_on IS NOT NULL THEN CASE WHEN k.stop_on <= "   \
	"k.due_on THEN '+' ELSE '-' END ELSE '=' || k.due_on END"
#define EVENT_KEY                                                                                                   \
	"CASE WHEN e.kind = 'reply' THEN 'reply:' || coalesce(e.satisfaction, e.satisfaction_stance, 'none') ELSE " \
	"e.kind END"
#define EVENT_KINDS "('accept', 'assign', 'decline', 'in_house', 'refer', 'reply', 'report', 'transfer', 'refer_law')"

#define MONTH "substr(c.received_on, 1, 7)"

const char store_stats_recount_sql[] =
	"SELECT 'visits' AS dim, " MONTH " AS period, '' AS key, count(*) AS n FROM case_file c GROUP BY " MONTH " "
	"UNION ALL SELECT 'person_times', " MONTH ", '', sum(c.headcount) FROM case_file c GROUP BY " MONTH " "
	"UNION ALL SELECT 'repeats', " MONTH ", '', count(*) FROM case_file c WHERE c.is_repeat <> 0 "
	"GROUP BY " MONTH " "
	"UNION ALL SELECT 'groups', " MONTH ", '', count(*) FROM case_file c WHERE c.headcount > 1 "
	"GROUP BY " MONTH " "
	"UNION ALL SELECT 'group_people', " MONTH ", '', sum(c.headcount) FROM case_file c WHERE c.headcount > 1 "
	"GROUP BY " MONTH " "
	"UNION ALL SELECT 'channel', " MONTH ", c.channel, count(*) FROM case_file c "
	"GROUP BY " MONTH ", c.channel "
	"UNION ALL SELECT 'kind', " MONTH ", coalesce(c.kind, ''), count(*) FROM case_file c "
	"GROUP BY " MONTH ", coalesce(c.kind, '') "
	"UNION ALL SELECT 'anonymous', " MONTH ", '', count(*) FROM case_file c WHERE c.anonymous <> 0 "
	"GROUP BY " MONTH " "
	"UNION ALL SELECT 'category', " MONTH ", coalesce(c.category_id, ''), count(*) FROM case_file c "
	"GROUP BY " MONTH ", coalesce(c.category_id, '') "
	"UNION ALL SELECT 'unit', " MONTH ", coalesce(c.lead_unit_id, ''), count(*) FROM case_file c "
	"GROUP BY " MONTH ", coalesce(c.lead_unit_id, '') "
	"UNION ALL SELECT 'event', " MONTH ", t.k, count(*) FROM case_file c JOIN (SELECT DISTINCT e.case_id, "
	EVENT_KEY " AS k FROM case_event e WHERE e.kind IN " EVENT_KINDS ") t ON t.case_id = c.id "
	"WHERE t.k IN ('accept', 'assign', 'decline', 'in_house', 'refer', 'reply:basically', 'reply:dissatisfied', "
	"'reply:none', 'reply:satisfied', 'reply:unstated', 'report', 'transfer', 'refer_law') GROUP BY " MONTH ", t.k "
	"UNION ALL SELECT 'clock', t.day, t.k, count(*) FROM (SELECT " MONTH " AS day, " CLOCK_KEY " AS k "
	"FROM case_file c JOIN case_clock k ON k.case_id = c.id WHERE k.state IN ('running', 'met', 'missed')) t "
	"GROUP BY t.day, t.k "
	"UNION ALL SELECT 'eval', t.day, t.k, count(*) FROM (" STORE_STATS_EVAL_ALL("1 = 1") ") t GROUP BY t.day, t.k "
	"UNION ALL SELECT 'people', substr(c.received_on, 1, 7), '', count(DISTINCT v.visitor_id) FROM case_file c "
	"JOIN case_visitor v ON v.case_id = c.id GROUP BY substr(c.received_on, 1, 7) "
	"UNION ALL SELECT 'people', substr(c.received_on, 1, 4), '', count(DISTINCT v.visitor_id) FROM case_file c "
	"JOIN case_visitor v ON v.case_id = c.id GROUP BY substr(c.received_on, 1, 4) "
	"UNION ALL SELECT 'open_due', c.due_on, '', count(*) FROM case_file c WHERE c.status <> 'archived' "
	"AND c.due_on IS NOT NULL AND c.due_on <> '' GROUP BY c.due_on";

lf_store_err store_stats_oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* Text parameters by position, "" kept as "" (store_bind_text makes it NULL). */
int store_stats_bind(sql_stmt *s, int i, const char *v)
{
	return sql_bind_text(s, i, v ? v : "", -1, SQL_TRANSIENT);
}

/* ---- one case's facts ------------------------------------------------------ */

typedef struct facts {
	bool have;
	char day[16], channel[16], category[64], unit[64];
	long long head, repeat, kinds;
	char case_kind[16]; /* the regulation's category (issue 13), "" before screening */
	long long anonymous;
	char *clocks; /* malloc'd, keys by spaces */
	char *evals;  /* malloc'd, the 'eval' keys by spaces (issue 13) */
	char open_due[16]; /* the due date while the case is open (db/041), else "" */
} facts;

static void copy(char *out, size_t len, sql_stmt *s, int i)
{
	snprintf(out, len, "%s", T(s, i) ? T(s, i) : "");
}

/* Columns day, headcount, is_repeat, channel, category, unit, kinds, clocks,
 * case_kind, anonymous, evals, open_due. */
static bool facts_read(facts *f, sql_stmt *s)
{
	f->have = true;
	copy(f->day, sizeof f->day, s, 0);
	f->head = sql_column_int64(s, 1);
	f->repeat = sql_column_int64(s, 2);
	copy(f->channel, sizeof f->channel, s, 3);
	copy(f->category, sizeof f->category, s, 4);
	copy(f->unit, sizeof f->unit, s, 5);
	f->kinds = sql_column_int64(s, 6);
	f->clocks = strdup(T(s, 7) ? T(s, 7) : "");
	copy(f->case_kind, sizeof f->case_kind, s, 8);
	f->anonymous = sql_column_int64(s, 9);
	f->evals = strdup(T(s, 10) ? T(s, 10) : "");
	copy(f->open_due, sizeof f->open_due, s, 11);
	return f->clocks != NULL && f->evals != NULL;
}

/* One case's facts: from the case (now) or from stats_case (as counted). */
static lf_store_err facts_get(lf_store *st, const char *id, bool now, facts *f)
{
	static const char now_sql[] =
		"SELECT c.received_on, c.headcount, c.is_repeat, c.channel, coalesce(c.category_id, ''), "
		"coalesce(c.lead_unit_id, ''), (SELECT coalesce(sum(t.b), 0) FROM (SELECT DISTINCT CASE (" EVENT_KEY ") "
		"WHEN 'accept' THEN 1 WHEN 'assign' THEN 2 WHEN 'decline' THEN 4 WHEN 'in_house' THEN 8 "
		"WHEN 'refer' THEN 16 WHEN 'reply:basically' THEN 32 WHEN 'reply:dissatisfied' THEN 64 "
		"WHEN 'reply:none' THEN 128 WHEN 'reply:satisfied' THEN 256 WHEN 'reply:unstated' THEN 512 "
		"WHEN 'report' THEN 1024 WHEN 'transfer' THEN 2048 WHEN 'refer_law' THEN 4096 ELSE 0 END AS b "
		"FROM case_event e WHERE e.case_id = c.id AND " STORE_EVENT_KIND("e") " IN " EVENT_KINDS ") t), "
		"coalesce((SELECT group_concat(t.k, ' ') FROM (SELECT " CLOCK_KEY " AS k FROM case_clock k "
		"WHERE k.case_id = c.id AND k.state IN ('running', 'met', 'missed')) t), ''), coalesce(c.kind, ''), "
		"c.anonymous, coalesce((SELECT group_concat(t.k, ' ') FROM (" STORE_STATS_EVAL_ROWS ") t), ''), "
		"CASE WHEN c.status <> 'archived' THEN coalesce(c.due_on, '') ELSE '' END "
		"FROM case_file c WHERE c.id = ?1";
	static const char old_sql[] = "SELECT day, headcount, is_repeat, channel, category, unit, kinds, clocks, "
	                              "case_kind, anonymous, evals, open_due FROM stats_case WHERE case_id = ?1";
	sql_stmt *s = now ? store_stmt(st, STMT_STATS_FACTS, now_sql) : store_stmt(st, STMT_STATS_OLD, old_sql);
	int rc;
	memset(f, 0, sizeof *f);
	if (!s)
		return st->err;
	if ((rc = store_stats_bind(s, 1, id)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		if (!facts_read(f, s)) {
			free(f->clocks);
			free(f->evals);
			f->clocks = f->evals = NULL;
			store_done(s);
			return store_stats_oom(st);
		}
		rc = SQL_DONE;
	}
	store_done(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

/* ---- deltas ------------------------------------------------------------------ */

typedef struct delta {
	char dim[16], day[16], key[96];
	long long n;
} delta;

typedef struct deltas {
	delta *v;
	size_t n, cap;
	bool oom;
} deltas;

static void put(deltas *d, const char *dim, const char *day, const char *key, long long n)
{
	if (!n || d->oom)
		return;
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].dim, dim) && !strcmp(d->v[i].day, day) && !strcmp(d->v[i].key, key)) {
			d->v[i].n += n;
			return;
		}
	if (d->n == d->cap) {
		delta *g = realloc(d->v, (d->cap = d->cap ? 2 * d->cap : 32) * sizeof *g);
		if (!g) {
			d->oom = true;
			return;
		}
		d->v = g;
	}
	delta *x = &d->v[d->n++];
	snprintf(x->dim, sizeof x->dim, "%s", dim);
	snprintf(x->day, sizeof x->day, "%s", day);
	snprintf(x->key, sizeof x->key, "%s", key);
	x->n = n;
}

/* Keys separated by spaces, each counted once more under dim. */
static void put_keys(deltas *d, const char *dim, const char *day, const char *keys, int sign)
{
	for (const char *p = keys; p && *p;) {
		size_t n = strcspn(p, " ");
		char key[96];
		if (n && n < sizeof key) {
			memcpy(key, p, n);
			key[n] = '\0';
			put(d, dim, day, key, sign);
		}
		p += n;
		p += *p == ' ';
	}
}

/* What a case counts for, times sign (+1 add, -1 take off). */
static void contribute(deltas *d, const facts *f, int sign)
{
	if (!f->have)
		return;
	char day[8]; /* the month received: the counters' period */
	snprintf(day, sizeof day, "%.7s", f->day);
	put(d, "visits", day, "", sign);
	put(d, "person_times", day, "", sign * f->head);
	put(d, "repeats", day, "", f->repeat ? sign : 0);
	if (f->head > 1) {
		put(d, "groups", day, "", sign);
		put(d, "group_people", day, "", sign * f->head);
	}
	put(d, "channel", day, f->channel, sign);
	put(d, "kind", day, f->case_kind, sign);
	put(d, "anonymous", day, "", f->anonymous ? sign : 0);
	put(d, "category", day, f->category, sign);
	put(d, "unit", day, f->unit, sign);
	for (int i = 0; i < N_EVENT_KEYS; i++)
		if (f->kinds & (1LL << i))
			put(d, "event", day, event_keys[i], sign);
	put_keys(d, "clock", day, f->clocks, sign);
	put_keys(d, "eval", day, f->evals, sign);
	if (f->open_due[0]) /* by the due date itself, not the month received */
		put(d, "open_due", f->open_due, "", sign);
}

lf_store_err store_stats_add(lf_store *st, const char *dim, const char *period, const char *key, long long n)
{
	static const char sql[] = "INSERT INTO stats_count (dim, period, key, n) VALUES (?1, ?2, ?3, ?4) "
	                          "ON CONFLICT (dim, period, key) DO UPDATE SET n = stats_count.n + excluded.n";
	sql_stmt *s = store_stmt(st, STMT_STATS_ADD, sql);
	int rc;
	if (!s)
		return st->err;
	if ((rc = store_stats_bind(s, 1, dim)) == SQL_OK && (rc = store_stats_bind(s, 2, period)) == SQL_OK && (rc = store_stats_bind(s, 3, key)) == SQL_OK &&
	    (rc = sql_bind_int64(s, 4, n)) == SQL_OK)
		rc = sql_step(s);
	store_done(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

/* n more under (dim, period, key): at once in a write of its own, summed
 * until the commit in a batch (stats_pending.c). */
static lf_store_err add(lf_store *st, const char *dim, const char *period, const char *key, long long n)
{
	if (!st->in_txn)
		return store_stats_add(st, dim, period, key, n);
	return store_stats_pend_add(st, dim, period, key, n) ? LF_STORE_OK : store_stats_oom(st);
}

/* ---- the distinct people ---------------------------------------------------- */

/* Does the visitor count in day's month (len 7) or year (len 4) already? */
static int counted_in(lf_store *st, const char *visitor, const char *day, size_t len, bool *yes)
{
	static const char sql[] = "SELECT 1 FROM stats_visitor WHERE visitor_id = ?1 AND day >= ?2 AND day <= ?3 "
	                          "LIMIT 1";
	char lo[16], hi[16];
	/* Whole dates as bounds: compared alike under any collation. */
	snprintf(lo, sizeof lo, "%.*s%s", (int)len, day, len == 7 ? "-01" : "-01-01");
	snprintf(hi, sizeof hi, "%.*s%s", (int)len, day, len == 7 ? "-31" : "-12-31");
	sql_stmt *s = store_stmt(st, STMT_STATS_VISITOR_ANY, sql);
	int rc;
	if (!s)
		return -1;
	if ((rc = store_stats_bind(s, 1, visitor)) == SQL_OK && (rc = store_stats_bind(s, 2, lo)) == SQL_OK && (rc = store_stats_bind(s, 3, hi)) == SQL_OK)
		rc = sql_step(s);
	store_done(s);
	*yes = rc == SQL_ROW;
	return rc == SQL_ROW || rc == SQL_DONE ? SQL_OK : rc;
}

/* A visitor's case leaves (sign -1, after its row went) or joins (+1,
 * before its row is added) the counters: the month's and year's people
 * change when no other case of the visitor is in them. */
static lf_store_err people_move(lf_store *st, const char *visitor, const char *day, int sign)
{
	static const size_t lens[] = {7, 4};
	for (int i = 0; i < 2; i++) {
		bool yes = false;
		int rc = counted_in(st, visitor, day, lens[i], &yes);
		if (rc != SQL_OK)
			return rc < 0 ? st->err : store_fail(st, rc);
		if (!yes) {
			char period[8];
			snprintf(period, sizeof period, "%.*s", (int)lens[i], day);
			lf_store_err e = add(st, "people", period, "", sign);
			if (e != LF_STORE_OK)
				return e;
		}
	}
	return LF_STORE_OK;
}

typedef struct idlist {
	char (*v)[64];
	size_t n, cap;
} idlist;

static bool idlist_add(idlist *l, const char *id)
{
	if (l->n == l->cap) {
		char(*g)[64] = realloc(l->v, (l->cap = l->cap ? 2 * l->cap : 8) * sizeof *g);
		if (!g)
			return false;
		l->v = g;
	}
	snprintf(l->v[l->n++], sizeof l->v[0], "%s", id ? id : "");
	return true;
}

static bool idlist_has(const idlist *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], id))
			return true;
	return false;
}

static lf_store_err read_ids(lf_store *st, enum store_stmt_id sid, const char *sql, const char *id, idlist *out)
{
	sql_stmt *s = store_stmt(st, sid, sql);
	int rc;
	if (!s)
		return st->err;
	if ((rc = store_stats_bind(s, 1, id)) == SQL_OK)
		while ((rc = sql_step(s)) == SQL_ROW)
			if (T(s, 0) && !idlist_add(out, T(s, 0))) {
				store_done(s);
				return store_stats_oom(st);
			}
	store_done(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

static lf_store_err one_visitor(lf_store *st, enum store_stmt_id sid, const char *sql, const char *case_id,
                                const char *visitor, const char *day)
{
	sql_stmt *s = store_stmt(st, sid, sql);
	int rc;
	if (!s)
		return st->err;
	if ((rc = store_stats_bind(s, 1, case_id)) == SQL_OK && (rc = store_stats_bind(s, 2, visitor)) == SQL_OK &&
	    (!day || (rc = store_stats_bind(s, 3, day)) == SQL_OK))
		rc = sql_step(s);
	store_done(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

static lf_store_err people_update(lf_store *st, const char *id, const facts *old, const facts *now)
{
	idlist was = {0}, is = {0};
	lf_store_err e = LF_STORE_OK;
	if (old->have)
		e = read_ids(st, STMT_STATS_VISITORS_OLD, "SELECT visitor_id FROM stats_visitor WHERE case_id = ?1", id,
		             &was);
	if (e == LF_STORE_OK && now->have)
		e = read_ids(st, STMT_STATS_VISITORS_NEW, "SELECT visitor_id FROM case_visitor WHERE case_id = ?1", id,
		             &is);
	bool same_day = old->have && now->have && !strcmp(old->day, now->day);
	for (size_t i = 0; e == LF_STORE_OK && i < was.n; i++) {
		if (same_day && idlist_has(&is, was.v[i]))
			continue;
		e = one_visitor(st, STMT_STATS_VISITOR_DEL, "DELETE FROM stats_visitor WHERE case_id = ?1 AND visitor_id = ?2",
		                id, was.v[i], NULL);
		if (e == LF_STORE_OK)
			e = people_move(st, was.v[i], old->day, -1);
	}
	for (size_t i = 0; e == LF_STORE_OK && i < is.n; i++) {
		if (same_day && idlist_has(&was, is.v[i]))
			continue;
		e = people_move(st, is.v[i], now->day, +1);
		if (e == LF_STORE_OK)
			e = one_visitor(st, STMT_STATS_VISITOR_ADD,
			                "INSERT INTO stats_visitor (case_id, visitor_id, day) VALUES (?1, ?2, ?3)", id,
			                is.v[i], now->day);
	}
	free(was.v);
	free(is.v);
	return e;
}

/* ---- one case, all together ---------------------------------------------------- */

static lf_store_err record(lf_store *st, const char *id, const facts *f)
{
	static const char put_sql[] =
		"INSERT INTO stats_case (case_id, day, headcount, is_repeat, channel, category, unit, kinds, clocks, "
		"case_kind, anonymous, evals, open_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
		"ON CONFLICT "
		"(case_id) DO UPDATE SET day = excluded.day, headcount = excluded.headcount, is_repeat = excluded.is_repeat, "
		"channel = excluded.channel, category = excluded.category, unit = excluded.unit, kinds = excluded.kinds, "
		"clocks = excluded.clocks, case_kind = excluded.case_kind, anonymous = excluded.anonymous, "
		"evals = excluded.evals, open_due = excluded.open_due";
	sql_stmt *s = f->have ? store_stmt(st, STMT_STATS_CASE_PUT, put_sql)
	                      : store_stmt(st, STMT_STATS_CASE_DEL, "DELETE FROM stats_case WHERE case_id = ?1");
	int rc;
	if (!s)
		return st->err;
	rc = store_stats_bind(s, 1, id);
	if (rc == SQL_OK && f->have && (rc = store_stats_bind(s, 2, f->day)) == SQL_OK &&
	    (rc = sql_bind_int64(s, 3, f->head)) == SQL_OK && (rc = sql_bind_int64(s, 4, f->repeat)) == SQL_OK &&
	    (rc = store_stats_bind(s, 5, f->channel)) == SQL_OK && (rc = store_stats_bind(s, 6, f->category)) == SQL_OK &&
	    (rc = store_stats_bind(s, 7, f->unit)) == SQL_OK)
		rc = sql_bind_int64(s, 8, f->kinds);
	if (rc == SQL_OK && f->have && (rc = store_stats_bind(s, 9, f->clocks)) == SQL_OK && (rc = store_stats_bind(s, 10, f->case_kind)) == SQL_OK)
		rc = sql_bind_int64(s, 11, f->anonymous);
	if (rc == SQL_OK && f->have && (rc = store_stats_bind(s, 12, f->evals)) == SQL_OK)
		rc = store_stats_bind(s, 13, f->open_due);
	if (rc == SQL_OK)
		rc = sql_step(s);
	store_done(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

static bool facts_equal(const facts *a, const facts *b)
{
	return a->have == b->have &&
	       (!a->have || (!strcmp(a->day, b->day) && a->head == b->head && a->repeat == b->repeat &&
	                     !strcmp(a->channel, b->channel) && !strcmp(a->category, b->category) &&
	                     !strcmp(a->unit, b->unit) && a->kinds == b->kinds && !strcmp(a->clocks, b->clocks) &&
	                     !strcmp(a->case_kind, b->case_kind) && a->anonymous == b->anonymous &&
	                     !strcmp(a->evals, b->evals) && !strcmp(a->open_due, b->open_due)));
}

static lf_store_err update_case(lf_store *st, const char *id)
{
	facts old, now;
	deltas d = {0};
	lf_store_err e = facts_get(st, id, false, &old);
	if (e == LF_STORE_OK)
		e = facts_get(st, id, true, &now);
	if (e != LF_STORE_OK) {
		free(old.clocks);
		free(old.evals);
		return e;
	}
	if (!facts_equal(&old, &now)) {
		contribute(&d, &old, -1);
		contribute(&d, &now, +1);
		if (d.oom)
			e = store_stats_oom(st);
		for (size_t i = 0; e == LF_STORE_OK && i < d.n; i++)
			if (d.v[i].n)
				e = add(st, d.v[i].dim, d.v[i].day, d.v[i].key, d.v[i].n);
		if (e == LF_STORE_OK)
			e = record(st, id, &now);
	}
	/* The visitors change without the facts (a representative added). */
	if (e == LF_STORE_OK)
		e = people_update(st, id, &old, &now);
	free(d.v);
	free(old.clocks);
	free(now.clocks);
	free(old.evals);
	free(now.evals);
	return e;
}

lf_store_err store_stats_touched(lf_store *st)
{
	/* The cases of the rows written since the last entry (seal_rows.c keys
	 * case_file by seq_id, case_event and case_clock by id, case_visitor by
	 * (case_id, position)). */
	static const char sql[] =
		"SELECT c.id FROM lf_written w JOIN case_file c ON c.seq_id = CAST(w.k1 AS BIGINT) "
		"WHERE w.tbl = 'case_file' "
		"UNION SELECT w.k1 FROM lf_written w WHERE w.tbl = 'case_visitor' "
		"UNION SELECT e.case_id FROM lf_written w JOIN case_event e ON e.id = CAST(w.k1 AS BIGINT) "
		"WHERE w.tbl = 'case_event' "
		"UNION SELECT k.case_id FROM lf_written w JOIN case_clock k ON k.id = CAST(w.k1 AS BIGINT) "
		"WHERE w.tbl = 'case_clock' "
		"UNION SELECT w.k1 FROM lf_written w WHERE w.tbl = 'case_evaluation'";
	sql_stmt *s = store_stmt(st, STMT_STATS_TOUCHED, sql);
	idlist ids = {0};
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW)
		if (T(s, 0) && !idlist_add(&ids, T(s, 0))) {
			store_done(s);
			free(ids.v);
			return store_stats_oom(st);
		}
	store_done(s);
	lf_store_err e = rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
	for (size_t i = 0; e == LF_STORE_OK && i < ids.n; i++)
		e = update_case(st, ids.v[i]);
	free(ids.v);
	return e;
}
