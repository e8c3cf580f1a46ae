/* The map of another system's export onto our field ids (issue 13,
 * import_map.h): its lines, its refusals, and the dates it reads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "laifang/import_map.h"

static void test_parse(void **state)
{
	(void)state;
	static const char text[] = "# the online system\n"
	                           "channel := 网上信访   # every row\n"
	                           "\n"
	                           "received_on = 登记时间 | date\n"
	                           "  name =  信访人姓名  \r\n"
	                           "content = 诉求内容";
	lf_import_map m;
	char why[512];
	assert_true(lf_import_map_parse(text, strlen(text), &m, why, sizeof why));
	assert_int_equal(m.n, 4);
	assert_string_equal(m.e[0].field, "channel");
	assert_null(m.e[0].source);
	assert_string_equal(m.e[0].constant, "网上信访");
	assert_string_equal(m.e[1].field, "received_on");
	assert_string_equal(m.e[1].source, "登记时间");
	assert_true(m.e[1].date);
	assert_string_equal(m.e[2].source, "信访人姓名");
	assert_false(m.e[2].date);
	assert_string_equal(m.e[3].source, "诉求内容");
	lf_import_map_free(&m);
	assert_int_equal(m.n, 0);
}

static void refused(const char *text, const char *why_has)
{
	lf_import_map m;
	char why[512] = "";
	assert_false(lf_import_map_parse(text, strlen(text), &m, why, sizeof why));
	if (!strstr(why, why_has))
		fail_msg("map [%s]: why [%s] lacks [%s]", text, why, why_has);
	assert_int_equal(m.n, 0);
}

static void test_refusals(void **state)
{
	(void)state;
	refused("name 信访人姓名\n", "line 1");
	refused("name = 姓名\n\nName = 姓名\n", "line 3: \"Name\" is not a field id");
	refused("name = 姓名\nname = 姓名2\n", "line 2: name is mapped twice");
	refused("received_on = 时间 | upper\n", "only \"date\"");
	refused("name =   \n", "the column is missing");
	refused("# nothing\n\n", "names no field");
}

static void test_day(void **state)
{
	(void)state;
	char d[11];
	static const char *const same[] = {"2026-11-20", "2026/11/20 10:31:00", "2026.11.20", "2026年11月20日",
	                                   "2026年11月20日 上午", "2026-11-20T10:31:00+08:00", " 2026/11/20"};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		memset(d, 0, sizeof d);
		if (!lf_import_map_day(same[i], d) || strcmp(d, "2026-11-20"))
			fail_msg("%s → [%s]", same[i], d);
	}
	assert_true(lf_import_map_day("2026/1/5", d));
	assert_string_equal(d, "2026-01-05");
	static const char *const bad[] = {"", "20261120", "2026-13-01", "2026-02-30", "26/11/20", "2026-11-200",
	                                  "2026-11-20x", "十一月二十日", NULL};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (lf_import_map_day(bad[i], d))
			fail_msg("%s read as a date", bad[i] ? bad[i] : "(null)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
