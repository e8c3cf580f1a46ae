/* The SQL driver under the store: one small interface, shaped like SQLite's
 * prepare / bind / step / column, with two implementations: SQLite
 * (src/store/sqlite/driver.c) and PostgreSQL through libpq
 * (src/store/pg/driver.c). The store's modules speak SQL through it only;
 * what the two databases do differently lives in a driver or in a module
 * of the backend's own folder. Nothing outside src/store/ includes this.
 *
 * Statements are written once, in the SQL both databases accept, with
 * SQLite's parameters (?, ?N, :name); the PostgreSQL driver turns them into
 * $N. Result codes and column types are SQLite's numbers, so the SQLite
 * driver passes them through unchanged. */
#ifndef LAIFANG_STORE_SQL_H
#define LAIFANG_STORE_SQL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sql_db sql_db;
typedef struct sql_stmt sql_stmt;

enum {
	SQL_OK = 0,
	SQL_ERROR = 1,
	SQL_PERM = 3,
	SQL_BUSY = 5,
	SQL_LOCKED = 6,
	SQL_NOMEM = 7,
	SQL_READONLY = 8,
	SQL_IOERR = 10,
	SQL_CORRUPT = 11,
	SQL_NOTFOUND = 12,
	SQL_FULL = 13,
	SQL_CANTOPEN = 14,
	SQL_CONSTRAINT = 19,
	SQL_MISUSE = 21,
	SQL_AUTH = 23,
	SQL_RANGE = 25,
	SQL_NOTADB = 26,
	SQL_ROW = 100,
	SQL_DONE = 101,
	/* Extended codes the store tells apart. */
	SQL_CONSTRAINT_FOREIGNKEY = SQL_CONSTRAINT | (3 << 8),
	SQL_CONSTRAINT_PRIMARYKEY = SQL_CONSTRAINT | (6 << 8),
	SQL_CONSTRAINT_UNIQUE = SQL_CONSTRAINT | (8 << 8),
	SQL_IOERR_SHMSIZE = SQL_IOERR | (19 << 8),
};

/* A column's type in a row. */
enum { SQL_INTEGER = 1, SQL_FLOAT = 2, SQL_TEXT = 3, SQL_BLOB = 4, SQL_NULL = 5 };

/* Whether bound text must be copied (the caller's buffer goes away before
 * the statement runs) or may be referred to until the statement is reset. */
enum { SQL_STATIC = 0, SQL_TRANSIENT = 1 };

/* The statement is kept (the store's cache); a hint only. */
#define SQL_PREPARE_PERSISTENT 0x01u
/* A read whose rows grow with the office (the check's walks over the log
 * and every sealed table): PostgreSQL fetches them a batch at a time
 * through a cursor, in a transaction of its own when none is open, ended
 * when the rows run out or the statement is reset (pg/pg_cursor.h);
 * statements run between two rows run in that transaction. SQLite steps
 * rows one at a time anyway. */
#define SQL_PREPARE_STREAM 0x02u
/* A statement whose best plan depends on its values (the text search: a
 * word few cases hold is found through its index, a common one by walking
 * the newest rows): PostgreSQL plans it anew at every run, never keeping a
 * generic plan made without the values. SQLite plans at prepare anyway. */
#define SQL_PREPARE_CUSTOM_PLAN 0x04u
/* The opposite: a statement whose plan does not depend on its values (a
 * queue's page: one index range read in its order, up to the page's size).
 * PostgreSQL runs it with the plan made without values, planned once a
 * session (plan_cache_mode = force_generic_plan while it runs); left to
 * choose, PostgreSQL prices that plan by its guess that LIMIT $n wants a
 * tenth of the rows, finds it dearer than a plan for the values and plans
 * every run again (0.6 of a page's 1.0 ms at 100k cases). Its LIMIT is best
 * written in (store/queue.c). SQLite plans at prepare anyway. */
#define SQL_PREPARE_GENERIC_PLAN 0x08u

typedef enum sql_dialect { SQL_SQLITE, SQL_POSTGRES } sql_dialect;

