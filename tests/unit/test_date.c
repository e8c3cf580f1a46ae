/* Calendar dates: validity, the accepted spellings, weekday, today, timestamps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "laifang/date.h"
#include "test_clock.h"

static void test_valid(void **state)
{
	(void)state;
	assert_true(lf_date_valid(2024, 2, 29));  /* leap year */
	assert_false(lf_date_valid(2023, 2, 29));
	assert_true(lf_date_valid(2000, 2, 29));  /* divisible by 400 */
	assert_false(lf_date_valid(1900, 2, 29)); /* divisible by 100, not 400 */
	assert_true(lf_date_valid(1900, 1, 1));
	assert_false(lf_date_valid(1899, 12, 31));
	assert_false(lf_date_valid(2024, 4, 31));
	assert_true(lf_date_valid(2024, 12, 31));
	assert_false(lf_date_valid(2024, 13, 1));
	assert_false(lf_date_valid(2024, 0, 1));
	assert_false(lf_date_valid(2024, 1, 0));
	assert_false(lf_date_valid(2024, 1, 32));
	assert_true(lf_date_valid(9999, 12, 31));
	assert_false(lf_date_valid(10000, 1, 1));
}

static void expect_parse(const char *s, int y, int m, int d)
{
	lf_date out = {0, 0, 0};
	if (!lf_date_parse(s, &out))
		fail_msg("did not parse \"%s\"", s);
	assert_int_equal(out.y, y);
	assert_int_equal(out.m, m);
	assert_int_equal(out.d, d);
}

static void test_parse_spellings(void **state)
{
	(void)state;
	expect_parse("2024-02-29", 2024, 2, 29);
	expect_parse("2024-2-9", 2024, 2, 9);
	expect_parse("2024/02/09", 2024, 2, 9);
	expect_parse("2024/2/9", 2024, 2, 9);
	expect_parse("2024.12.31", 2024, 12, 31);
	expect_parse("20240229", 2024, 2, 29);
	expect_parse("2024年2月29日", 2024, 2, 29);
	expect_parse("2026年11月23日", 2026, 11, 23);
	expect_parse("1949年10月01日", 1949, 10, 1);
}

static void test_parse_rejects(void **state)
{
	(void)state;
	const char *bad[] = {
		"", "2024", "24-02-09", "2024-02-09x", " 2024-02-09", "2024-2/9", "2024-002-09",
		"2024--02-09", "2024年2月9", "2024年2-9", "2024022", "202402290", "二〇二四年二月九日",
		"2024-02-", "abcd-ef-gh", "2024-02-09 10:00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lf_date out;
		if (lf_date_parse(bad[i], &out))
			fail_msg("parsed \"%s\"", bad[i]);
		/* Not a date shape: nothing comes back. */
		assert_int_equal(out.y, 0);
		assert_int_equal(out.m, 0);
	}
	assert_false(lf_date_parse(NULL, NULL));
}

static void test_parse_unreal_keeps_numbers(void **state)
{
	(void)state;
	lf_date out;
	assert_false(lf_date_parse("2023-02-29", &out));
	assert_int_equal(out.y, 2023);
	assert_int_equal(out.m, 2);
	assert_int_equal(out.d, 29);
	assert_false(lf_date_parse("2024年4月31日", &out));
	assert_int_equal(out.m, 4);
	assert_int_equal(out.d, 31);
	assert_false(lf_date_parse("19000229", &out));
	assert_int_equal(out.y, 1900);
}

static void test_format_cmp_weekday(void **state)
{
	(void)state;
	char buf[LF_DATE_LEN];
	lf_date_format((lf_date){2024, 2, 9}, buf);
	assert_string_equal(buf, "2024-02-09");
	lf_date_format((lf_date){1900, 12, 31}, buf);
	assert_string_equal(buf, "1900-12-31");

	assert_true(lf_date_cmp((lf_date){2024, 2, 29}, (lf_date){2024, 3, 1}) < 0);
	assert_true(lf_date_cmp((lf_date){2025, 1, 1}, (lf_date){2024, 12, 31}) > 0);
	assert_true(lf_date_cmp((lf_date){2024, 5, 2}, (lf_date){2024, 5, 1}) > 0);
	assert_int_equal(lf_date_cmp((lf_date){2024, 5, 1}, (lf_date){2024, 5, 1}), 0);

	assert_int_equal(lf_date_weekday((lf_date){2026, 11, 23}), 1); /* Monday */
	assert_int_equal(lf_date_weekday((lf_date){2024, 2, 29}), 4); /* Thursday */
	assert_int_equal(lf_date_weekday((lf_date){1900, 1, 1}), 1);
	assert_int_equal(lf_date_weekday((lf_date){2000, 1, 1}), 6);
	assert_int_equal(lf_date_weekday((lf_date){1949, 10, 1}), 6);
	assert_int_equal(lf_date_weekday((lf_date){9999, 12, 31}), 5);
}

