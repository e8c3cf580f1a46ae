/* laifang.conf's lines (src/core/config_text.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "laifang/config_text.h"

static void test_found_with_spaces_and_comments(void **state)
{
	(void)state;
	char v[128];
	const char *text = "# the office's server\n"
	                   "  database =  postgresql:///laifang?host=/run/pg  \r\n"
	                   "other = 1\n";
	assert_true(lf_config_text_find(text, "database", v, sizeof v));
	assert_string_equal(v, "postgresql:///laifang?host=/run/pg");
	assert_true(lf_config_text_find(text, "other", v, sizeof v));
	assert_string_equal(v, "1");
}

static void test_absent_commented_or_empty(void **state)
{
	(void)state;
	char v[64] = "unchanged";
	assert_false(lf_config_text_find("# database = x\n", "database", v, sizeof v));
	assert_false(lf_config_text_find("database =\n", "database", v, sizeof v));
	assert_false(lf_config_text_find("databases = x\n", "database", v, sizeof v));
	assert_false(lf_config_text_find("database x\n", "database", v, sizeof v));
	assert_false(lf_config_text_find("", "database", v, sizeof v));
}

static void test_last_line_wins_and_too_long_refused(void **state)
{
	(void)state;
	char v[8];
	assert_true(lf_config_text_find("database = a.db\ndatabase = b.db", "database", v, sizeof v));
	assert_string_equal(v, "b.db");
	/* A value that does not fit is not cut to another database's name. */
	assert_false(lf_config_text_find("database = /a/very/long/path.db\n", "database", v, sizeof v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found_with_spaces_and_comments),
		cmocka_unit_test(test_absent_commented_or_empty),
		cmocka_unit_test(test_last_line_wins_and_too_long_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