/* What each driver provides. */
typedef struct sql_driver {
	sql_dialect dialect;
	int (*prepare)(sql_db *db, const char *sql, int n, unsigned flags, sql_stmt **out, const char **tail);
	int (*step)(sql_stmt *s);
	int (*reset)(sql_stmt *s);
	int (*clear_bindings)(sql_stmt *s);
	int (*finalize)(sql_stmt *s);
	bool (*busy)(sql_stmt *s);
	int (*bind_text)(sql_stmt *s, int i, const char *v, int n, int copy);
	int (*bind_blob)(sql_stmt *s, int i, const void *v, int n, int copy);
	int (*bind_int64)(sql_stmt *s, int i, long long v);
	int (*bind_double)(sql_stmt *s, int i, double v);
	int (*bind_null)(sql_stmt *s, int i);
	int (*param_index)(sql_stmt *s, const char *name);
	int (*param_count)(sql_stmt *s);
	int (*column_count)(sql_stmt *s);
	const char *(*column_name)(sql_stmt *s, int col);
	int (*column_type)(sql_stmt *s, int col);
	const unsigned char *(*column_text)(sql_stmt *s, int col);
	const void *(*column_blob)(sql_stmt *s, int col);
	int (*column_bytes)(sql_stmt *s, int col);
	long long (*column_int64)(sql_stmt *s, int col);
	double (*column_double)(sql_stmt *s, int col);
	int (*exec)(sql_db *db, const char *sql);
	int (*changes)(sql_db *db);
	bool (*autocommit)(sql_db *db);
	const char *(*errmsg)(sql_db *db);
	int (*errcode)(sql_db *db); /* the extended code of the last failure */
	int (*system_errno)(sql_db *db);
	bool (*readonly)(sql_db *db); /* opened for reading only */
	void (*close)(sql_db *db);
} sql_driver;

struct sql_db {
	const sql_driver *drv;
};

struct sql_stmt {
	sql_db *db;
};

static inline sql_dialect sql_dialect_of(const sql_db *db) { return db->drv->dialect; }

int sql_prepare_v2(sql_db *db, const char *sql, int n, sql_stmt **out, const char **tail);
int sql_prepare_v3(sql_db *db, const char *sql, int n, unsigned flags, sql_stmt **out, const char **tail);
int sql_step(sql_stmt *s);
int sql_reset(sql_stmt *s);
int sql_clear_bindings(sql_stmt *s);
int sql_finalize(sql_stmt *s); /* NULL is fine */
bool sql_stmt_busy(sql_stmt *s);
int sql_bind_text(sql_stmt *s, int i, const char *v, int n, int copy);
int sql_bind_blob(sql_stmt *s, int i, const void *v, int n, int copy);
int sql_bind_int(sql_stmt *s, int i, int v);
int sql_bind_int64(sql_stmt *s, int i, long long v);
int sql_bind_double(sql_stmt *s, int i, double v);
int sql_bind_null(sql_stmt *s, int i);
int sql_bind_parameter_index(sql_stmt *s, const char *name);
int sql_bind_parameter_count(sql_stmt *s);
/* Bind column col of src's current row, as it is, to parameter i of dst. */
int sql_bind_column(sql_stmt *dst, int i, sql_stmt *src, int col);
int sql_column_count(sql_stmt *s);
const char *sql_column_name(sql_stmt *s, int col);
int sql_column_type(sql_stmt *s, int col);
const unsigned char *sql_column_text(sql_stmt *s, int col);
const void *sql_column_blob(sql_stmt *s, int col);
int sql_column_bytes(sql_stmt *s, int col);
int sql_column_int(sql_stmt *s, int col);
long long sql_column_int64(sql_stmt *s, int col);
double sql_column_double(sql_stmt *s, int col);
/* Run statements without results (one or several, ';'-separated). */
int sql_exec(sql_db *db, const char *sql);
int sql_changes(sql_db *db);
bool sql_get_autocommit(sql_db *db);
const char *sql_errmsg(sql_db *db);
int sql_extended_errcode(sql_db *db);
int sql_system_errno(sql_db *db);
bool sql_readonly(sql_db *db);
void sql_close(sql_db *db); /* NULL is fine */

#endif
