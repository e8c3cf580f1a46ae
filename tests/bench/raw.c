/* The raw side of every measure: the store's own statements run on a
 * connection of the database's own client, as sqlite3 or psql would run
 * them, with nothing of laifang between. SQLite: sqlite3_prepare_v2 on the
 * same text (with laifang's search functions registered, as the sqlite3
 * shell would load an extension). PostgreSQL: libpq's PQexecParams on the
 * same text with SQLite's parameters written as $N (the driver's own
 * conversion, which is text only) and the values sent as the driver sends
 * them: text untyped, integers as bigint, reals as double precision. */
#include "bench.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/store/pg/pg_internal.h"
#include "../../src/store/pg/pg_params.h"
#include "../../src/store/search_internal.h"
#include "../../src/store/sqlite/sqlite_internal.h"

struct raw_stmt;

typedef struct binder {
	sql_stmt base;
	struct raw_stmt *owner;
} binder;

typedef struct binder_db {
	sql_db base;
} binder_db;

struct raw_stmt {
	raw_db *r;
	char *sql;
	sqlite3_stmt *h; /* SQLite */
	pg_params p;     /* PostgreSQL */
	int n;
	bench_val *v;
	binder b;
};

struct raw_db {
	bool pg;
	sqlite3 *lite;
	PGconn *c;
	raw_stmt **stmts;
	size_t n, cap;
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		fail("raw", "out of memory");
	return p;
}

raw_db *raw_open(const bench_db *db)
{
	raw_db *r = xcalloc(1, sizeof *r);
	r->pg = !strcmp(db->backend, "pg");
	if (r->pg) {
		r->c = PQconnectdb(db->target);
		if (PQstatus(r->c) != CONNECTION_OK)
			fail("raw: connect", PQerrorMessage(r->c));
		raw_exec(r, "SET client_encoding = 'UTF8'; SET search_path = main");
		/* The seal's triggers write the rows they see here, as the
		 * store's session has it (src/store/pg/seal_pg.c). */
		raw_exec(r, STORE_PG_WRITTEN_SQL);
	} else {
		if (sqlite3_open_v2(db->target, &r->lite, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		    store_search_register(r->lite) != SQLITE_OK)
			fail("raw: open", sqlite3_errmsg(r->lite));
		sqlite3_busy_timeout(r->lite, 5000);
		/* The list of rows written that the store reads back at a write
		 * (src/store/sqlite/seal_rows.c); its triggers are the store's own. */
		raw_exec(r, "CREATE TEMP TABLE IF NOT EXISTS lf_written (tbl TEXT NOT NULL, k1, k2)");
	}
	return r;
}

static void stmt_free(raw_stmt *s)
{
	for (int k = 0; k < s->n; k++)
		free(s->v[k].t);
	free(s->v);
	free(s->sql);
	sqlite3_finalize(s->h);
	pg_params_free(&s->p);
	free(s);
}

void raw_close(raw_db *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		stmt_free(r->stmts[i]);
	free(r->stmts);
	if (r->pg)
		PQfinish(r->c);
	else
		sqlite3_close(r->lite);
	free(r);
}

void raw_exec(raw_db *r, const char *sql)
{
	if (r->pg) {
		PGresult *res = PQexec(r->c, sql);
		ExecStatusType st = PQresultStatus(res);
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
			fail(sql, PQresultErrorMessage(res));
		PQclear(res);
	} else if (sqlite3_exec(r->lite, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fail(sql, sqlite3_errmsg(r->lite));
	}
}

/* ---- the binder: the driver interface's binds onto a raw statement ------------- */

#define OWNER(s) (((binder *)(s))->owner)

static int b_text(sql_stmt *s, int i, const char *v, int n, int copy)
{
	(void)copy;
	bench_val x = {.type = v ? SQL_TEXT : SQL_NULL, .t = (char *)v, .len = v ? (n < 0 ? (int)strlen(v) : n) : 0};
	raw_bind(OWNER(s), i, &x);
	return SQL_OK;
}

static int b_blob(sql_stmt *s, int i, const void *v, int n, int copy)
{
	(void)copy;
	bench_val x = {.type = SQL_BLOB, .t = (char *)(v ? v : ""), .len = v ? n : 0};
	raw_bind(OWNER(s), i, &x);
	return SQL_OK;
}

static int b_int64(sql_stmt *s, int i, long long v)
{
	bench_val x = {.type = SQL_INTEGER, .i = v};
	raw_bind(OWNER(s), i, &x);
	return SQL_OK;
}

static int b_double(sql_stmt *s, int i, double v)
{
	bench_val x = {.type = SQL_FLOAT, .d = v};
	raw_bind(OWNER(s), i, &x);
	return SQL_OK;
}

static int b_null(sql_stmt *s, int i)
{
	bench_val x = {.type = SQL_NULL};
	raw_bind(OWNER(s), i, &x);
	return SQL_OK;
}

static int b_index(sql_stmt *s, const char *name)
{
	return raw_param(OWNER(s), name);
}

static int b_count(sql_stmt *s)
{
	return OWNER(s)->n;
}

static int b_misuse(sql_stmt *s)
{
	(void)s;
	return SQL_MISUSE;
}

static const sql_driver binder_driver = {
	.bind_text = b_text,
	.bind_blob = b_blob,
	.bind_int64 = b_int64,
	.bind_double = b_double,
	.bind_null = b_null,
	.param_index = b_index,
	.param_count = b_count,
	.step = b_misuse,
	.reset = b_misuse,
	.clear_bindings = b_misuse,
	.finalize = b_misuse,
};
static binder_db binder_conn = {{&binder_driver}};

sql_stmt *raw_binder(raw_stmt *s)
{
	return &s->b.base;
}

/* ---- statements -------------------------------------------------------------------- */

raw_stmt *raw_prepare(raw_db *r, const char *sql)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->stmts[i]->sql, sql))
			return r->stmts[i];
	raw_stmt *s = xcalloc(1, sizeof *s);
	s->r = r;
	s->sql = strdup(sql);
	if (r->pg) {
		if (pg_params_convert(sql, strlen(sql), &s->p) != SQL_OK)
			fail("raw: parameters", sql);
		s->n = s->p.n;
	} else {
		if (sqlite3_prepare_v2(r->lite, sql, -1, &s->h, NULL) != SQLITE_OK)
			fail(sql, sqlite3_errmsg(r->lite));
		s->n = sqlite3_bind_parameter_count(s->h);
	}
	s->v = xcalloc((size_t)s->n + 1, sizeof *s->v);
	for (int k = 0; k < s->n; k++)
		s->v[k].type = SQL_NULL;
	s->b = (binder){{&binder_conn.base}, s};
	if (r->n == r->cap) {
		r->stmts = realloc(r->stmts, (r->cap = r->cap ? 2 * r->cap : 32) * sizeof *r->stmts);
		if (!r->stmts)
			fail("raw", "out of memory");
	}
	r->stmts[r->n++] = s;
	return s;
}

