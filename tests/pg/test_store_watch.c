/* Whether another desk changed the PostgreSQL database (issue 14): two
 * handles on one database, LISTEN laifang_change and the statement
 * triggers underneath (watch_cases.h). LAIFANG_PG_URL names a database of
 * a throwaway cluster (tests/pg/unit.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "../../src/store/pg/pg_driver.h"

static const char *watch_db(void)
{
	return getenv("LAIFANG_PG_URL");
}

/* Another connection, as psql would. */
static void raw_touch(void)
{
	sql_db *db = NULL;
	if (sql_pg_open(watch_db(), &db) != SQL_OK || sql_exec(db, "UPDATE main.case_file SET case_no = case_no") != SQL_OK)
		fail_msg("raw update: %s", db ? sql_errmsg(db) : "");
	sql_close(db);
}

#include "../unit/watch_cases.h"

/* The number one query on another connection gives. */
static long long raw_count(const char *sql)
{
	sql_db *db = NULL;
	sql_stmt *s = NULL;
	long long n = -1;
	if (sql_pg_open(watch_db(), &db) == SQL_OK && sql_prepare_v2(db, sql, -1, &s, NULL) == SQL_OK &&
	    sql_step(s) == SQL_ROW)
		n = sql_column_int64(s, 0);
	else
		fail_msg("%s: %s", sql, db ? sql_errmsg(db) : "");
	sql_finalize(s);
	sql_close(db);
	return n;
}

#define NOTIFY_TRIGGERS                                                                    \
	"SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "           \
	"WHERE t.tgname = 'lf_notify' AND c.relnamespace = 'main'::regnamespace"

/* A database whose triggers went missing (made by a laifang before them,
 * or dropped) gets them again at the next open; a change to a table no
 * list reads (a setting) sends nothing. */
static void test_watch_triggers_made(void **state)
{
	(void)state;
	long long n = raw_count(NOTIFY_TRIGGERS);
	assert_true(n >= 10);
	lf_store_close(desk_b);
	sql_db *db = NULL;
	if (sql_pg_open(watch_db(), &db) != SQL_OK ||
	    sql_exec(db, "DROP TRIGGER lf_notify ON main.case_file; DROP TRIGGER lf_notify ON main.visitor") != SQL_OK)
		fail_msg("drop: %s", db ? sql_errmsg(db) : "");
	sql_close(db);
	assert_int_equal(raw_count(NOTIFY_TRIGGERS), n - 2);
	desk_b = wc_open();
	assert_int_equal(raw_count(NOTIFY_TRIGGERS), n);
	lf_store_changed_elsewhere(desk_a); /* the triggers made again */
	wc_save(desk_b, "周九", "440106198001010051");
	assert_true(wc_seen(desk_a));
	if (sql_pg_open(watch_db(), &db) != SQL_OK ||
	    sql_exec(db, "UPDATE main.setting SET value = value") != SQL_OK)
		fail_msg("setting: %s", db ? sql_errmsg(db) : "");
	sql_close(db);
	assert_true(wc_quiet(desk_a));
}

int main(void)
{
	if (!watch_db()) {
		fprintf(stderr, "LAIFANG_PG_URL is not set (tests/pg/unit.sh sets it)\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		WATCH_TESTS,
		cmocka_unit_test_setup_teardown(test_watch_triggers_made, wc_setup, wc_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
