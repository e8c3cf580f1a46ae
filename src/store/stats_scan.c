/* A period's figures in three passes instead of a query per case: the
 * cases of the range (the covering index of db/007_stats_index.sql) into a
 * hash table, then their visitors and their events, each in case order.
 * A long period (most of the office's cases) reads the visitors' and the
 * events' indexes from end to end and keeps the rows of its cases; a short
 * one looks each case's rows up by its index. The deadlines are found in
 * one walk over each case's events (see walk_event) and counted in a hash
 * table by (rule, start, due, done). */
#include "stats_scan.h"

#include "store_internal.h"
#include "stats_counters.h"

#include "clocks_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

#define T(s, i) ((const char *)sql_column_text(s, i))

/* ---- a hash table of strings ------------------------------------------------ */

typedef struct smap {
	char **key;
	long *val;
	uint64_t *hash; /* compared before the keys: fewer visits to their memory */
	size_t cap, n;
} smap;

static uint64_t hash_of(const char *k)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)k; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h ^ (h >> 29);
}

static size_t slot(const smap *m, const char *k, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	while (m->key[i] && (m->hash[i] != h || strcmp(m->key[i], k)))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool smap_grow(smap *m)
{
	smap g = {.cap = m->cap ? m->cap * 2 : 256};
	g.key = calloc(g.cap, sizeof *g.key);
	g.val = calloc(g.cap, sizeof *g.val);
	g.hash = calloc(g.cap, sizeof *g.hash);
	if (!g.key || !g.val || !g.hash) {
		free(g.key);
		free(g.val);
		free(g.hash);
		return false;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->key[i]) {
			size_t j = slot(&g, m->key[i], m->hash[i]);
			g.key[j] = m->key[i];
			g.val[j] = m->val[i];
			g.hash[j] = m->hash[i];
		}
	g.n = m->n;
	free(m->key);
	free(m->val);
	free(m->hash);
	*m = g;
	return true;
}

/* The value of k, or NULL when absent; with add an absent k is added with
 * the value 0 (NULL only when out of memory). */
static long *smap_at(smap *m, const char *k, bool add)
{
	if (!m->cap && (!add || !smap_grow(m)))
		return NULL;
	uint64_t h = hash_of(k);
	size_t i = slot(m, k, h);
	if (m->key[i] || !add)
		return m->key[i] ? &m->val[i] : NULL;
	if (2 * (m->n + 1) > m->cap) {
		if (!smap_grow(m))
			return NULL;
		i = slot(m, k, h);
	}
	if (!(m->key[i] = strdup(k)))
		return NULL;
	m->val[i] = 0;
	m->hash[i] = h;
	m->n++;
	return &m->val[i];
}

static void smap_free(smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->key[i]);
	free(m->key);
	free(m->val);
	free(m->hash);
	memset(m, 0, sizeof *m);
}

/* ---- the passes ----------------------------------------------------------------- */

/* The keys of by_event, in the order of their text (as ORDER BY gave them). */
static const char *const event_keys[] = {STORE_STATS_EVENT_KEYS};
enum { N_EVENT_KEYS = sizeof event_keys / sizeof *event_keys };

/* The events read: the kinds counted and those that set or clear a deadline
 * (the partial index case_event_stats holds exactly these). */
#define EVENTS \
	"(e.due_on IS NOT NULL OR e.kind IN ('accept', 'decline', 'refer', 'in_house', 'transfer', 'assign', " \
	"'report', 'reply'))"
#define RANGE " c.received_on >= :from AND c.received_on <= :to "

typedef struct one_case {
	char received[11];
	char route_done[11]; /* the first event that set or cleared a deadline; "" none */
	unsigned kinds;      /* bit i: an event of event_keys[i] */
} one_case;

typedef struct scan {
	lf_store *st;
	smap ids;        /* case id -> index in cases */
	one_case *cases;
	size_t n_cases;
	smap groups;     /* deadlines: encoded (rule, start, due, done) -> how many */
	bool deadlines;
	/* the case being walked */
	char *cur;
	size_t cur_cap;
	one_case *c;     /* NULL: not a case of the period */
	bool have_prev, open;
	/* Rules are short keys and dates YYYY-MM-DD: a longer one cannot be
	 * counted by core and is only compared cut short. */
	char prev_rule[64], prev_due[16], open_rule[64], open_due[16];
} scan;

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

static sql_stmt *prepare(lf_store *st, const char *sql, const char *from, const char *to)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK && from && (rc = store_bind_text(s, ":from", from)) == SQL_OK)
		rc = store_bind_text(s, ":to", to);
	if (rc != SQL_OK) {
		store_fail(st, rc);
		sql_finalize(s);
		return NULL;
	}
	return s;
}

