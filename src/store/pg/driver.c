/* The SQL driver interface (src/store/sql.h) on PostgreSQL through libpq.
 *
 * A statement is written with SQLite's parameters (?, ?N, :name); prepare
 * turns them into $N, skipping literals, quoted names, comments and the
 * :: cast. Values are sent as text: text with no stated type (the server
 * infers it from where the parameter stands), integers as bigint, reals as
 * double precision. The first step runs the statement (PQexecParams; from
 * its second run in a session by name, prepared once: pg_prepared.h; one
 * prepared with SQL_PREPARE_STREAM through a cursor, a batch of rows at a
 * time: pg_cursor.h) and later steps walk its rows; reset forgets the
 * rows (and closes the cursor) and keeps the values, as SQLite does.
 * The connection itself, and errors mapped from SQLSTATE onto the
 * interface's codes, are session.c's (a unique violation is
 * SQL_CONSTRAINT_UNIQUE, a serialization failure or deadlock SQL_BUSY: the
 * store tries the write again). */
#include "pg_cursor.h"
#include "pg_params.h"
#include "pg_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Type OIDs (catalog/pg_type_d.h, stable across versions). */
enum {
	OID_BOOL = 16,
	OID_BYTEA = 17,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_OID = 26,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700,
};


typedef struct pg_stmt {
	sql_stmt base;
	pg_params p;    /* the statement with $N, and its parameters' names */
	char **values;  /* [nparams]: NULL is SQL NULL */
	int *lengths;
	Oid *types;
	PGresult *res;
	bool ran;
	bool stream;    /* SQL_PREPARE_STREAM: its rows a batch at a time (pg_cursor.h) */
	bool one_off;   /* SQL_PREPARE_CUSTOM_PLAN: never prepared by name on the server */
	bool generic;   /* SQL_PREPARE_GENERIC_PLAN: run with force_generic_plan */
	pg_cursor cur;  /* while a streamed read has rows left on the server */
	int row, nrows;
	unsigned char *blob; /* the last column_blob, unescaped */
	size_t blob_len;
} pg_stmt;

#define ST(s) ((pg_stmt *)(s))
#define PDB(s) DB((s)->db)

static void forget_rows(pg_stmt *s)
{
	if (s->cur.name) {
		pg_db *db = PDB(&s->base);
		bool own = s->cur.own_txn;
		pg_cursor_close(&s->cur, db->c);
		if (own && PQstatus(db->c) == CONNECTION_BAD)
			db->idle = true; /* its transaction is gone with the connection */
		pg_session_note_txn(db);
	}
	PQclear(s->res);
	s->res = NULL;
	s->ran = false;
	s->row = s->nrows = 0;
	free(s->blob);
	s->blob = NULL;
}

static int pg_finalize(sql_stmt *ss)
{
	pg_stmt *s = ST(ss);
	forget_rows(s);
	for (int i = 0; s->values && i < s->p.n; i++)
		free(s->values[i]);
	pg_params_free(&s->p);
	free(s->values);
	free(s->lengths);
	free(s->types);
	free(s);
	return SQL_OK;
}

static int pg_prepare(sql_db *db, const char *sql, int n, unsigned flags, sql_stmt **out, const char **tail)
{
	*out = NULL;
	size_t len = n < 0 ? strlen(sql) : (size_t)n;
	if (tail)
		*tail = sql + len;
	pg_stmt *s = calloc(1, sizeof *s);
	if (!s)
		return pg_session_fail(DB(db), SQL_NOMEM, "out of memory");
	s->base.db = db;
	s->stream = flags & SQL_PREPARE_STREAM;
	s->one_off = flags & SQL_PREPARE_CUSTOM_PLAN;
	s->generic = flags & SQL_PREPARE_GENERIC_PLAN;
	int rc = pg_params_convert(sql, len, &s->p);
	if (rc == SQL_OK) {
		s->values = calloc((size_t)s->p.n + 1, sizeof *s->values);
		s->lengths = calloc((size_t)s->p.n + 1, sizeof *s->lengths);
		s->types = calloc((size_t)s->p.n + 1, sizeof *s->types);
		if (!s->values || !s->lengths || !s->types)
			rc = SQL_NOMEM;
	}
	if (rc != SQL_OK) {
		pg_finalize(&s->base);
		return pg_session_fail(DB(db), rc, rc == SQL_NOMEM ? "out of memory" : "a parameter ?0 or beyond ?100000");
	}
	*out = &s->base;
	return SQL_OK;
}

