/* The PostgreSQL driver of src/store/sql.h (libpq), and the connection
 * beneath it for the modules of this folder. */
#ifndef LAIFANG_STORE_PG_DRIVER_H
#define LAIFANG_STORE_PG_DRIVER_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "../sql.h"

/* Connect with a libpq connection string or URI; *out is set even when it
 * fails (sql_errmsg says why; sql_close it). */
int sql_pg_open(const char *conninfo, sql_db **out);
/* The libpq connection under db; NULL when it belongs to another driver. */
PGconn *sql_pg_handle(sql_db *db);
/* Whether a --db value names a PostgreSQL database (postgresql://...,
 * postgres://..., postgresql:...) rather than a SQLite file. */
bool sql_is_pg_conninfo(const char *s);

#endif