static lf_store_err finish(lf_store *st, sql_stmt *s, int rc)
{
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* The cases of the period: their totals and months into p, each into x. */
static lf_store_err read_cases(scan *x, const char *from, const char *to, lf_store_period *p)
{
	static const char sql[] = "SELECT c.id, c.received_on, c.channel, c.headcount, c.is_repeat, c.kind, c.anonymous "
	                          "FROM case_file c "
	                          "WHERE" RANGE "ORDER BY c.received_on";
	static const char *const channels[] = {"visit", "letter", "online", "phone", "fax"};
	static const char *const kinds[] = {"suggestion", "accusation", "claim"};
	lf_store *st = x->st;
	sql_stmt *s = prepare(st, sql, from, to);
	size_t cap = 0;
	char month[8] = "";
	long in_month = 0;
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *id = T(s, 0), *on = T(s, 1), *ch = T(s, 2);
		long head = (long)sql_column_int64(s, 3);
		long *v;
		if (x->n_cases == cap) {
			one_case *g = realloc(x->cases, (cap = cap ? 2 * cap : 1024) * sizeof *g);
			if (!g)
				goto nomem;
			x->cases = g;
		}
		if (!id || !on || !(v = smap_at(&x->ids, id, true)))
			goto nomem;
		*v = (long)x->n_cases;
		one_case *c = &x->cases[x->n_cases++];
		memset(c, 0, sizeof *c);
		snprintf(c->received, sizeof c->received, "%s", on);
		if (!p)
			continue;
		p->visits++;
		p->person_times += head;
		p->repeats += (long)sql_column_int64(s, 4);
		if (head > 1) {
			p->groups++;
			p->group_people += head;
		}
		for (int i = 0; i < 5; i++)
			if (ch && !strcmp(ch, channels[i]))
				p->channel[i]++;
		const char *kd = T(s, 5);
		int k = 0;
		while (k < 3 && !(kd && !strcmp(kd, kinds[k])))
			k++;
		p->kind[k]++;
		p->anonymous += sql_column_int64(s, 6) != 0;
		if (strncmp(month, on, 7)) {
			if (in_month && !store_stat_push(&p->by_month, month, "", in_month))
				goto nomem;
			snprintf(month, sizeof month, "%.7s", on);
			in_month = 0;
		}
		in_month++;
	}
	if (rc == SQL_DONE && p && in_month && !store_stat_push(&p->by_month, month, "", in_month))
		goto nomem;
	return finish(st, s, rc);
nomem:
	sql_finalize(s);
	return oom(st);
}

/* The distinct visitors of the period's cases. */
static lf_store_err count_people(scan *x, bool whole, const char *from, const char *to, long *people)
{
	static const char all[] = "SELECT v.case_id, v.visitor_id FROM case_visitor v ORDER BY v.case_id";
	static const char some[] = "SELECT v.case_id, v.visitor_id FROM case_file c "
	                           "JOIN case_visitor v ON v.case_id = c.id WHERE" RANGE;
	lf_store *st = x->st;
	sql_stmt *s = whole ? prepare(st, all, NULL, NULL) : prepare(st, some, from, to);
	smap seen = {0};
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *c = T(s, 0), *v = T(s, 1);
		if (!c || !v || (whole && !smap_at(&x->ids, c, false)))
			continue;
		if (!smap_at(&seen, v, true)) {
			sql_finalize(s);
			smap_free(&seen);
			return oom(st);
		}
	}
	*people = (long)seen.n;
	smap_free(&seen);
	return finish(st, s, rc);
}

/* A deadline found: (rule, start, due, done), each "=text" or "!" for NULL,
 * joined by \x1f. */
static bool found(scan *x, const char *rule, const char *start, const char *due, const char *done)
{
	const char *f[4] = {rule, start, due, done};
	char key[256];
	size_t k = 0;
	for (int i = 0; i < 4; i++) {
		size_t n = f[i] ? strlen(f[i]) : 0;
		if (k + n + 3 > sizeof key)
			return true; /* not a rule or a date: no deadline core would count */
		if (i)
			key[k++] = '\x1f';
		key[k++] = f[i] ? '=' : '!';
		memcpy(key + k, f[i] ? f[i] : "", n);
		k += n;
	}
	key[k] = '\0';
	long *n = smap_at(&x->groups, key, true);
	if (n)
		++*n;
	return n != NULL;
}

/* The end of a case's events: its deadline still open. */
static bool end_case(scan *x)
{
	bool ok = true;
	if (x->c && x->open && x->deadlines)
		ok = found(x, x->open_rule, NULL, x->open_due, NULL);
	x->c = NULL;
	x->have_prev = x->open = false;
	return ok;
}

/* One event, in the order of its case's events. A deadline set by an event
 * runs until the next event that sets another (rule, due date) or clears it
 * (due_on ''); an event setting the same pair again continues it. So at most
 * one deadline is open at a time: the one the last change set. */
