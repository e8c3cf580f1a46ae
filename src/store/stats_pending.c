/* The statistics' counters of a batch (issue 16, "flat at a million"):
 * between lf_store_begin and lf_store_commit the counters' changes are
 * summed here, by (dim, period, key), and written once at the commit: one
 * UPSERT per counter row, not one per case and counter. An import of a
 * month's visits bumped the same few rows of stats_count once per case;
 * on PostgreSQL each UPDATE leaves a row version that the next one, in
 * the same transaction, walks past, so every bump cost more than the last.
 *
 * Two sums: the current write's (a savepoint of the batch, store_write)
 * and the batch's. A write that is undone drops its own (the savepoint's
 * rows are gone too); one that is kept adds them to the batch's. A
 * rollback drops both. */
#include "stats_counters.h"

#include "store_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pend_row {
	char dim[16], period[16], key[96];
	long long n;
	uint32_t hash;
	bool used;
} pend_row;

struct stats_pend {
	pend_row *v;
	size_t cap, n; /* cap a power of two (or 0), n rows used */
};

static uint32_t hash_of(const char *dim, const char *period, const char *key)
{
	uint32_t h = 2166136261u;
	const char *parts[] = {dim, period, key};
	for (int i = 0; i < 3; i++) {
		for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
			h = (h ^ *p) * 16777619u;
		h = (h ^ 0x1f) * 16777619u; /* between the parts */
	}
	return h;
}

/* The row of (dim, period, key), made with n 0 when new; NULL out of memory. */
static pend_row *slot(struct stats_pend *p, const char *dim, const char *period, const char *key, uint32_t h);

static bool grow(struct stats_pend *p)
{
	struct stats_pend g = {.cap = p->cap ? 2 * p->cap : 64};
	if (!(g.v = calloc(g.cap, sizeof *g.v)))
		return false;
	for (size_t i = 0; i < p->cap; i++)
		if (p->v[i].used) {
			pend_row *r = slot(&g, p->v[i].dim, p->v[i].period, p->v[i].key, p->v[i].hash);
			r->n = p->v[i].n;
		}
	free(p->v);
	*p = g;
	return true;
}

static pend_row *slot(struct stats_pend *p, const char *dim, const char *period, const char *key, uint32_t h)
{
	if ((p->n + 1) * 2 > p->cap && !grow(p))
		return NULL;
	for (size_t i = h & (p->cap - 1);; i = (i + 1) & (p->cap - 1)) {
		pend_row *r = &p->v[i];
		if (!r->used) {
			r->used = true;
			r->hash = h;
			snprintf(r->dim, sizeof r->dim, "%s", dim);
			snprintf(r->period, sizeof r->period, "%s", period);
			snprintf(r->key, sizeof r->key, "%s", key);
			r->n = 0;
			p->n++;
			return r;
		}
		if (r->hash == h && !strcmp(r->dim, dim) && !strcmp(r->period, period) && !strcmp(r->key, key))
			return r;
	}
}

static void clear(struct stats_pend *p)
{
	if (p && p->n) {
		memset(p->v, 0, p->cap * sizeof *p->v);
		p->n = 0;
	}
}

bool store_stats_pend_add(lf_store *st, const char *dim, const char *period, const char *key, long long n)
{
	if (!n)
		return true;
	if (!st->stats_write && !(st->stats_write = calloc(1, sizeof *st->stats_write)))
		return false;
	pend_row *r = slot(st->stats_write, dim, period, key, hash_of(dim, period, key));
	if (!r)
		return false;
	r->n += n;
	return true;
}

bool store_stats_pend_keep(lf_store *st)
{
	struct stats_pend *w = st->stats_write;
	if (!w || !w->n)
		return true;
	if (!st->stats_batch && !(st->stats_batch = calloc(1, sizeof *st->stats_batch)))
		return false;
	for (size_t i = 0; i < w->cap; i++)
		if (w->v[i].used && w->v[i].n) {
			pend_row *r = slot(st->stats_batch, w->v[i].dim, w->v[i].period, w->v[i].key, w->v[i].hash);
			if (!r)
				return false;
			r->n += w->v[i].n;
		}
	clear(w);
	return true;
}

void store_stats_pend_drop(lf_store *st, bool all)
{
	clear(st->stats_write);
	if (all)
		clear(st->stats_batch);
}

void store_stats_pend_free(lf_store *st)
{
	struct stats_pend *p[] = {st->stats_write, st->stats_batch};
	for (int i = 0; i < 2; i++)
		if (p[i]) {
			free(p[i]->v);
			free(p[i]);
		}
	st->stats_write = st->stats_batch = NULL;
}

bool store_stats_pend_any(const lf_store *st)
{
	return (st->stats_write && st->stats_write->n) || (st->stats_batch && st->stats_batch->n);
}

/* In the order of the primary key: two batches committing at once lock
 * the rows they share in the same order. */
static int row_cmp(const void *a, const void *b)
{
	const pend_row *x = *(pend_row *const *)a, *y = *(pend_row *const *)b;
	int c = strcmp(x->dim, y->dim);
	if (!c)
		c = strcmp(x->period, y->period);
	return c ? c : strcmp(x->key, y->key);
}

lf_store_err store_stats_pend_flush(lf_store *st)
{
	if (!store_stats_pend_keep(st))
		return store_stats_oom(st);
	struct stats_pend *b = st->stats_batch;
	if (!b || !b->n)
		return LF_STORE_OK;
	pend_row **rows = malloc(b->n * sizeof *rows);
	if (!rows)
		return store_stats_oom(st);
	size_t n = 0;
	for (size_t i = 0; i < b->cap; i++)
		if (b->v[i].used && b->v[i].n)
			rows[n++] = &b->v[i];
	qsort(rows, n, sizeof *rows, row_cmp);
	lf_store_err e = LF_STORE_OK;
	for (size_t i = 0; e == LF_STORE_OK && i < n; i++)
		e = store_stats_add(st, rows[i]->dim, rows[i]->period, rows[i]->key, rows[i]->n);
	free(rows);
	if (e == LF_STORE_OK)
		clear(b);
	return e;
}
