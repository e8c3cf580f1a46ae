/* The statements the store runs, recorded with their values: the store's
 * connection gets a copy of its driver's table whose calls note the SQL
 * text at prepare and the values at bind, then pass on to the driver. The
 * bench then runs the very same statements on a raw connection (raw.c).
 * Binding is noted always (a few stores per bind, the same in every
 * sample); runs are recorded only between trace_start and trace_stop. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/store_internal.h"

typedef struct rec {
	sql_stmt *s;
	char *sql;
	int n;
	bench_val *v;
	bool running;
} rec;

static const sql_driver *orig;
static sql_driver mine;
static rec *recs;
static size_t n_recs, cap_recs;
static bench_trace *cur;

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		fail("trace", "out of memory");
	return q;
}

static rec *find(sql_stmt *s)
{
	for (size_t i = n_recs; i-- > 0;)
		if (recs[i].s == s)
			return &recs[i];
	return NULL;
}

static void val_free(bench_val *v)
{
	free(v->t);
	memset(v, 0, sizeof *v);
	v->type = SQL_NULL;
}

static bench_val *slot(sql_stmt *s, int i)
{
	rec *r = find(s);
	if (!r || i < 1)
		return NULL;
	if (i > r->n) {
		r->v = xrealloc(r->v, (size_t)i * sizeof *r->v);
		for (int k = r->n; k < i; k++)
			r->v[k] = (bench_val){.type = SQL_NULL};
		r->n = i;
	}
	return &r->v[i - 1];
}

static int t_prepare(sql_db *db, const char *sql, int n, unsigned flags, sql_stmt **out, const char **tail)
{
	int rc = orig->prepare(db, sql, n, flags, out, tail);
	if (rc != SQL_OK || !*out)
		return rc;
	if (n_recs == cap_recs)
		recs = xrealloc(recs, (cap_recs = cap_recs ? 2 * cap_recs : 256) * sizeof *recs);
	size_t len = n < 0 ? strlen(sql) : strnlen(sql, (size_t)n);
	if (tail && *tail && *tail >= sql && (size_t)(*tail - sql) < len)
		len = (size_t)(*tail - sql);
	recs[n_recs++] = (rec){.s = *out, .sql = strndup(sql, len)};
	return rc;
}

static int t_finalize(sql_stmt *s)
{
	rec *r = find(s);
	if (r) {
		for (int k = 0; k < r->n; k++)
			val_free(&r->v[k]);
		free(r->v);
		free(r->sql);
		*r = recs[--n_recs];
	}
	return orig->finalize(s);
}

static int t_step(sql_stmt *s)
{
	rec *r = find(s);
	if (r && !r->running && cur) {
		if (cur->n == cur->cap)
			cur->runs = xrealloc(cur->runs, (cur->cap = cur->cap ? 2 * cur->cap : 16) * sizeof *cur->runs);
		bench_run *run = &cur->runs[cur->n++];
		*run = (bench_run){.sql = strdup(r->sql), .n = r->n};
		run->v = xrealloc(NULL, (size_t)r->n * sizeof *run->v);
		for (int k = 0; k < r->n; k++) {
			run->v[k] = r->v[k];
			if (r->v[k].t) {
				run->v[k].t = xrealloc(NULL, (size_t)r->v[k].len + 1);
				memcpy(run->v[k].t, r->v[k].t, (size_t)r->v[k].len + 1);
			}
		}
	} else if (!r && cur) {
		cur->unknown++;
	}
	if (r)
		r->running = true;
	return orig->step(s);
}

static int t_reset(sql_stmt *s)
{
	rec *r = find(s);
	if (r)
		r->running = false;
	return orig->reset(s);
}

static int t_clear_bindings(sql_stmt *s)
{
	rec *r = find(s);
	for (int k = 0; r && k < r->n; k++)
		val_free(&r->v[k]);
	return orig->clear_bindings(s);
}

static void put_bytes(bench_val *v, int type, const void *p, int n)
{
	size_t len = n < 0 ? strlen(p) : (size_t)n;
	v->t = xrealloc(v->t, len + 1);
	memcpy(v->t, p, len);
	v->t[len] = '\0';
	v->len = (int)len;
	v->type = type;
}

static int t_bind_text(sql_stmt *s, int i, const char *val, int n, int copy)
{
	bench_val *v = slot(s, i);
	if (v) {
		if (val)
			put_bytes(v, SQL_TEXT, val, n);
		else
			val_free(v);
	}
	return orig->bind_text(s, i, val, n, copy);
}

static int t_bind_blob(sql_stmt *s, int i, const void *val, int n, int copy)
{
	bench_val *v = slot(s, i);
	if (v)
		put_bytes(v, SQL_BLOB, val ? val : "", val ? n : 0);
	return orig->bind_blob(s, i, val, n, copy);
}

static int t_bind_int64(sql_stmt *s, int i, long long val)
{
	bench_val *v = slot(s, i);
	if (v) {
		val_free(v);
		v->type = SQL_INTEGER;
		v->i = val;
	}
	return orig->bind_int64(s, i, val);
}

static int t_bind_double(sql_stmt *s, int i, double val)
{
	bench_val *v = slot(s, i);
	if (v) {
		val_free(v);
		v->type = SQL_FLOAT;
		v->d = val;
	}
	return orig->bind_double(s, i, val);
}

static int t_bind_null(sql_stmt *s, int i)
{
	bench_val *v = slot(s, i);
	if (v)
		val_free(v);
	return orig->bind_null(s, i);
}

static int t_exec(sql_db *db, const char *sql)
{
	if (cur) {
		if (cur->n == cur->cap)
			cur->runs = xrealloc(cur->runs, (cur->cap = cur->cap ? 2 * cur->cap : 16) * sizeof *cur->runs);
		cur->runs[cur->n++] = (bench_run){.sql = strdup(sql), .exec = true};
	}
	return orig->exec(db, sql);
}

void trace_install(lf_store *st)
{
	if (st->db->drv == &mine)
		return;
	if (orig && st->db->drv != orig) { /* the other backend: forget the first one's */
		while (n_recs > 0) {
			rec *r = &recs[--n_recs];
			for (int k = 0; k < r->n; k++)
				val_free(&r->v[k]);
			free(r->v);
			free(r->sql);
		}
	}
	orig = st->db->drv;
	mine = *orig;
	mine.prepare = t_prepare;
	mine.finalize = t_finalize;
	mine.step = t_step;
	mine.reset = t_reset;
	mine.clear_bindings = t_clear_bindings;
	mine.bind_text = t_bind_text;
	mine.bind_blob = t_bind_blob;
	mine.bind_int64 = t_bind_int64;
	mine.bind_double = t_bind_double;
	mine.bind_null = t_bind_null;
	mine.exec = t_exec;
	st->db->drv = &mine;
	/* The store's cached statements are prepared again, through the hook. */
	for (int i = 0; i < STMT_MAX; i++) {
		sql_finalize(st->stmts[i]);
		st->stmts[i] = NULL;
	}
	memset(st->queue_shape, 0, sizeof st->queue_shape);
	memset(st->audit_shape, 0, sizeof st->audit_shape);
}

void trace_start(bench_trace *t)
{
	trace_clear(t);
	cur = t;
}

void trace_stop(void)
{
	cur = NULL;
}

void trace_clear(bench_trace *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (int k = 0; k < t->runs[i].n; k++)
			free(t->runs[i].v[k].t);
		free(t->runs[i].v);
		free(t->runs[i].sql);
	}
	free(t->runs);
	memset(t, 0, sizeof *t);
}

const char *trace_sql_of(sql_stmt *s)
{
	rec *r = find(s);
	return r ? r->sql : NULL;
}