void raw_bind(raw_stmt *s, int i, const bench_val *v)
{
	if (i < 1 || i > s->n)
		return;
	bench_val *d = &s->v[i - 1];
	free(d->t);
	*d = *v;
	d->t = NULL;
	if (v->type == SQL_TEXT || v->type == SQL_BLOB) {
		d->t = malloc((size_t)v->len + 1);
		if (!d->t)
			fail("raw", "out of memory");
		memcpy(d->t, v->t, (size_t)v->len);
		d->t[v->len] = '\0';
	}
}

int raw_param(raw_stmt *s, const char *name)
{
	if (!s->r->pg)
		return sqlite3_bind_parameter_index(s->h, name);
	for (int i = 0; i < s->p.n; i++)
		if (s->p.names[i] && !strcmp(s->p.names[i], name))
			return i + 1;
	return 0;
}

void raw_text(raw_stmt *s, const char *name, const char *v)
{
	bench_val x = {.type = SQL_TEXT, .t = (char *)v, .len = (int)strlen(v)};
	raw_bind(s, raw_param(s, name), &x);
}

void raw_int(raw_stmt *s, const char *name, long long v)
{
	bench_val x = {.type = SQL_INTEGER, .i = v};
	raw_bind(s, raw_param(s, name), &x);
}

static long run_lite(raw_stmt *s, long long *first)
{
	sqlite3_stmt *h = s->h;
	for (int k = 0; k < s->n; k++) {
		const bench_val *v = &s->v[k];
		switch (v->type) {
		case SQL_TEXT: sqlite3_bind_text(h, k + 1, v->t, v->len, SQLITE_STATIC); break;
		case SQL_BLOB: sqlite3_bind_blob(h, k + 1, v->t, v->len, SQLITE_STATIC); break;
		case SQL_INTEGER: sqlite3_bind_int64(h, k + 1, v->i); break;
		case SQL_FLOAT: sqlite3_bind_double(h, k + 1, v->d); break;
		default: sqlite3_bind_null(h, k + 1);
		}
	}
	long rows = 0;
	int rc;
	while ((rc = sqlite3_step(h)) == SQLITE_ROW) {
		if (!rows && first)
			*first = sqlite3_column_int64(h, 0);
		for (int c = sqlite3_column_count(h); c-- > 0;)
			(void)sqlite3_column_text(h, c);
		rows++;
	}
	if (rc != SQLITE_DONE)
		fail(s->sql, sqlite3_errmsg(s->r->lite));
	sqlite3_reset(h);
	return rows;
}

