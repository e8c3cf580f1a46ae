/* The PostgreSQL driver (src/store/pg/driver.c) against a real server: the
 * store's statements, written with SQLite's parameters, run on PostgreSQL
 * with the same results and result codes. LAIFANG_PG_URL names a database
 * of a throwaway cluster (tests/pg/unit.sh starts one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/store/pg/pg_driver.h"

static sql_db *db;

static int setup(void **state)
{
	(void)state;
	const char *url = getenv("LAIFANG_PG_URL");
	if (!url || sql_pg_open(url, &db) != SQL_OK) {
		fprintf(stderr, "cannot connect to LAIFANG_PG_URL=%s: %s\n", url ? url : "(unset)",
		        db ? sql_errmsg(db) : "");
		return -1;
	}
	return sql_exec(db, "DROP TABLE IF EXISTS t; CREATE TABLE t (id bigint PRIMARY KEY, name text, "
	                    "score double precision, flag boolean, data bytea, note text)") == SQL_OK
	           ? 0
	           : -1;
}

static int teardown(void **state)
{
	(void)state;
	sql_close(db);
	return 0;
}

static sql_stmt *prep(const char *sql)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(db, sql, -1, &s, NULL);
	if (rc != SQL_OK)
		fail_msg("prepare %s: %d %s", sql, rc, sql_errmsg(db));
	return s;
}

/* ?N, :name and a bare ? in one statement; quotes, comments and casts left alone. */
static void test_parameters(void **state)
{
	(void)state;
	sql_stmt *s = prep("INSERT INTO t (id, name, score, note) VALUES (?1, :name, ?, "
	                   "'a ? and :x in a literal' || CAST(:name AS text)::text) -- :not_a_param\n");
	assert_int_equal(sql_bind_parameter_count(s), 3);
	assert_int_equal(sql_bind_parameter_index(s, "?1"), 1);
	assert_int_equal(sql_bind_parameter_index(s, ":name"), 2);
	assert_int_equal(sql_bind_parameter_index(s, ":x"), 0);
	assert_int_equal(sql_bind_parameter_index(s, ":not_a_param"), 0);
	assert_int_equal(sql_bind_int64(s, 1, 7), SQL_OK);
	assert_int_equal(sql_bind_text(s, 2, "王小红", -1, SQL_STATIC), SQL_OK);
	assert_int_equal(sql_bind_double(s, 3, 2.5), SQL_OK);
	assert_int_equal(sql_bind_int64(s, 4, 1), SQL_RANGE);
	assert_int_equal(sql_step(s), SQL_DONE);
	assert_int_equal(sql_changes(db), 1);
	sql_finalize(s);

	s = prep("SELECT id, name, score, note, flag, data FROM t WHERE id = :id AND name = :who");
	assert_int_equal(sql_bind_int64(s, sql_bind_parameter_index(s, ":id"), 7), SQL_OK);
	assert_int_equal(sql_bind_text(s, sql_bind_parameter_index(s, ":who"), "王小红", -1, SQL_TRANSIENT), SQL_OK);
	assert_int_equal(sql_step(s), SQL_ROW);
	assert_int_equal(sql_column_count(s), 6);
	assert_string_equal(sql_column_name(s, 1), "name");
	assert_int_equal(sql_column_type(s, 0), SQL_INTEGER);
	assert_int_equal(sql_column_int64(s, 0), 7);
	assert_int_equal(sql_column_type(s, 1), SQL_TEXT);
	assert_string_equal((const char *)sql_column_text(s, 1), "王小红");
	assert_int_equal(sql_column_bytes(s, 1), (int)strlen("王小红"));
	assert_int_equal(sql_column_type(s, 2), SQL_FLOAT);
	assert_true(sql_column_double(s, 2) == 2.5);
	assert_string_equal((const char *)sql_column_text(s, 3), "a ? and :x in a literal王小红");
	assert_int_equal(sql_column_type(s, 4), SQL_NULL);
	assert_null(sql_column_text(s, 4));
	assert_int_equal(sql_step(s), SQL_DONE);
	/* reset keeps the values, as SQLite does */
	assert_int_equal(sql_reset(s), SQL_OK);
	assert_int_equal(sql_step(s), SQL_ROW);
	assert_int_equal(sql_reset(s), SQL_OK);
	assert_int_equal(sql_clear_bindings(s), SQL_OK);
	assert_int_equal(sql_step(s), SQL_DONE); /* id = NULL finds nothing */
	sql_finalize(s);
}