static int pg_reset(sql_stmt *s)
{
	forget_rows(ST(s));
	return SQL_OK;
}

static int pg_clear_bindings(sql_stmt *ss)
{
	pg_stmt *s = ST(ss);
	for (int i = 0; i < s->p.n; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->types[i] = 0;
		s->lengths[i] = 0;
	}
	return SQL_OK;
}

static bool pg_busy(sql_stmt *s)
{
	return ST(s)->ran && (ST(s)->row < ST(s)->nrows || ST(s)->cur.name);
}

static int set_value(pg_stmt *s, int i, char *v, Oid type)
{
	if (i < 1 || i > s->p.n) {
		free(v);
		return SQL_RANGE;
	}
	free(s->values[i - 1]);
	s->values[i - 1] = v;
	s->types[i - 1] = type;
	return SQL_OK;
}

static int pg_bind_text(sql_stmt *s, int i, const char *v, int n, int copy)
{
	(void)copy; /* always copied: the statement runs at its first step */
	if (!v)
		return set_value(ST(s), i, NULL, 0);
	char *t = n < 0 ? strdup(v) : strndup(v, (size_t)n);
	return t ? set_value(ST(s), i, t, 0) : SQL_NOMEM;
}

static int pg_bind_blob(sql_stmt *ss, int i, const void *v, int n, int copy)
{
	(void)copy;
	pg_stmt *s = ST(ss);
	size_t len = 0;
	unsigned char *esc = PQescapeByteaConn(PDB(ss)->c, v, n > 0 ? (size_t)n : 0, &len);
	if (!esc)
		return SQL_NOMEM;
	char *t = strdup((const char *)esc);
	PQfreemem(esc);
	return t ? set_value(s, i, t, OID_BYTEA) : SQL_NOMEM;
}

static int pg_bind_int64(sql_stmt *s, int i, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	char *t = strdup(buf);
	return t ? set_value(ST(s), i, t, OID_INT8) : SQL_NOMEM;
}

static int pg_bind_double(sql_stmt *s, int i, double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.17g", v);
	char *t = strdup(buf);
	return t ? set_value(ST(s), i, t, OID_FLOAT8) : SQL_NOMEM;
}

static int pg_bind_null(sql_stmt *s, int i)
{
	return set_value(ST(s), i, NULL, 0);
}

static int pg_param_index(sql_stmt *ss, const char *name)
{
	pg_stmt *s = ST(ss);
	for (int i = 0; name && i < s->p.n; i++)
		if (s->p.names[i] && !strcmp(s->p.names[i], name))
			return i + 1;
	return 0;
}

static int pg_param_count(sql_stmt *s)
{
	return ST(s)->p.n;
}

/* ---- running and reading ----------------------------------------------------- */

/* Rows changed by the last INSERT, UPDATE, DELETE or MERGE (with or
 * without RETURNING), as sqlite3_changes counts them; other statements
 * leave the count as it was. */
static void note_changes(pg_db *db, const PGresult *r)
{
	const char *cmd = PQcmdStatus((PGresult *)r);
	if (!cmd || !(!strncmp(cmd, "INSERT", 6) || !strncmp(cmd, "UPDATE", 6) || !strncmp(cmd, "DELETE", 6) ||
	              !strncmp(cmd, "MERGE", 5)))
		return;
	const char *n = PQcmdTuples((PGresult *)r);
	db->changes = n && *n ? atoi(n) : 0;
}