static long run_pg(raw_stmt *s, long long *first)
{
	enum { MAXP = 64 };
	const char *values[MAXP];
	int lengths[MAXP], formats[MAXP];
	Oid types[MAXP];
	char nums[MAXP][32];
	unsigned char *esc[MAXP] = {0};
	if (s->n > MAXP)
		fail(s->sql, "too many parameters");
	for (int k = 0; k < s->n; k++) {
		const bench_val *v = &s->v[k];
		lengths[k] = formats[k] = 0;
		types[k] = 0;
		values[k] = NULL;
		switch (v->type) {
		case SQL_TEXT: values[k] = v->t; break;
		case SQL_INTEGER:
			snprintf(nums[k], sizeof nums[k], "%lld", v->i);
			values[k] = nums[k], types[k] = 20;
			break;
		case SQL_FLOAT:
			snprintf(nums[k], sizeof nums[k], "%.17g", v->d);
			values[k] = nums[k], types[k] = 701;
			break;
		case SQL_BLOB: {
			size_t len;
			esc[k] = PQescapeByteaConn(s->r->c, (const unsigned char *)v->t, (size_t)v->len, &len);
			values[k] = (const char *)esc[k], types[k] = 17;
			break;
		}
		default: break;
		}
	}
	PGresult *res = PQexecParams(s->r->c, s->p.sql, s->n, types, values, lengths, formats, 0);
	for (int k = 0; k < s->n; k++)
		PQfreemem(esc[k]);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		fail(s->p.sql, PQresultErrorMessage(res));
	long rows = st == PGRES_TUPLES_OK ? PQntuples(res) : 0;
	int cols = PQnfields(res);
	for (long i = 0; i < rows; i++)
		for (int c = 0; c < cols; c++)
			(void)PQgetvalue(res, (int)i, c);
	if (first && rows > 0)
		*first = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return rows;
}

long raw_run(raw_stmt *s, long long *first)
{
	return s->r->pg ? run_pg(s, first) : run_lite(s, first);
}

long long raw_value(raw_db *r, const char *sql)
{
	long long v = -1;
	raw_run(raw_prepare(r, sql), &v);
	return v;
}

long raw_replay(raw_db *r, const bench_trace *t)
{
	long rows = 0;
	for (size_t i = 0; i < t->n; i++) {
		const bench_run *run = &t->runs[i];
		if (run->exec) {
			raw_exec(r, run->sql);
			continue;
		}
		raw_stmt *s = raw_prepare(r, run->sql);
		if (run->n < s->n) { /* parameters never bound are NULL */
			bench_val null = {.type = SQL_NULL};
			for (int k = 0; k < s->n; k++)
				raw_bind(s, k + 1, k < run->n ? &run->v[k] : &null);
			rows = raw_run(s, NULL);
			continue;
		}
		bench_val *own = s->v; /* the recorded values, read in place */
		s->v = run->v;
		rows = raw_run(s, NULL);
		s->v = own;
	}
	return rows;
}

/* ---- copies of the SQLite office -------------------------------------------------- */

/* A copy of the SQLite office to write on (the backup API: consistent
 * even with a WAL beside it). */
bool bench_copy_office(const char *from, const char *to)
{
	sqlite3 *src = NULL, *dst = NULL;
	bool ok = false;
	unlink(to);
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_open(to, &dst) == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
		ok = b && sqlite3_backup_step(b, -1) == SQLITE_DONE;
		ok = sqlite3_backup_finish(b) == SQLITE_OK && ok;
		/* The office's journal mode, as laifang sets it. */
		ok = ok && sqlite3_exec(dst, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) == SQLITE_OK;
	}
	if (!ok)
		fprintf(stderr, "bench: copying the office: %s\n", dst ? sqlite3_errmsg(dst) : "open failed");
	sqlite3_close(src);
	sqlite3_close(dst);
	return ok;
}

void bench_remove_db(const char *path)
{
	char side[4300];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}
