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
/* A second connection to the server and database of like, with the same
 * parameters (libpq's PQconninfo: user, password, options), as sql_pg_open
 * makes one: laifang check's second thread. */
int sql_pg_open_like(sql_db *like, sql_db **out);
/* The libpq connection under db; NULL when it belongs to another driver. */
PGconn *sql_pg_handle(sql_db *db);
/* Whether a --db value names a PostgreSQL database (postgresql://...,
 * postgres://..., postgresql:...) rather than a SQLite file. */
bool sql_is_pg_conninfo(const char *s);
/* A connection the server dropped is made again before the next statement
 * outside a transaction; fn (SQL_OK or a code) then sets up what the
 * store keeps in a session (search_path, the seal's temporary table). */
typedef int (*sql_pg_revive_fn)(void *ud);
void sql_pg_on_reconnect(sql_db *db, sql_pg_revive_fn fn, void *ud);
/* Whether the connection is lost (the server does not answer). */
bool sql_pg_lost(sql_db *db);

#endif