static void test_types(void **state)
{
	(void)state;
	static const unsigned char bytes[] = {0, 1, 2, 0xff, '\\', 'x'};
	sql_stmt *s = prep("INSERT INTO t (id, flag, data) VALUES (?, ?, ?)");
	sql_bind_int64(s, 1, 9000000000LL);
	sql_bind_text(s, 2, "true", -1, SQL_STATIC);
	sql_bind_blob(s, 3, bytes, sizeof bytes, SQL_STATIC);
	assert_int_equal(sql_step(s), SQL_DONE);
	sql_finalize(s);
	s = prep("SELECT flag, data, id, count(*) OVER (), sum(id) OVER () FROM t WHERE id = ?");
	sql_bind_int64(s, 1, 9000000000LL);
	assert_int_equal(sql_step(s), SQL_ROW);
	assert_int_equal(sql_column_type(s, 0), SQL_INTEGER); /* a boolean reads as SQLite's 0/1 */
	assert_int_equal(sql_column_int(s, 0), 1);
	assert_string_equal((const char *)sql_column_text(s, 0), "1");
	assert_int_equal(sql_column_type(s, 1), SQL_BLOB);
	assert_int_equal(sql_column_bytes(s, 1), (int)sizeof bytes);
	assert_memory_equal(sql_column_blob(s, 1), bytes, sizeof bytes);
	assert_int_equal(sql_column_int64(s, 2), 9000000000LL);
	assert_int_equal(sql_column_int64(s, 3), 1);
	assert_int_equal(sql_column_type(s, 4), SQL_INTEGER); /* numeric without a fraction */
	assert_int_equal(sql_column_int64(s, 4), 9000000000LL);
	sql_finalize(s);
}

static void test_errors(void **state)
{
	(void)state;
	sql_stmt *s = prep("INSERT INTO t (id) VALUES (?)");
	sql_bind_int64(s, 1, 1);
	assert_int_equal(sql_step(s), SQL_DONE);
	sql_reset(s);
	assert_int_equal(sql_step(s), SQL_CONSTRAINT_UNIQUE);
	assert_int_equal(sql_extended_errcode(db), SQL_CONSTRAINT_UNIQUE);
	assert_non_null(strstr(sql_errmsg(db), "duplicate key"));
	sql_finalize(s);

	s = prep("SELECT no_such_column FROM t");
	int rc = sql_step(s);
	assert_int_equal(rc & 0xff, SQL_ERROR);
	assert_non_null(strstr(sql_errmsg(db), "no_such_column"));
	sql_finalize(s);

	/* A trigger's RAISE (the archive lock) is a constraint, as on SQLite. */
	assert_int_equal(sql_exec(db, "CREATE OR REPLACE FUNCTION t_refuse() RETURNS trigger LANGUAGE plpgsql AS "
	                              "$$BEGIN RAISE EXCEPTION 'refused by the lock'; END$$;"
	                              "CREATE OR REPLACE TRIGGER t_lock BEFORE DELETE ON t "
	                              "FOR EACH ROW EXECUTE FUNCTION t_refuse()"),
	                 SQL_OK);
	assert_int_equal(sql_exec(db, "DELETE FROM t WHERE id = 1") & 0xff, SQL_CONSTRAINT);
	assert_non_null(strstr(sql_errmsg(db), "refused by the lock"));
	assert_int_equal(sql_exec(db, "DROP TRIGGER t_lock ON t"), SQL_OK);

	sql_db *nowhere = NULL;
	assert_int_equal(sql_pg_open("postgresql:///nothing?host=/nonexistent-laifang", &nowhere), SQL_CANTOPEN);
	assert_true(strlen(sql_errmsg(nowhere)) > 0);
	sql_close(nowhere);
}

