/* A PostgreSQL session under the driver (driver.c): the connection, its
 * errors as the interface's codes, and making it again after the server
 * dropped it. Private to src/store/pg. */
#ifndef LAIFANG_STORE_PG_SESSION_H
#define LAIFANG_STORE_PG_SESSION_H

#include "pg_driver.h"
#include "pg_prepared.h"

#include <stdbool.h>

#define PG_PLAN_UNKNOWN (-2)

typedef struct pg_db {
	sql_db base;
	PGconn *c;
	int errcode;
	int changes;
	char err[512];
	/* Outside a transaction at the last answer: a lost connection may be
	 * made again before the next statement (see pg_session_alive). */
	bool idle;
	bool gone; /* the last error said the server went away (SQLSTATE 08..., 57P..) */
	sql_pg_revive_fn revive; /* the store's own session set-up, again */
	void *revive_ud;
	bool reviving;
	pg_prepared *prepared; /* the statements seen, and those the server holds prepared */
	/* plan_cache_mode (SQL_PREPARE_GENERIC_PLAN): 1 force_generic_plan, 0
	 * the server's default. plan_session is the session's (set between
	 * transactions, so no rollback undoes it); plan_local, -1 or what SET
	 * LOCAL made it for the open transaction, PG_PLAN_UNKNOWN after a
	 * rollback to a savepoint (which may have undone it: set it again). */
	signed char plan_session, plan_local;
	unsigned cursors;      /* cursors declared in the session, to name the next */
} pg_db;

#define DB(d) ((pg_db *)(d))

/* The driver's table (driver.c): a connection of ours carries it. */
extern const sql_driver pg_driver;

/* Keep an error (code and message) on the connection; returns code. */
int pg_session_fail(pg_db *db, int code, const char *msg);
/* The code for a finished result (SQL_OK for success), its message kept. */
int pg_session_result(pg_db *db, const PGresult *r);
/* Note whether the last answer left the session outside a transaction. */
void pg_session_note_txn(pg_db *db);
/* Before a statement: the connection, made again if it was lost between
 * transactions (see session.c); SQL_OK or why not. */
int pg_session_alive(pg_db *db, const char *sql);
/* Before a statement: plan_cache_mode as the statement wants it (generic:
 * force_generic_plan; else the default), set only when it differs. */
int pg_session_plan_mode(pg_db *db, bool generic);

#endif