/* The rows of a streamed read's next batch, the first of them current. */
static int next_batch(pg_stmt *s, pg_db *db)
{
	bool own = s->cur.own_txn;
	PQclear(s->res);
	s->res = pg_cursor_fetch(&s->cur, db->c);
	if (own && PQstatus(db->c) == CONNECTION_BAD)
		db->idle = true; /* its transaction is gone with the connection */
	pg_session_note_txn(db);
	s->row = s->nrows = 0;
	int rc = pg_session_result(db, s->res);
	if (rc != SQL_OK) {
		PQclear(s->res);
		s->res = NULL;
		return rc;
	}
	s->nrows = PQntuples(s->res);
	return s->nrows > 0 ? SQL_ROW : SQL_DONE;
}

static int pg_step(sql_stmt *ss)
{
	pg_stmt *s = ST(ss);
	pg_db *db = PDB(ss);
	if (!s->ran) {
		int alive_rc = pg_session_alive(db, NULL);
		/* Not for a cursor (planned for its values) nor a statement
		 * without parameters (one plan whatever the mode). */
		if (alive_rc == SQL_OK && !s->stream && (s->generic || s->p.n > 0))
			alive_rc = pg_session_plan_mode(db, s->generic);
		if (alive_rc != SQL_OK)
			return alive_rc;
		if (s->stream)
			s->res = pg_cursor_open(&s->cur, db->c, ++db->cursors, s->p.sql, s->p.n, s->types,
			                        (const char *const *)s->values);
		else
			s->res = pg_prepared_run(s->one_off ? NULL : db->prepared, db->c, s->p.sql, s->p.n, s->types,
			                         (const char *const *)s->values);
		s->ran = true;
		pg_session_note_txn(db);
		int rc = pg_session_result(db, s->res);
		if (rc != SQL_OK && getenv("LAIFANG_PG_DEBUG"))
			fprintf(stderr, "PGDEBUG %s\n  IN: %s\n", db->err, s->p.sql);
		if (rc != SQL_OK) {
			PQclear(s->res);
			s->res = NULL;
			return rc;
		}
		s->nrows = PQresultStatus(s->res) == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
		note_changes(db, s->res);
		s->row = -1;
	}
	free(s->blob);
	s->blob = NULL;
	if (s->row + 1 < s->nrows) {
		s->row++;
		return SQL_ROW;
	}
	if (s->cur.name) /* a streamed read: its next batch */
		return next_batch(s, db);
	s->row = s->nrows;
	return SQL_DONE;
}

static bool on_row(pg_stmt *s, int col)
{
	return s->res && s->row >= 0 && s->row < s->nrows && col >= 0 && col < PQnfields(s->res);
}

static int pg_column_count(sql_stmt *s)
{
	return ST(s)->res ? PQnfields(ST(s)->res) : 0;
}

static const char *pg_column_name(sql_stmt *s, int col)
{
	return ST(s)->res && col >= 0 && col < PQnfields(ST(s)->res) ? PQfname(ST(s)->res, col) : NULL;
}

static int pg_column_type(sql_stmt *ss, int col)
{
	pg_stmt *s = ST(ss);
	if (!on_row(s, col) || PQgetisnull(s->res, s->row, col))
		return SQL_NULL;
	switch (PQftype(s->res, col)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID: return SQL_INTEGER;
	case OID_FLOAT4:
	case OID_FLOAT8: return SQL_FLOAT;
	case OID_NUMERIC: return strchr(PQgetvalue(s->res, s->row, col), '.') ? SQL_FLOAT : SQL_INTEGER;
	case OID_BYTEA: return SQL_BLOB;
	default: return SQL_TEXT;
	}
}

static const unsigned char *pg_column_text(sql_stmt *ss, int col)
{
	pg_stmt *s = ST(ss);
	if (!on_row(s, col) || PQgetisnull(s->res, s->row, col))
		return NULL;
	if (PQftype(s->res, col) == OID_BOOL) /* as the integer SQLite would hold */
		return (const unsigned char *)(PQgetvalue(s->res, s->row, col)[0] == 't' ? "1" : "0");
	return (const unsigned char *)PQgetvalue(s->res, s->row, col);
}