static void test_transactions(void **state)
{
	(void)state;
	assert_true(sql_get_autocommit(db));
	assert_int_equal(sql_exec(db, "BEGIN"), SQL_OK);
	assert_false(sql_get_autocommit(db));
	assert_int_equal(sql_exec(db, "INSERT INTO t (id) VALUES (42); SAVEPOINT lf_write"), SQL_OK);
	assert_int_equal(sql_exec(db, "INSERT INTO t (id) VALUES (42)") & 0xff, SQL_CONSTRAINT);
	assert_int_equal(sql_exec(db, "ROLLBACK TO lf_write; RELEASE lf_write"), SQL_OK);
	assert_int_equal(sql_exec(db, "ROLLBACK"), SQL_OK);
	assert_true(sql_get_autocommit(db));
	sql_stmt *s = prep("SELECT count(*) FROM t WHERE id = 42");
	assert_int_equal(sql_step(s), SQL_ROW);
	assert_int_equal(sql_column_int(s, 0), 0);
	sql_finalize(s);
	assert_int_equal(sql_exec(db, "DELETE FROM t WHERE id = 1"), SQL_OK);
	assert_int_equal(sql_changes(db), 1);
	/* UPDATE ... RETURNING counts its rows; a SELECT leaves the count. */
	assert_int_equal(sql_exec(db, "INSERT INTO t (id) VALUES (50), (51)"), SQL_OK);
	assert_int_equal(sql_changes(db), 2);
	s = prep("UPDATE t SET note = 'x' WHERE id IN (50, 51) RETURNING id");
	assert_int_equal(sql_step(s), SQL_ROW);
	assert_int_equal(sql_step(s), SQL_ROW);
	assert_int_equal(sql_step(s), SQL_DONE);
	sql_finalize(s);
	assert_int_equal(sql_changes(db), 2);
	s = prep("UPDATE t SET note = 'y' WHERE id = 999 RETURNING id");
	assert_int_equal(sql_step(s), SQL_DONE);
	sql_finalize(s);
	assert_int_equal(sql_changes(db), 0);
	assert_int_equal(sql_exec(db, "UPDATE t SET note = 'z' WHERE id = 50"), SQL_OK);
	s = prep("SELECT * FROM t");
	assert_int_equal(sql_step(s), SQL_ROW);
	sql_finalize(s);
	assert_int_equal(sql_changes(db), 1);
}

/* How many statements of this session the server holds prepared for a text. */
static long prepared_on_server(const char *like)
{
	sql_stmt *s = prep("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE ?1");
	sql_bind_text(s, 1, like, -1, SQL_TRANSIENT);
	assert_int_equal(sql_step(s), SQL_ROW);
	long n = (long)sql_column_int64(s, 0);
	sql_finalize(s);
	return n;
}

static long run_count_of(const char *sql, long id)
{
	sql_stmt *s = prep(sql);
	assert_int_equal(sql_bind_int64(s, 1, id), SQL_OK);
	int rc = sql_step(s);
	if (rc != SQL_ROW)
		fail_msg("%s: %d %s", sql, rc, sql_errmsg(db));
	long n = sql_column_count(s);
	sql_finalize(s);
	return n;
}

/* A statement run once is not prepared; from its second run the server
 * holds it by name, through a rollback, and a table changing shape under
 * it (DDL) neither breaks it nor leaves the old result shape. */
static void test_prepared_cache(void **state)
{
	(void)state;
	assert_int_equal(sql_exec(db, "DROP TABLE IF EXISTS shape; CREATE TABLE shape (id bigint, a text); "
	                              "INSERT INTO shape VALUES (1, 'x')"),
	                 SQL_OK);
	const char *q = "SELECT * FROM shape WHERE id = ?1";
	assert_int_equal(run_count_of(q, 1), 2);
	assert_int_equal(prepared_on_server("%FROM shape WHERE id%"), 0);
	assert_int_equal(run_count_of(q, 1), 2);
	assert_int_equal(prepared_on_server("%FROM shape WHERE id%"), 1);
	assert_int_equal(sql_exec(db, "BEGIN"), SQL_OK);
	assert_int_equal(run_count_of(q, 1), 2);
	assert_int_equal(sql_exec(db, "ROLLBACK"), SQL_OK);
	assert_int_equal(run_count_of(q, 1), 2);
	assert_int_equal(prepared_on_server("%FROM shape WHERE id%"), 1);
	assert_int_equal(sql_exec(db, "ALTER TABLE shape ADD COLUMN b text"), SQL_OK);
	assert_int_equal(run_count_of(q, 1), 3); /* run as a one-off, the new shape */
	assert_int_equal(run_count_of(q, 1), 3); /* prepared again */
	assert_int_equal(run_count_of(q, 1), 3);
	/* The same text with other parameter types is a statement of its own. */
	sql_stmt *s = prep(q);
	assert_int_equal(sql_bind_text(s, 1, "1", -1, SQL_TRANSIENT), SQL_OK);
	assert_int_equal(sql_step(s), SQL_ROW);
	sql_finalize(s);
	assert_int_equal(sql_exec(db, "DROP TABLE shape"), SQL_OK);
}

