/* The driver interface's calls (sql.h), each passed to the driver of the
 * connection it is made on. */
#include "sql.h"

#define DRV(s) ((s)->db->drv)
/* Like SQLite, a call on no statement is a misuse, not a crash. */
#define NO(s, v) \
	if (!(s)) \
	return v

int sql_prepare_v2(sql_db *db, const char *sql, int n, sql_stmt **out, const char **tail)
{
	return db->drv->prepare(db, sql, n, 0, out, tail);
}

int sql_prepare_v3(sql_db *db, const char *sql, int n, unsigned flags, sql_stmt **out, const char **tail)
{
	return db->drv->prepare(db, sql, n, flags, out, tail);
}

int sql_step(sql_stmt *s) { NO(s, SQL_MISUSE); return DRV(s)->step(s); }
int sql_reset(sql_stmt *s) { return s ? DRV(s)->reset(s) : SQL_OK; }
int sql_clear_bindings(sql_stmt *s) { NO(s, SQL_MISUSE); return DRV(s)->clear_bindings(s); }
int sql_finalize(sql_stmt *s) { return s ? DRV(s)->finalize(s) : SQL_OK; }
bool sql_stmt_busy(sql_stmt *s) { return s && DRV(s)->busy(s); }

int sql_bind_text(sql_stmt *s, int i, const char *v, int n, int copy)
{
	NO(s, SQL_MISUSE);
	return DRV(s)->bind_text(s, i, v, n, copy);
}

int sql_bind_blob(sql_stmt *s, int i, const void *v, int n, int copy)
{
	NO(s, SQL_MISUSE);
	return DRV(s)->bind_blob(s, i, v, n, copy);
}

int sql_bind_int(sql_stmt *s, int i, int v) { NO(s, SQL_MISUSE); return DRV(s)->bind_int64(s, i, v); }
int sql_bind_int64(sql_stmt *s, int i, long long v) { NO(s, SQL_MISUSE); return DRV(s)->bind_int64(s, i, v); }
int sql_bind_double(sql_stmt *s, int i, double v) { NO(s, SQL_MISUSE); return DRV(s)->bind_double(s, i, v); }
int sql_bind_null(sql_stmt *s, int i) { NO(s, SQL_MISUSE); return DRV(s)->bind_null(s, i); }
int sql_bind_parameter_index(sql_stmt *s, const char *name) { NO(s, 0); return DRV(s)->param_index(s, name); }
int sql_bind_parameter_count(sql_stmt *s) { NO(s, 0); return DRV(s)->param_count(s); }

int sql_bind_column(sql_stmt *dst, int i, sql_stmt *src, int col)
{
	switch (sql_column_type(src, col)) {
	case SQL_NULL: return sql_bind_null(dst, i);
	case SQL_INTEGER: return sql_bind_int64(dst, i, sql_column_int64(src, col));
	case SQL_FLOAT: return sql_bind_double(dst, i, sql_column_double(src, col));
	case SQL_BLOB: {
		/* The length first: PostgreSQL's driver unescapes the value for
		 * each, which leaves a pointer taken before dangling. */
		int n = sql_column_bytes(src, col);
		return sql_bind_blob(dst, i, sql_column_blob(src, col), n, SQL_TRANSIENT);
	}
	default: {
		const char *v = (const char *)sql_column_text(src, col);
		return sql_bind_text(dst, i, v, sql_column_bytes(src, col), SQL_TRANSIENT);
	}
	}
}

int sql_column_count(sql_stmt *s) { NO(s, 0); return DRV(s)->column_count(s); }
const char *sql_column_name(sql_stmt *s, int col) { NO(s, NULL); return DRV(s)->column_name(s, col); }
int sql_column_type(sql_stmt *s, int col) { NO(s, SQL_NULL); return DRV(s)->column_type(s, col); }
const unsigned char *sql_column_text(sql_stmt *s, int col) { NO(s, NULL); return DRV(s)->column_text(s, col); }
const void *sql_column_blob(sql_stmt *s, int col) { NO(s, NULL); return DRV(s)->column_blob(s, col); }
int sql_column_bytes(sql_stmt *s, int col) { NO(s, 0); return DRV(s)->column_bytes(s, col); }
int sql_column_int(sql_stmt *s, int col) { NO(s, 0); return (int)DRV(s)->column_int64(s, col); }
long long sql_column_int64(sql_stmt *s, int col) { NO(s, 0); return DRV(s)->column_int64(s, col); }
double sql_column_double(sql_stmt *s, int col) { NO(s, 0); return DRV(s)->column_double(s, col); }

int sql_exec(sql_db *db, const char *sql) { return db->drv->exec(db, sql); }
int sql_changes(sql_db *db) { return db->drv->changes(db); }
bool sql_get_autocommit(sql_db *db) { return db->drv->autocommit(db); }
const char *sql_errmsg(sql_db *db) { return db->drv->errmsg(db); }
int sql_extended_errcode(sql_db *db) { return db->drv->errcode(db); }
int sql_system_errno(sql_db *db) { return db->drv->system_errno(db); }
bool sql_readonly(sql_db *db) { return db && db->drv->readonly(db); }

void sql_close(sql_db *db)
{
	if (db)
		db->drv->close(db);
}
