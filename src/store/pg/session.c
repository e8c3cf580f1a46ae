/* A PostgreSQL session (pg_session.h): connecting, once or like another
 * connection, the settings every session starts with, errors mapped from
 * SQLSTATE onto the interface's codes, and a connection the server dropped
 * made again between transactions. The statements are driver.c's. */
#include "pg_session.h"
#include "pg_sqlstate.h"

#include "laifang/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pg_session_fail(pg_db *db, int code, const char *msg)
{
	db->errcode = code;
	snprintf(db->err, sizeof db->err, "%s", msg && *msg ? msg : "PostgreSQL error");
	size_t n = strlen(db->err);
	while (n && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
		db->err[--n] = '\0';
	return code;
}

/* The code for a finished result (SQL_OK for success), its message kept. */
int pg_session_result(pg_db *db, const PGresult *r)
{
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
		db->gone = false;
		db->errcode = SQL_OK;
		db->err[0] = '\0';
		return SQL_OK;
	}
	if (!r || PQstatus(db->c) == CONNECTION_BAD) { /* the server went away: no SQLSTATE */
		db->gone = PQstatus(db->c) == CONNECTION_BAD;
		return pg_session_fail(db, PQstatus(db->c) == CONNECTION_OK ? SQL_NOMEM : SQL_IOERR,
		                       r ? PQresultErrorMessage(r) : PQerrorMessage(db->c));
	}
	const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	db->gone = state && (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3));
	return pg_session_fail(db, pg_sqlstate_code(state), primary ? primary : PQresultErrorMessage(r));
}

void pg_session_note_txn(pg_db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(db->c);
	if (t != PQTRANS_UNKNOWN)
		db->idle = t == PQTRANS_IDLE;
	if (db->idle)
		db->plan_local = -1; /* SET LOCAL ended with its transaction */
}

int pg_session_plan_mode(pg_db *db, bool generic)
{
	int want = generic ? 1 : 0;
	PGTransactionStatusType t = PQtransactionStatus(db->c);
	bool in_txn = t == PQTRANS_INTRANS;
	if (t != PQTRANS_IDLE && !in_txn)
		return SQL_OK; /* a failed transaction or a lost connection: the statement says why */
	int now = in_txn && db->plan_local != -1 ? db->plan_local : db->plan_session;
	if (now == want)
		return SQL_OK; /* PG_PLAN_UNKNOWN never is */
	const char *sql = want ? (in_txn ? "SET LOCAL plan_cache_mode = force_generic_plan"
	                                 : "SET plan_cache_mode = force_generic_plan")
	                       : (in_txn ? "SET LOCAL plan_cache_mode = DEFAULT" : "RESET plan_cache_mode");
	PGresult *r = PQexec(db->c, sql);
	int rc = pg_session_result(db, r);
	PQclear(r);
	if (rc != SQL_OK)
		return rc;
	if (in_txn)
		db->plan_local = (signed char)want;
	else
		db->plan_session = (signed char)want;
	return SQL_OK;
}

static int session_setup(pg_db *db)
{
	/* Text as SQLite holds it, times as the store writes them (its own
	 * ISO 8601 text): nothing depends on the server's settings. A cursor
	 * (pg_cursor.h) is always read to its end: planned for all its rows,
	 * not for the first tenth (the default fraction). */
	PGresult *r = PQexec(db->c, "SET client_encoding = 'UTF8'; SET standard_conforming_strings = on; "
	                            "SET cursor_tuple_fraction = 1");
	int rc = pg_session_result(db, r);
	PQclear(r);
	return rc;
}

static bool is_rollback(const char *sql)
{
	return sql && (!strcmp(sql, "ROLLBACK") || !strcmp(sql, "ROLLBACK;"));
}

/* Before a statement: a connection the server dropped (killed, restarted,
 * the network down) is made again, but only between transactions: a
 * transaction cut short is lost with its connection, so every statement
 * of it fails until the caller's ROLLBACK ends it. Then the next one
 * connects again (or says the server still does not answer). */