static long long one_value(const char *sql)
{
	sql_stmt *s = prep(sql);
	long long v = sql_step(s) == SQL_ROW ? sql_column_int64(s, 0) : -1;
	sql_finalize(s);
	return v;
}

static sql_stmt *prep_stream(const char *sql)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v3(db, sql, -1, SQL_PREPARE_STREAM, &s, NULL);
	if (rc != SQL_OK)
		fail_msg("prepare %s: %d %s", sql, rc, sql_errmsg(db));
	return s;
}

#define OPEN_CURSORS "SELECT count(*) FROM pg_cursors WHERE name LIKE 'lf_cur%'"

/* A streamed read (SQL_PREPARE_STREAM) comes a batch at a time through a
 * cursor: every row, in order, with other statements run between its
 * rows; its own transaction ends with its rows, a caller's is left open. */
static void test_streamed_reads(void **state)
{
	(void)state;
	setenv("LAIFANG_PG_FETCH", "3", 1);
	assert_int_equal(sql_exec(db, "DROP TABLE IF EXISTS seen; CREATE TABLE seen (n bigint)"), SQL_OK);
	sql_stmt *s = prep_stream("SELECT n, 'row ' || n FROM generate_series(1, ?1) n ORDER BY n");
	assert_int_equal(sql_bind_int64(s, 1, 10), SQL_OK);
	int n = 0;
	while (sql_step(s) == SQL_ROW) {
		n++;
		assert_int_equal(sql_column_int64(s, 0), n);
		char want[16];
		snprintf(want, sizeof want, "row %d", n);
		assert_string_equal((const char *)sql_column_text(s, 1), want);
	}
	sql_finalize(s);
	assert_int_equal(n, 10);

	/* The connection is free between rows: an insert for each row read. */
	s = prep_stream("SELECT n FROM generate_series(1, 10) n ORDER BY n");
	sql_stmt *ins = prep("INSERT INTO seen (n) VALUES (?1)");
	n = 0;
	while (sql_step(s) == SQL_ROW) {
		n++;
		if (n == 2) { /* a batch of three is all the client holds: the rest waits in a cursor */
			assert_int_equal(one_value(OPEN_CURSORS), 1);
			assert_false(sql_get_autocommit(db));
			assert_true(sql_stmt_busy(s));
		}
		assert_int_equal(sql_bind_int64(ins, 1, sql_column_int64(s, 0)), SQL_OK);
		assert_int_equal(sql_step(ins), SQL_DONE);
		sql_reset(ins);
	}
	assert_int_equal(n, 10);
	assert_true(sql_get_autocommit(db)); /* its own transaction committed with its last batch */
	assert_int_equal(one_value(OPEN_CURSORS), 0);
	sql_finalize(s);
	sql_finalize(ins);
	assert_int_equal(one_value("SELECT count(*) FROM seen"), 10);

	/* Reset before the end: the cursor closed, its transaction ended. */
	s = prep_stream("SELECT n FROM generate_series(1, 10) n");
	assert_int_equal(sql_step(s), SQL_ROW);
	sql_reset(s);
	assert_true(sql_get_autocommit(db));
	assert_int_equal(one_value(OPEN_CURSORS), 0);
	n = 0;
	while (sql_step(s) == SQL_ROW) /* and run again from the start */
		n++;
	assert_int_equal(n, 10);
	sql_finalize(s);

	/* In the caller's transaction: used, then left to the caller. */
	assert_int_equal(sql_exec(db, "BEGIN"), SQL_OK);
	s = prep_stream("SELECT n FROM seen ORDER BY n");
	for (n = 0; sql_step(s) == SQL_ROW; n++)
		;
	assert_int_equal(n, 10);
	sql_finalize(s);
	assert_false(sql_get_autocommit(db));
	assert_int_equal(sql_exec(db, "DELETE FROM seen; ROLLBACK"), SQL_OK);
	assert_int_equal(one_value("SELECT count(*) FROM seen"), 10);

	/* A statement that fails says so, and leaves no transaction open. */
	s = prep_stream("SELECT n FROM no_such_table");
	assert_int_equal(sql_step(s), SQL_ERROR);
	assert_non_null(strstr(sql_errmsg(db), "no_such_table"));
	sql_finalize(s);
	assert_true(sql_get_autocommit(db));
	/* Nor does one that fails in a later batch (the division by zero at row 5). */
	s = prep_stream("SELECT 10 / (5 - n) FROM generate_series(1, 10) n");
	n = 0;
	int rc;
	while ((rc = sql_step(s)) == SQL_ROW)
		n++;
	assert_int_equal(rc, SQL_ERROR);
	assert_in_range(n, 0, 4);
	sql_finalize(s);
	assert_true(sql_get_autocommit(db));
	assert_int_equal(sql_exec(db, "DROP TABLE seen"), SQL_OK);
	unsetenv("LAIFANG_PG_FETCH");
}

