/* The SQLite driver of src/store/sql.h, and the raw handles beneath it for
 * the modules of this folder that use what only SQLite has (the FTS5
 * tokenizer, SQL functions, pragmas, temp triggers). */
#ifndef LAIFANG_STORE_SQLITE_DRIVER_H
#define LAIFANG_STORE_SQLITE_DRIVER_H

#include <sqlite3.h>

#include "../sql.h"

/* sqlite3_open_v2 behind the interface; *out is set even when it fails
 * (its error message says why; sql_close it). */
int sql_sqlite_open(const char *path, int flags, sql_db **out);
/* The SQLite connection or statement under db or s; NULL when they belong
 * to another driver. */
sqlite3 *sql_sqlite_handle(sql_db *db);
sqlite3_stmt *sql_sqlite_stmt(sql_stmt *s);
/* A statement prepared on a raw connection seen through the interface, to
 * bind it as the store binds its own (tests, the bench); free() the
 * wrapper, the statement stays the caller's. */
sql_stmt *sql_sqlite_borrow(sqlite3_stmt *h);

#endif
