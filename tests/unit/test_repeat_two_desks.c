/* 重复访 when two desks register the same person at once, on SQLite
 * (repeat_two_desks.h says what is proven). */
#include "caseflow_fixture.h"

static long long raw_count(const fixture *t, const char *sql)
{
	return sf_raw(t->db, sql, NULL, 0);
}

#include "repeat_two_desks.h"

int main(void)
{
	const struct CMUnitTest tests[] = {REPEAT_TWO_DESKS_TESTS(cf_setup, cf_teardown)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
