/* The SQL driver interface (src/store/sql.h) on SQLite: each call passed
 * straight to SQLite, whose result codes and column types the interface
 * shares. */
#include "sqlite_driver.h"

#include <pthread.h>
#include <stdlib.h>

_Static_assert(SQL_CONSTRAINT_UNIQUE == SQLITE_CONSTRAINT_UNIQUE, "result codes are SQLite's");
_Static_assert(SQL_CONSTRAINT_FOREIGNKEY == SQLITE_CONSTRAINT_FOREIGNKEY, "result codes are SQLite's");
_Static_assert(SQL_CONSTRAINT_PRIMARYKEY == SQLITE_CONSTRAINT_PRIMARYKEY, "result codes are SQLite's");
_Static_assert(SQL_IOERR_SHMSIZE == SQLITE_IOERR_SHMSIZE, "result codes are SQLite's");
_Static_assert(SQL_NOTADB == SQLITE_NOTADB && SQL_RANGE == SQLITE_RANGE && SQL_DONE == SQLITE_DONE,
               "result codes are SQLite's");
_Static_assert(SQL_NULL == SQLITE_NULL && SQL_BLOB == SQLITE_BLOB && SQL_TEXT == SQLITE3_TEXT,
               "column types are SQLite's");

typedef struct lite_db {
	sql_db base;
	sqlite3 *h;
} lite_db;

typedef struct lite_stmt {
	sql_stmt base;
	sqlite3_stmt *h;
} lite_stmt;

#define DB(d) (((lite_db *)(d))->h)
#define ST(s) (((lite_stmt *)(s))->h)
#define DESTRUCTOR(copy) ((copy) ? SQLITE_TRANSIENT : SQLITE_STATIC)

static int lite_prepare(sql_db *db, const char *sql, int n, unsigned flags, sql_stmt **out, const char **tail)
{
	*out = NULL;
	sqlite3_stmt *h = NULL;
	int rc = sqlite3_prepare_v3(DB(db), sql, n, flags & SQL_PREPARE_PERSISTENT ? SQLITE_PREPARE_PERSISTENT : 0,
	                            &h, tail);
	if (rc != SQLITE_OK || !h) /* an error, or only a comment */
		return rc;
	lite_stmt *s = malloc(sizeof *s);
	if (!s) {
		sqlite3_finalize(h);
		return SQLITE_NOMEM;
	}
	s->base.db = db;
	s->h = h;
	*out = &s->base;
	return SQLITE_OK;
}

static int lite_finalize(sql_stmt *s)
{
	int rc = sqlite3_finalize(ST(s));
	free(s);
	return rc;
}

static int lite_step(sql_stmt *s) { return sqlite3_step(ST(s)); }
static int lite_reset(sql_stmt *s) { return sqlite3_reset(ST(s)); }
static int lite_clear_bindings(sql_stmt *s) { return sqlite3_clear_bindings(ST(s)); }
static bool lite_busy(sql_stmt *s) { return sqlite3_stmt_busy(ST(s)) != 0; }

static int lite_bind_text(sql_stmt *s, int i, const char *v, int n, int copy)
{
	return sqlite3_bind_text(ST(s), i, v, n, DESTRUCTOR(copy));
}

static int lite_bind_blob(sql_stmt *s, int i, const void *v, int n, int copy)
{
	return sqlite3_bind_blob(ST(s), i, v, n, DESTRUCTOR(copy));
}

