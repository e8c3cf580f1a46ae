/* The prepared-statement cache of a PostgreSQL connection (pg_prepared.h):
 * open addressing on the statement's text and parameter types. */
#include "pg_prepared.h"

#include <stdint.h>
#include <stdio.h>
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

static unsigned next_name(pg_prepared *c)
{
	return ++c->last_name;
}


/* A run by name of the statement prepared as lf_<name>. */
static PGresult *run_named(PGconn *conn, unsigned name, int n, const char *const *values)
{
	char id[24];
	snprintf(id, sizeof id, "lf_%u", name);
	return PQexecPrepared(conn, id, n, values, NULL, NULL, 0);
}

static bool plan_changed(const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	return state && !strcmp(state, "0A000"); /* "cached plan must not change result type" */
}

PGresult *pg_prepared_run(pg_prepared *c, PGconn *conn, const char *sql, int n, const Oid *types,
                          const char *const *values)
{
	pg_prepared_entry *e = pg_prepared_find(c, sql, types, n);
	if (e && !e->name && e->runs >= 1) {
		unsigned name = next_name(c);
		char id[24];
		snprintf(id, sizeof id, "lf_%u", name);
		PGresult *r = PQprepare(conn, id, sql, n, types);
		if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
			return r; /* the statement's own error, as running it would have said */
		PQclear(r);
		e->name = name;
	}
	if (e)
		e->runs++;
	if (!e || !e->name)
		return PQexecParams(conn, sql, n, types, values, NULL, NULL, 0);
	bool in_txn = PQtransactionStatus(conn) != PQTRANS_IDLE;
	PGresult *r = run_named(conn, e->name, n, values);
	if (plan_changed(r)) {
		/* A table under it changed shape (DDL since it was prepared): prepare
		 * it again next time; outside a transaction run it now as a one-off. */
		e->name = 0;
		if (!in_txn) {
			PQclear(r);
			r = PQexecParams(conn, sql, n, types, values, NULL, NULL, 0);
		}
	}
	return r;
}