/* The plan mode a statement runs in (SQL_PREPARE_GENERIC_PLAN): the
 * server's setting as the statement sees it. */
static void mode_on(sql_db *d, unsigned flags, const char *want)
{
	sql_stmt *s = NULL;
	assert_int_equal(sql_prepare_v3(d, "SELECT current_setting('plan_cache_mode') WHERE ?1 = 1", -1, flags,
	                                &s, NULL),
	                 SQL_OK);
	assert_int_equal(sql_bind_int(s, 1, 1), SQL_OK);
	assert_int_equal(sql_step(s), SQL_ROW);
	assert_string_equal((const char *)sql_column_text(s, 0), want);
	sql_finalize(s);
}

static void mode_is(unsigned flags, const char *want)
{
	mode_on(db, flags, want);
}

/* A statement planned without its values runs with force_generic_plan, the
 * next with the server's default; set by the session or, in a transaction,
 * SET LOCAL; a rollback to a savepoint may undo a SET LOCAL, and the next
 * statement still runs in its own mode. */
static void test_plan_mode(void **state)
{
	(void)state;
	mode_is(SQL_PREPARE_GENERIC_PLAN, "force_generic_plan");
	mode_is(0, "auto");
	mode_is(SQL_PREPARE_GENERIC_PLAN, "force_generic_plan"); /* the session's, from here */
	assert_int_equal(sql_exec(db, "BEGIN; SAVEPOINT lf_write"), SQL_OK);
	mode_is(0, "auto"); /* SET LOCAL, after the savepoint */
	assert_int_equal(sql_exec(db, "ROLLBACK TO lf_write; RELEASE lf_write"), SQL_OK);
	mode_is(0, "auto"); /* the rollback undid it: set again */
	mode_is(SQL_PREPARE_GENERIC_PLAN, "force_generic_plan");
	assert_int_equal(sql_exec(db, "COMMIT"), SQL_OK);
	mode_is(SQL_PREPARE_GENERIC_PLAN, "force_generic_plan"); /* the session's again */
	mode_is(0, "auto");
}

/* An office's own plan_cache_mode (set for its database or role) is what
 * the other statements run with, in a transaction too: the driver goes
 * back to it, not to the server's built-in "auto". */
static void test_plan_mode_keeps_office_setting(void **state)
{
	(void)state;
	static const char set[] = "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = "
	                          "force_custom_plan', current_database()); END $$";
	static const char reset[] = "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET plan_cache_mode', "
	                            "current_database()); END $$";
	assert_int_equal(sql_exec(db, set), SQL_OK);
	sql_db *d = NULL;
	int rc = sql_pg_open(getenv("LAIFANG_PG_URL"), &d);
	assert_int_equal(sql_exec(db, reset), SQL_OK);
	assert_int_equal(rc, SQL_OK);
	mode_on(d, 0, "force_custom_plan");
	mode_on(d, SQL_PREPARE_GENERIC_PLAN, "force_generic_plan");
	mode_on(d, 0, "force_custom_plan"); /* RESET */
	mode_on(d, SQL_PREPARE_GENERIC_PLAN, "force_generic_plan");
	assert_int_equal(sql_exec(d, "BEGIN"), SQL_OK);
	mode_on(d, 0, "force_custom_plan"); /* SET LOCAL ... = DEFAULT */
	assert_int_equal(sql_exec(d, "COMMIT"), SQL_OK);
	sql_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_prepared_cache),
		cmocka_unit_test(test_streamed_reads),
		cmocka_unit_test(test_plan_mode),
		cmocka_unit_test(test_plan_mode_keeps_office_setting),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