static bool walk_event(scan *x, const char *kind, const char *sat, const char *rule, const char *due,
                       const char *day)
{
	one_case *c = x->c;
	bool reply = kind && !strcmp(kind, "reply");
	const char *key = reply ? (sat ? sat : "none") : kind ? kind : "";
	for (int i = 0; i < N_EVENT_KEYS; i++) {
		const char *k = event_keys[i];
		if (reply == !strncmp(k, "reply:", 6) && !strcmp(key, reply ? k + 6 : k))
			c->kinds |= 1u << i;
	}
	if (!due || !x->deadlines)
		return true;
	if (!c->route_done[0])
		snprintf(c->route_done, sizeof c->route_done, "%s", day ? day : "");
	const char *r = rule ? rule : "";
	if (x->have_prev && !strcmp(r, x->prev_rule) && !strcmp(due, x->prev_due))
		return true;
	if (x->open && !found(x, x->open_rule, NULL, x->open_due, day))
		return false;
	x->open = false;
	x->have_prev = true;
	snprintf(x->prev_rule, sizeof x->prev_rule, "%s", r);
	snprintf(x->prev_due, sizeof x->prev_due, "%s", due);
	if (*r && *due && strlen(r) < sizeof x->open_rule && strlen(due) < sizeof x->open_due) {
		x->open = true;
		snprintf(x->open_rule, sizeof x->open_rule, "%s", r);
		snprintf(x->open_due, sizeof x->open_due, "%s", due);
	}
	return true;
}

static lf_store_err read_events(scan *x, bool whole, const char *from, const char *to)
{
	static const char all[] = "SELECT e.case_id, e.kind, coalesce(e.satisfaction, e.satisfaction_stance), e.due_rule, e.due_on, substr(e.at, 1, 10) "
	                          "FROM case_event e WHERE " EVENTS " ORDER BY e.case_id, e.seq";
	static const char some[] = "SELECT e.case_id, e.kind, coalesce(e.satisfaction, e.satisfaction_stance), e.due_rule, e.due_on, substr(e.at, 1, 10) "
	                           "FROM case_file c JOIN case_event e ON e.case_id = c.id WHERE" RANGE "AND " EVENTS
	                           " ORDER BY c.received_on, c.id, e.seq";
	lf_store *st = x->st;
	sql_stmt *s = whole ? prepare(st, all, NULL, NULL) : prepare(st, some, from, to);
	bool started = false;
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *id = T(s, 0);
		if (!id)
			continue;
		if (!started || strcmp(id, x->cur)) {
			size_t n = strlen(id) + 1;
			if (!end_case(x))
				goto nomem;
			if (n > x->cur_cap) {
				char *b = realloc(x->cur, n);
				if (!b)
					goto nomem;
				x->cur = b;
				x->cur_cap = n;
			}
			memcpy(x->cur, id, n);
			started = true;
			long *i = smap_at(&x->ids, id, false);
			x->c = i ? &x->cases[*i] : NULL;
		}
		if (x->c && !walk_event(x, T(s, 1), T(s, 2), T(s, 3), T(s, 4), T(s, 5)))
			goto nomem;
	}
	if (rc == SQL_DONE && !end_case(x))
		goto nomem;
	return finish(st, s, rc);
nomem:
	sql_finalize(s);
	return oom(st);
}

lf_store_err store_stats_scan(lf_store *st, const char *from, const char *to, lf_store_period *p,
                              lf_deadline_count_fn fn, void *ud)
{
	/* The deadlines are the clocks' (case_clock), not the events' walk. */
	scan x = {.st = st, .deadlines = false};
	long counts[LF_ST_COUNT], all = 0;
	lf_store_err e = read_cases(&x, from, to, p);
	if (e == LF_STORE_OK)
		e = lf_store_status_counts(st, counts);
	for (int i = 0; e == LF_STORE_OK && i < LF_ST_COUNT; i++)
		all += counts[i];
	/* Reading every row beats a lookup per case once the period holds a
	 * good part of the office's cases (a year; a month is the lookups). */
	bool whole = (long)x.n_cases * 4 > all;
	if (e == LF_STORE_OK && p)
		e = count_people(&x, whole, from, to, &p->people);
	if (e == LF_STORE_OK && p)
		e = read_events(&x, whole, from, to);
	if (e == LF_STORE_OK && p) {
		for (int k = 0; k < N_EVENT_KEYS && e == LF_STORE_OK; k++) {
			long n = 0;
			for (size_t i = 0; i < x.n_cases; i++)
				n += (x.cases[i].kinds >> k) & 1u;
			if (n && !store_stat_push(&p->by_event, event_keys[k], "", n))
				e = oom(st);
		}
	}
	if (e == LF_STORE_OK && fn)
		e = store_stats_clocks(st, from, to, fn, ud);
	smap_free(&x.ids);
	smap_free(&x.groups);
	free(x.cases);
	free(x.cur);
	return e;
}