static void test_today(void **state)
{
	(void)state;
	test_clock_day("2026-11-23");
	lf_date t = lf_date_today();
	assert_int_equal(t.y, 2026);
	assert_int_equal(t.m, 11);
	assert_int_equal(t.d, 23);

	test_clock_day("2024-02-29");
	t = lf_date_today();
	assert_int_equal(t.m, 2);
	assert_int_equal(t.d, 29);

	/* The environment never moves the clock. */
	setenv("LAIFANG_TODAY", "2001-01-01", 1);
	t = lf_date_today();
	assert_int_equal(t.y, 2024);
	char ts[LF_TIMESTAMP_LEN];
	lf_timestamp_now(ts, sizeof ts);
	assert_memory_equal(ts, "2024-02-29T", 11);
	unsetenv("LAIFANG_TODAY");

	/* A training date moves today's date, never the moment. */
	lf_date training = {2025, 6, 30};
	lf_date_set_training(&training);
	t = lf_date_today();
	assert_int_equal(t.y, 2025);
	assert_int_equal(t.m, 6);
	assert_int_equal(t.d, 30);
	lf_timestamp_now(ts, sizeof ts);
	assert_memory_equal(ts, "2024-02-29T", 11);
	lf_date_set_training(NULL);

	/* Back to the system clock. */
	lf_clock_set_for_tests(0);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	t = lf_date_today();
	assert_int_equal(t.y, tm.tm_year + 1900);
	assert_int_equal(t.m, tm.tm_mon + 1);
	assert_true(lf_date_valid(t.y, t.m, t.d));
	test_clock_day("2026-11-23");
}

static void check_shape(const char *ts)
{
	assert_int_equal(strlen(ts), LF_TIMESTAMP_LEN - 1);
	assert_int_equal(ts[4], '-');
	assert_int_equal(ts[10], 'T');
	assert_int_equal(ts[13], ':');
	assert_int_equal(ts[16], ':');
	assert_true(ts[19] == '+' || ts[19] == '-');
	assert_int_equal(ts[22], ':');
}

static void test_timestamp(void **state)
{
	(void)state;
	char ts[LF_TIMESTAMP_LEN];
	char *old_tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	setenv("TZ", "CST-8", 1); /* China Standard Time, no tzdata needed */
	tzset();
	/* Noon of the day in the zone the stamp is written in: noon of the
	 * runner's zone (America/Los_Angeles) is already the next day here. */
	test_clock_day("2026-11-23");
	lf_timestamp_now(ts, sizeof ts);
	check_shape(ts);
	assert_memory_equal(ts, "2026-11-23T", 11);
	assert_string_equal(ts + 19, "+08:00");

	setenv("TZ", "UTC0", 1);
	tzset();
	lf_timestamp_now(ts, sizeof ts);
	check_shape(ts);
	assert_string_equal(ts + 19, "+00:00");

	setenv("TZ", "NST3:30", 1); /* a half-hour zone west of Greenwich */
	tzset();
	lf_timestamp_now(ts, sizeof ts);
	check_shape(ts);
	assert_string_equal(ts + 19, "-03:30");

	/* Too small a buffer is cut, never overrun. */
	char small[8];
	memset(small, 'z', sizeof small);
	lf_timestamp_now(small, 5);
	assert_string_equal(small, "2026");
	assert_int_equal(small[5], 'z');

	if (old_tz) {
		setenv("TZ", old_tz, 1);
		free(old_tz);
	} else {
		unsetenv("TZ");
	}
	tzset();
	test_clock_day("2026-11-23");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_parse_spellings),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_unreal_keeps_numbers),
		cmocka_unit_test(test_format_cmp_weekday),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_timestamp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
