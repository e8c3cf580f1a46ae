/* The prepared-statement cache of a PostgreSQL connection (pg_prepared.h):
 * open addressing on the statement's text and parameter types. */
#include "pg_prepared.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 1024 /* a power of two */, MAX_USED = SLOTS * 3 / 4 };

struct pg_prepared {
	pg_prepared_entry slot[SLOTS];
	int used;
	unsigned last_name;
};

pg_prepared *pg_prepared_new(void)
{
	return calloc(1, sizeof(pg_prepared));
}

void pg_prepared_clear(pg_prepared *c)
{
	if (!c)
		return;
	for (int i = 0; i < SLOTS; i++) {
		free(c->slot[i].sql);
		free(c->slot[i].types);
	}
	memset(c->slot, 0, sizeof c->slot);
	c->used = 0; /* names keep counting: a name is never given twice in a session */
}

void pg_prepared_free(pg_prepared *c)
{
	pg_prepared_clear(c);
	free(c);
}

static uint64_t hash_of(const char *sql, const Oid *types, int n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	for (int i = 0; i < n; i++)
		h = (h ^ types[i]) * 1099511628211ull;
	return h;
}

static bool same(const pg_prepared_entry *e, const char *sql, const Oid *types, int n)
{
	return e->n == n && !strcmp(e->sql, sql) && (n == 0 || !memcmp(e->types, types, (size_t)n * sizeof *types));
}

pg_prepared_entry *pg_prepared_find(pg_prepared *c, const char *sql, const Oid *types, int n)
{
	if (!c || !sql)
		return NULL;
	size_t i = (size_t)hash_of(sql, types, n) & (SLOTS - 1);
	for (;; i = (i + 1) & (SLOTS - 1)) {
		pg_prepared_entry *e = &c->slot[i];
		if (!e->sql)
			break;
		if (same(e, sql, types, n))
			return e;
	}
	if (c->used >= MAX_USED)
		return NULL;
	pg_prepared_entry *e = &c->slot[i];
	e->sql = strdup(sql);
	e->types = malloc((size_t)(n > 0 ? n : 1) * sizeof *types);
	if (!e->sql || !e->types) {
		free(e->sql);
		free(e->types);
		memset(e, 0, sizeof *e);
		return NULL;
	}
	if (n > 0)
		memcpy(e->types, types, (size_t)n * sizeof *types);
	e->n = n;
	e->runs = 0;
	e->name = 0;
	c->used++;
	return e;
}

unsigned pg_prepared_next_name(pg_prepared *c)
{
	return ++c->last_name;
}

int pg_prepared_count(const pg_prepared *c)
{
	int k = 0;
	for (int i = 0; c && i < SLOTS; i++)
		k += c->slot[i].sql && c->slot[i].name;
	return k;
}
