/* What the PostgreSQL tests (tests/pg/test_*.c) share: the database of the
 * throwaway cluster that tests/pg/unit.sh names in LAIFANG_PG_URL, a store
 * opened on it, a connection of the test's own (as psql would be), and the
 * first number a query answers. Include after cmocka.h. */
#ifndef LAIFANG_PG_FIXTURE_H
#define LAIFANG_PG_FIXTURE_H

#include <stdlib.h>

#include "laifang/store.h"
#include "../../src/store/pg/pg_driver.h"

static inline const char *pg_url(void)
{
	return getenv("LAIFANG_PG_URL");
}

/* The store on the test's database; fails the test when it cannot open. */
static inline lf_store *pg_open_store(void)
{
	char msg[512] = "";
	lf_store *st = lf_store_open(pg_url(), NULL, msg, sizeof msg);
	if (!st)
		fail_msg("open: %s", msg);
	return st;
}

/* A connection of the test's own; fails the test when it cannot connect. */
static inline sql_db *pg_connect(void)
{
	sql_db *db = NULL;
	if (sql_pg_open(pg_url(), &db) != SQL_OK)
		fail_msg("connect: %s", db ? sql_errmsg(db) : "");
	return db;
}

/* The first column of the first row sql answers on db (-1: no row). */
static inline long long pg_first(sql_db *db, const char *sql)
{
	sql_stmt *s = NULL;
	long long v = -1;
	if (sql_prepare_v2(db, sql, -1, &s, NULL) != SQL_OK)
		fail_msg("%s: %s", sql, sql_errmsg(db));
	if (sql_step(s) == SQL_ROW)
		v = sql_column_int64(s, 0);
	sql_finalize(s);
	return v;
}

#endif
