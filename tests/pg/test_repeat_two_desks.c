/* 重复访 when two desks register the same person at once, on PostgreSQL
 * (tests/unit/repeat_two_desks.h says what is proven): there the second
 * save waits on the person's row until the first commits, then counts. */
#include "../unit/caseflow_fixture.h"
#include "pg_fixture.h"

static long long raw_count(const fixture *t, const char *sql)
{
	(void)t;
	sql_db *db = pg_connect();
	if (sql_exec(db, "SET search_path = main") != SQL_OK)
		fail_msg("search_path: %s", sql_errmsg(db));
	long long n = pg_first(db, sql);
	sql_close(db);
	return n;
}

#include "../unit/repeat_two_desks.h"

/* The test's database (both tests share it); clerk zhang once. */
static int pg_setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t || snprintf(t->db, sizeof t->db, "%s", pg_url() ? pg_url() : "") >= (int)sizeof t->db)
		return -1;
	char msg[512];
	if (!(t->st = lf_store_open(t->db, NULL, msg, sizeof msg)))
		return -1;
	lf_store_err e = lf_store_user_add(t->st, "zhang", "张三", NULL, NULL, LF_ROLE_CLERK, "x", NULL);
	if (e != LF_STORE_OK && e != LF_STORE_CONFLICT)
		return -1;
	*state = t;
	return 0;
}

static int pg_teardown(void **state)
{
	fixture *t = *state;
	lf_store_close(t->st);
	free(t);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {REPEAT_TWO_DESKS_TESTS(pg_setup, pg_teardown)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