static const void *pg_column_blob(sql_stmt *ss, int col)
{
	pg_stmt *s = ST(ss);
	if (!on_row(s, col) || PQgetisnull(s->res, s->row, col))
		return NULL;
	if (PQftype(s->res, col) != OID_BYTEA)
		return PQgetvalue(s->res, s->row, col);
	free(s->blob);
	s->blob = NULL;
	unsigned char *u = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, col), &s->blob_len);
	if (u && (s->blob = malloc(s->blob_len + 1))) {
		memcpy(s->blob, u, s->blob_len);
		s->blob[s->blob_len] = '\0';
	}
	PQfreemem(u);
	return s->blob;
}

static int pg_column_bytes(sql_stmt *ss, int col)
{
	pg_stmt *s = ST(ss);
	if (!on_row(s, col) || PQgetisnull(s->res, s->row, col))
		return 0;
	if (PQftype(s->res, col) == OID_BYTEA)
		return pg_column_blob(ss, col) ? (int)s->blob_len : 0;
	if (PQftype(s->res, col) == OID_BOOL)
		return 1;
	return PQgetlength(s->res, s->row, col);
}

static long long pg_column_int64(sql_stmt *s, int col)
{
	const char *v = (const char *)pg_column_text(s, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

static double pg_column_double(sql_stmt *s, int col)
{
	const char *v = (const char *)pg_column_text(s, col);
	return v ? strtod(v, NULL) : 0;
}

/* ---- the connection ------------------------------------------------------- */

static int pg_exec(sql_db *d, const char *sql)
{
	pg_db *db = DB(d);
	int rc = pg_session_alive(db, sql);
	if (rc != SQL_OK)
		return rc;
	/* The simple query protocol takes several statements in one string. */
	PGresult *r = PQexec(db->c, sql);
	pg_session_note_txn(db);
	/* A rollback to a savepoint may undo a SET LOCAL of plan_cache_mode
	 * made after it, or not: the next statement sets it again. */
	if (!strncmp(sql, "ROLLBACK TO", 11) && !db->idle)
		db->plan_local = PG_PLAN_UNKNOWN;
	rc = pg_session_result(db, r);
	if (rc != SQL_OK && getenv("LAIFANG_PG_DEBUG"))
		fprintf(stderr, "PGDEBUG %s\n  IN: %.300s\n", db->err, sql);
	if (rc == SQL_OK)
		note_changes(db, r);
	PQclear(r);
	return rc;
}

static int pg_changes(sql_db *db) { return DB(db)->changes; }

static bool pg_autocommit(sql_db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(DB(db)->c);
	return t == PQTRANS_UNKNOWN ? DB(db)->idle : t == PQTRANS_IDLE; /* unknown: the connection is lost */
}

static const char *pg_errmsg(sql_db *db) { return DB(db)->err[0] ? DB(db)->err : "not an error"; }
static int pg_errcode(sql_db *db) { return DB(db)->errcode; }
static int pg_system_errno(sql_db *db) { (void)db; return 0; }
/* A role without write rights finds out at its first write. */
static bool pg_readonly(sql_db *db) { (void)db; return false; }

static void pg_close(sql_db *d)
{
	pg_prepared_free(DB(d)->prepared);
	PQfinish(DB(d)->c);
	free(d);
}

const sql_driver pg_driver = {
	.dialect = SQL_POSTGRES,
	.prepare = pg_prepare,
	.step = pg_step,
	.reset = pg_reset,
	.clear_bindings = pg_clear_bindings,
	.finalize = pg_finalize,
	.busy = pg_busy,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_int64 = pg_bind_int64,
	.bind_double = pg_bind_double,
	.bind_null = pg_bind_null,
	.param_index = pg_param_index,
	.param_count = pg_param_count,
	.column_count = pg_column_count,
	.column_name = pg_column_name,
	.column_type = pg_column_type,
	.column_text = pg_column_text,
	.column_blob = pg_column_blob,
	.column_bytes = pg_column_bytes,
	.column_int64 = pg_column_int64,
	.column_double = pg_column_double,
	.exec = pg_exec,
	.changes = pg_changes,
	.autocommit = pg_autocommit,
	.errmsg = pg_errmsg,
	.errcode = pg_errcode,
	.system_errno = pg_system_errno,
	.readonly = pg_readonly,
	.close = pg_close,
};

