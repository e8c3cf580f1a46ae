/* laifang check runs SQLite's integrity check in a thread of its own
 * (src/store/sqlite/integrity_thread.c) while its other parts run: what that
 * check finds must still be reported, on a file whose index disagrees with
 * its table, and a clean file stays clean. An index is made to disagree
 * behind laifang's back by naming other columns for it in the schema: its
 * pages still hold the old keys, which SQLite's check compares with the
 * rows (the index, on the audit log's logins, is one no part of the check
 * reads by). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../../src/store/store_internal.h" /* the store's connection, for its caches */
#include "../../src/store/sqlite/sqlite_driver.h"
#include "laifang/store.h"
#include "store_fixture.h"
#include "test_clock.h"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
} fixture;

static int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t || sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "integrity") != 0)
		return -1;
	test_clock_day("2026-11-23");
	*state = t;
	return 0;
}

SF_TEARDOWN(teardown)

static lf_store *open_ok(const char *path)
{
	char msg[512] = "";
	lf_store_err err = LF_STORE_IO;
	lf_store *st = lf_store_open(path, &err, msg, sizeof msg);
	if (!st)
		fail_msg("open %s: %s", path, msg);
	return st;
}

static void save(lf_store *st, const char *name, const char *id_number)
{
	lf_registration r = {.receptionist = "wangfang", .received_on = "2026-11-20", .name = name, .sex = "女",
	                     .phone = "13812345678", .id_number = id_number, .address = "广州市越秀区府前路1号",
	                     .content = "反映拆迁补偿款未到位"};
	lf_saved_case c;
	if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(st));
}

static void test_index_disagrees(void **state)
{
	fixture *t = *state;
	char problems[16384];
	t->st = open_ok(t->db);
	save(t->st, "张三", "440104198501011234");
	save(t->st, "李四", "11010519491231002X");
	save(t->st, "王五", "320102199003154560");
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
	assert_string_equal(problems, "");
	lf_store_close(t->st);
	t->st = NULL;

	long long entries = sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0);
	assert_true(entries >= 3);
	assert_int_equal(sf_exec(t->db, "PRAGMA writable_schema = ON;"
	                                "UPDATE sqlite_schema SET sql = 'CREATE INDEX audit_log_login ON audit_log (at, seq)' "
	                                "WHERE name = 'audit_log_login';"),
	                 0);

	t->st = open_ok(t->db);
	int n = sf_check(t->st, problems, sizeof problems);
	/* Every entry's row is missing from the index as the schema now reads
	 * it; laifang's own schema check names the changed index too. */
	assert_true(n > 0);
	assert_non_null(strstr(problems, "SQLite's integrity check: "));
	assert_non_null(strstr(problems, "missing from index audit_log_login"));
	assert_non_null(strstr(problems, "audit_log_login"));
	/* Twice the same: the thread's lines are not lost or doubled. */
	char again[16384];
	assert_int_equal(sf_check(t->st, again, sizeof again), n);
	assert_string_equal(again, problems);
}

/* The derived tables are checked in the same thread, after the pragma: a
 * problem there and a failure there both reach the caller, the failure
 * naming the file as the caller named it. */
static void test_thread_reports_derived(void **state)
{
	fixture *t = *state;
	char problems[16384];
	t->st = open_ok(t->db);
	save(t->st, "张三", "440104198501011234");
	lf_store_close(t->st);
	t->st = NULL;
	/* A counter changed behind laifang's back: named by the thread. */
	assert_int_equal(sf_exec(t->db, "UPDATE stats_count SET n = n + 5 WHERE dim = 'channel'"), 0);
	t->st = open_ok(t->db);
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 1);
	assert_string_equal(problems, "The statistics counter channel visit of 2026-11 says 6, but the cases give 1.\n");
	lf_store_close(t->st);
	t->st = NULL;
	/* The counters' table gone: the thread's statement fails, and the
	 * check says so as its own error. */
	assert_int_equal(sf_exec(t->db, "DROP TABLE stats_count"), 0);
	t->st = open_ok(t->db);
	assert_int_equal(sf_check(t->st, problems, sizeof problems), -1);
	assert_non_null(strstr(lf_store_errmsg(t->st), "no such table: stats_count"));
	assert_non_null(strstr(lf_store_errmsg(t->st), t->db));
}

static int cache_kib(lf_store *st, const char *schema)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA %s.cache_size", schema);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(sql_sqlite_handle(st->db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The check's memory is bounded by its connections' caches, not by SQLite's
 * accounting, which is off (its one mutex was taken at every allocation of
 * both threads); the store's own caches are as they were after the check. */
static void test_caches_not_accounting(void **state)
{
	fixture *t = *state;
	char problems[4096];
	t->st = open_ok(t->db);
	save(t->st, "张三", "440104198501011234");
	assert_int_equal(sqlite3_memory_used(), 0); /* no accounting */
	assert_int_equal(sqlite3_exec(sql_sqlite_handle(t->st->db),
	                              "PRAGMA main.cache_size = -3000; PRAGMA temp.cache_size = -1500", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
	assert_int_equal(cache_kib(t->st, "main"), -3000);
	assert_int_equal(cache_kib(t->st, "temp"), -1500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_index_disagrees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thread_reports_derived, setup, teardown),
		cmocka_unit_test_setup_teardown(test_caches_not_accounting, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