int pg_session_alive(pg_db *db, const char *sql)
{
	if (PQstatus(db->c) != CONNECTION_BAD)
		return SQL_OK;
	if (!db->idle) {
		if (is_rollback(sql))
			db->idle = true;
		db->gone = true;
		return pg_session_fail(db, SQL_IOERR, "the connection to the server was lost");
	}
	PQreset(db->c);
	pg_prepared_clear(db->prepared); /* a new session holds none of them */
	if (PQstatus(db->c) != CONNECTION_OK) {
		db->gone = true;
		return pg_session_fail(db, SQL_IOERR, PQerrorMessage(db->c));
	}
	db->idle = true;
	db->plan_session = 0; /* a new session: the server's default */
	db->plan_local = -1;
	int rc = session_setup(db);
	if (rc == SQL_OK && db->revive && !db->reviving) {
		db->reviving = true;
		rc = db->revive(db->revive_ud);
		db->reviving = false;
	}
	return rc;
}

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message; /* NOTICEs (IF NOT EXISTS...) are not for the clerk's screen */
}

/* A connection just asked for: ready for the store, or why not. */
static int connected(pg_db *db)
{
	if (!db->c)
		return pg_session_fail(db, SQL_NOMEM, "out of memory");
	if (PQstatus(db->c) != CONNECTION_OK)
		return pg_session_fail(db, SQL_CANTOPEN, PQerrorMessage(db->c));
	/* The schema's covering indexes need 11 (INCLUDE), the plan mode a
	 * queue page runs under 12 (plan_cache_mode). */
	int version = PQserverVersion(db->c);
	if (version < 120000) {
		char m[160];
		/* 150004 is 15.4; before 10, 90624 was 9.6.24; 0: not told. */
		if (version >= 100000)
			snprintf(m, sizeof m, "laifang needs PostgreSQL 12 or later; this server is version %d.%d",
			         version / 10000, version % 10000);
		else if (version > 0)
			snprintf(m, sizeof m, "laifang needs PostgreSQL 12 or later; this server is version %d.%d.%d",
			         version / 10000, version / 100 % 100, version % 100);
		else
			snprintf(m, sizeof m, "laifang needs PostgreSQL 12 or later; this server did not say its version");
		return pg_session_fail(db, SQL_CANTOPEN, m);
	}
	PQsetNoticeProcessor(db->c, quiet, NULL);
	db->idle = true;
	db->plan_session = 0;
	db->plan_local = -1;
	return session_setup(db);
}

int sql_pg_open(const char *conninfo, sql_db **out)
{
	*out = NULL;
	pg_db *db = calloc(1, sizeof *db);
	if (!db)
		return SQL_NOMEM;
	db->base.drv = &pg_driver;
	*out = &db->base; /* even on failure: its message says why */
	db->prepared = pg_prepared_new(); /* NULL (memory short): every statement runs as a one-off */
	db->c = PQconnectdb(conninfo);
	return connected(db);
}

int sql_pg_open_like(sql_db *like, sql_db **out)
{
	*out = NULL;
	PGconn *c = sql_pg_handle(like);
	PQconninfoOption *opts = c ? PQconninfo(c) : NULL;
	if (!opts)
		return SQL_NOMEM;
	size_t n = 0;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		n++;
	const char **keys = calloc(n + 1, sizeof *keys), **values = calloc(n + 1, sizeof *values);
	pg_db *db = calloc(1, sizeof *db);
	if (!keys || !values || !db) {
		free(keys);
		free(values);
		free(db);
		PQconninfoFree(opts);
		return SQL_NOMEM;
	}
	size_t k = 0;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (o->val && *o->val) {
			keys[k] = o->keyword;
			values[k++] = o->val;
		}
	db->base.drv = &pg_driver;
	*out = &db->base; /* even on failure: its message says why */
	db->prepared = pg_prepared_new();
	db->c = PQconnectdbParams(keys, values, 0);
	free(keys);
	free(values);
	PQconninfoFree(opts);
	return connected(db);
}

void sql_pg_on_reconnect(sql_db *db, sql_pg_revive_fn fn, void *ud)
{
	if (db && db->drv == &pg_driver) {
		DB(db)->revive = fn;
		DB(db)->revive_ud = ud;
	}
}

bool sql_pg_lost(sql_db *db)
{
	return db && db->drv == &pg_driver && (PQstatus(DB(db)->c) == CONNECTION_BAD || DB(db)->gone);
}

PGconn *sql_pg_handle(sql_db *db)
{
	return db && db->drv == &pg_driver ? DB(db)->c : NULL;
}

bool sql_is_pg_conninfo(const char *s)
{
	return lf_path_is_server_db(s);
}