static int lite_bind_int64(sql_stmt *s, int i, long long v) { return sqlite3_bind_int64(ST(s), i, v); }
static int lite_bind_double(sql_stmt *s, int i, double v) { return sqlite3_bind_double(ST(s), i, v); }
static int lite_bind_null(sql_stmt *s, int i) { return sqlite3_bind_null(ST(s), i); }
static int lite_param_index(sql_stmt *s, const char *n) { return sqlite3_bind_parameter_index(ST(s), n); }
static int lite_param_count(sql_stmt *s) { return sqlite3_bind_parameter_count(ST(s)); }
static int lite_column_count(sql_stmt *s) { return sqlite3_column_count(ST(s)); }
static const char *lite_column_name(sql_stmt *s, int c) { return sqlite3_column_name(ST(s), c); }
static int lite_column_type(sql_stmt *s, int c) { return sqlite3_column_type(ST(s), c); }
static const unsigned char *lite_column_text(sql_stmt *s, int c) { return sqlite3_column_text(ST(s), c); }
static const void *lite_column_blob(sql_stmt *s, int c) { return sqlite3_column_blob(ST(s), c); }
static int lite_column_bytes(sql_stmt *s, int c) { return sqlite3_column_bytes(ST(s), c); }
static long long lite_column_int64(sql_stmt *s, int c) { return sqlite3_column_int64(ST(s), c); }
static double lite_column_double(sql_stmt *s, int c) { return sqlite3_column_double(ST(s), c); }

static int lite_exec(sql_db *db, const char *sql) { return sqlite3_exec(DB(db), sql, NULL, NULL, NULL); }
static int lite_changes(sql_db *db) { return sqlite3_changes(DB(db)); }
static bool lite_autocommit(sql_db *db) { return sqlite3_get_autocommit(DB(db)) != 0; }
static const char *lite_errmsg(sql_db *db) { return sqlite3_errmsg(DB(db)); }
static int lite_errcode(sql_db *db) { return sqlite3_extended_errcode(DB(db)); }
static int lite_system_errno(sql_db *db) { return sqlite3_system_errno(DB(db)); }
static bool lite_readonly(sql_db *db) { return sqlite3_db_readonly(DB(db), "main") == 1; }

static void lite_close(sql_db *db)
{
	sqlite3_close_v2(DB(db));
	free(db);
}

static const sql_driver lite_driver = {
	.dialect = SQL_SQLITE,
	.prepare = lite_prepare,
	.step = lite_step,
	.reset = lite_reset,
	.clear_bindings = lite_clear_bindings,
	.finalize = lite_finalize,
	.busy = lite_busy,
	.bind_text = lite_bind_text,
	.bind_blob = lite_bind_blob,
	.bind_int64 = lite_bind_int64,
	.bind_double = lite_bind_double,
	.bind_null = lite_bind_null,
	.param_index = lite_param_index,
	.param_count = lite_param_count,
	.column_count = lite_column_count,
	.column_name = lite_column_name,
	.column_type = lite_column_type,
	.column_text = lite_column_text,
	.column_blob = lite_column_blob,
	.column_bytes = lite_column_bytes,
	.column_int64 = lite_column_int64,
	.column_double = lite_column_double,
	.exec = lite_exec,
	.changes = lite_changes,
	.autocommit = lite_autocommit,
	.errmsg = lite_errmsg,
	.errcode = lite_errcode,
	.system_errno = lite_system_errno,
	.readonly = lite_readonly,
	.close = lite_close,
};

/* Before SQLite's first use in the process: no memory accounting. It took
 * one process-wide mutex at every allocation and free (a sixth of laifang
 * check's CPU, its two threads contending for it), and laifang reads none
 * of its figures; a connection's memory is bounded by its cache_size. */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int sql_sqlite_open(const char *path, int flags, sql_db **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure);
	*out = NULL;
	lite_db *db = calloc(1, sizeof *db);
	if (!db)
		return SQLITE_NOMEM;
	db->base.drv = &lite_driver;
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	*out = &db->base; /* even on failure: the handle says why */
	return rc;
}

sqlite3 *sql_sqlite_handle(sql_db *db)
{
	return db && db->drv == &lite_driver ? DB(db) : NULL;
}

sqlite3_stmt *sql_sqlite_stmt(sql_stmt *s)
{
	return s && s->db->drv == &lite_driver ? ST(s) : NULL;
}

/* A connection that only lends its driver to borrowed statements. */
static lite_db lender = {{&lite_driver}, NULL};

sql_stmt *sql_sqlite_borrow(sqlite3_stmt *h)
{
	lite_stmt *s = malloc(sizeof *s);
	if (!s)
		return NULL;
	s->base.db = &lender.base;
	s->h = h;
	return &s->base;
}
