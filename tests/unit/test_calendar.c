/* The working-day calendar: the built-in State Council arrangements, terms
 * in calendar days and in working days at holiday boundaries, make-up
 * working days, loading a file, and the date arithmetic under it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/calendar.h"
#include "laifang/date.h"
#include "laifang/deadline.h"

static lf_date D(const char *s)
{
	lf_date d;
	if (!lf_date_parse(s, &d))
		fail_msg("bad date in test: %s", s);
	return d;
}

static void expect_date(lf_date got, const char *want)
{
	char buf[LF_DATE_LEN];
	lf_date_format(got, buf);
	if (strcmp(buf, want))
		fail_msg("expected %s, got %s", want, buf);
}

/* Every day from 1900 to 2100 survives the trip to a day number and back,
 * and consecutive days are one apart: checked against lf_date_valid, not
 * against the same arithmetic. */
static void test_day_numbers(void **state)
{
	(void)state;
	long prev = lf_date_days((lf_date){1899, 12, 31});
	int checked = 0;
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				if (!lf_date_valid(y, m, d))
					continue;
				lf_date x = {y, m, d};
				long n = lf_date_days(x);
				assert_int_equal(n, prev + 1);
				lf_date back = lf_date_from_days(n);
				assert_int_equal(back.y, y);
				assert_int_equal(back.m, m);
				assert_int_equal(back.d, d);
				prev = n;
				checked++;
			}
	assert_int_equal(checked, 73414); /* 201 years, 49 of them leap years */
	expect_date(lf_date_add(D("2024-02-28"), 1), "2024-02-29");
	expect_date(lf_date_add(D("2023-02-28"), 1), "2023-03-01");
	expect_date(lf_date_add(D("2026-01-01"), -1), "2025-12-31");
	expect_date(lf_date_add(D("2026-11-23"), 60), "2027-01-22");
}

/* The 2024 Spring Festival: 02-10 to 02-17 off; Sunday 02-04 and Sunday
 * 02-18 worked. */
static void test_spring_festival_2024(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	assert_non_null(cal);
	const char *name = NULL;
	assert_int_equal(lf_calendar_kind(cal, D("2024-02-04"), &name), LF_DAY_WORKDAY);
	assert_string_equal(name, "春节");
	assert_int_equal(lf_date_weekday(D("2024-02-04")), 0); /* a Sunday, yet worked */
	assert_true(lf_calendar_is_workday(cal, D("2024-02-04")));
	assert_true(lf_calendar_is_workday(cal, D("2024-02-09")));
	for (int d = 10; d <= 17; d++)
		assert_false(lf_calendar_is_workday(cal, (lf_date){2024, 2, d}));
	assert_true(lf_calendar_is_workday(cal, D("2024-02-18")));
	assert_int_equal(lf_date_weekday(D("2024-02-18")), 0);
	assert_false(lf_calendar_is_workday(cal, D("2024-02-24"))); /* an ordinary Saturday */
	assert_true(lf_calendar_is_workday(cal, D("2024-02-19")));
	assert_int_equal(lf_calendar_kind(cal, D("2024-02-19"), &name), LF_DAY_ORDINARY);
	assert_null(name);
}

/* A calendar-day term whose last day is off moves to the next working day;
 * one whose last day is a make-up working day stays there. */
static void test_calendar_day_terms(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	/* 2024-01-27 + 15 days = 2024-02-11 (in the holiday) → 2024-02-18, a worked Sunday. */
	expect_date(lf_calendar_add_days(cal, D("2024-01-27"), 15), "2024-02-18");
	/* Ends on the worked Sunday 2024-02-04 itself. */
	expect_date(lf_calendar_add_days(cal, D("2024-01-20"), 15), "2024-02-04");
	/* An ordinary weekday end is kept. */
	expect_date(lf_calendar_add_days(cal, D("2024-03-01"), 14), "2024-03-15");
	/* Ends on Saturday 2024-03-16 → Monday 03-18. */
	expect_date(lf_calendar_add_days(cal, D("2024-03-01"), 15), "2024-03-18");
	/* 60 days over National Day 2024 (10-01..10-07 off, 09-29 and 10-12 worked). */
	expect_date(lf_calendar_add_days(cal, D("2024-08-03"), 60), "2024-10-08");
}

/* A term in working days skips weekends and holidays and counts make-up days. */
static void test_working_day_terms(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	/* Instruction on Thursday 2024-02-08: 7 working days are 02-09, 02-18 (worked
	 * Sunday), 02-19, 02-20, 02-21, 02-22, 02-23. */
	expect_date(lf_calendar_add_workdays(cal, D("2024-02-08"), 7), "2024-02-23");
	/* 3 working days from Friday 2024-02-02: 02-04 (worked Sunday), 02-05, 02-06. */
	expect_date(lf_calendar_add_workdays(cal, D("2024-02-02"), 3), "2024-02-06");
	/* 5 working days from an ordinary Friday. */
	expect_date(lf_calendar_add_workdays(cal, D("2024-03-01"), 5), "2024-03-08");
	expect_date(lf_calendar_add_workdays(cal, D("2024-03-01"), 0), "2024-03-01");
	/* Days left, and overdue as a negative count. */
	assert_int_equal(lf_calendar_workdays_between(cal, D("2024-02-08"), D("2024-02-23")), 7);
	assert_int_equal(lf_calendar_workdays_between(cal, D("2024-02-23"), D("2024-02-08")), -7);
	assert_int_equal(lf_calendar_workdays_between(cal, D("2024-02-10"), D("2024-02-17")), 0);
	assert_int_equal(lf_calendar_workdays_between(cal, D("2024-03-04"), D("2024-03-04")), 0);
}

static void test_coverage(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	assert_int_equal(lf_calendar_last_year(cal), 2026);
	assert_true(lf_calendar_covers(cal, D("2026-12-31")));
	assert_false(lf_calendar_covers(cal, D("2027-01-04")));
	/* National Day 2026 is in the built-in data. */
	assert_false(lf_calendar_is_workday(cal, D("2026-10-05")));
	assert_true(lf_calendar_is_workday(cal, D("2026-10-10")));
}

static void test_load_file(void **state)
{
	(void)state;
	lf_calendar *cal = lf_calendar_new();
	char err[256] = "";
	const char *good = "\xEF\xBB\xBF" "date\tkind\tname\r\n"
	                   "2027-02-06\tholiday\t春节\r\n"
	                   "2027-02-07\tholiday\t春节\n"
	                   "2027-02-13\tworkday\t春节\n";
	assert_int_equal(lf_calendar_load_tsv(cal, good, strlen(good), err, sizeof err), 3);
	assert_int_equal(lf_calendar_last_year(cal), 2027);
	assert_true(lf_calendar_is_workday(cal, D("2027-02-13"))); /* a Saturday, worked */
	assert_false(lf_calendar_is_workday(cal, D("2027-02-06")));

	/* A bad line: named, and nothing of the file is added. */
	const char *bad = "date\tkind\tname\n"
	                  "2028-01-04\tholiday\t元旦\n"
	                  "2028-02-30\tholiday\t春节\n";
	assert_int_equal(lf_calendar_load_tsv(cal, bad, strlen(bad), err, sizeof err), -1);
	assert_non_null(strstr(err, "3"));
	assert_non_null(strstr(err, "2028-02-30"));
	/* (2028 is estimated now: 01-01 is a Saturday, given back on 01-03;
	 * 01-04, a Tuesday, is an ordinary working day unless the file had
	 * been added.) */
	assert_true(lf_calendar_is_workday(cal, D("2028-01-04")));
	assert_int_equal(lf_date_weekday(D("2028-01-04")), 2);
	assert_int_equal(lf_calendar_kind(cal, D("2028-01-04"), NULL), LF_DAY_ORDINARY);
	assert_int_equal(lf_calendar_last_year(cal), 2027);

	const char *kind = "date\tkind\tname\n2028-01-03\tday-off\tx\n";
	assert_int_equal(lf_calendar_load_tsv(cal, kind, strlen(kind), err, sizeof err), -1);
	assert_non_null(strstr(err, "day-off"));

	/* A later file changes a listed day. */
	const char *change = "2027-02-13\tholiday\t春节\n";
	assert_int_equal(lf_calendar_load_tsv(cal, change, strlen(change), err, sizeof err), 1);
	assert_false(lf_calendar_is_workday(cal, D("2027-02-13")));
	lf_calendar_free(cal);
}

/* The rules table: each term applied from a date at a holiday boundary. */
static void test_deadlines(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	for (int i = 0; i < LF_DL_COUNT; i++) {
		const lf_deadline_rule *r = lf_deadline_rule_get((lf_deadline_id)i);
		assert_non_null(r);
		assert_int_equal(r->id, i);
		assert_true(r->term > 0);
		assert_non_null(r->basis);
	}
	assert_null(lf_deadline_rule_get(LF_DL_COUNT));
	/* Registered 2024-01-27: 15 days end in the Spring Festival → 02-18. */
	expect_date(lf_deadline_due(cal, LF_DL_ROUTE, D("2024-01-27")), "2024-02-18");
	/* Accepted 2024-08-03: 60 days end on National Day → 10-08. */
	expect_date(lf_deadline_due(cal, LF_DL_HANDLE, D("2024-08-03")), "2024-10-08");
	/* Extension: 30 days from 2024-10-08 = 11-07, a Thursday. */
	expect_date(lf_deadline_due(cal, LF_DL_EXTEND, D("2024-10-08")), "2024-11-07");
	/* Instruction on 2024-02-08: 7 working days → 02-23. */
	expect_date(lf_deadline_due(cal, LF_DL_REPORT, D("2024-02-08")), "2024-02-23");
	/* Reception day 2024-09-27 (Fri): 3 working days are 09-29 (worked
	 * Sunday), 09-30, 10-08. */
	expect_date(lf_deadline_due(cal, LF_DL_PUBLISH, D("2024-09-27")), "2024-10-08");
	/* Transfer received 2024-02-08: 5 working days → 02-21. */
	expect_date(lf_deadline_due(cal, LF_DL_OBJECT, D("2024-02-08")), "2024-02-21");

	int left = 99;
	assert_int_equal(lf_deadline_state(cal, D("2024-02-23"), D("2024-02-08"), &left), LF_DUE_OK);
	assert_int_equal(left, 7);
	/* Due Monday 02-19, today Friday 02-09: the holiday week does not count. */
	assert_int_equal(lf_deadline_state(cal, D("2024-02-19"), D("2024-02-09"), &left), LF_DUE_NEAR);
	assert_int_equal(left, 2);
	assert_int_equal(lf_deadline_state(cal, D("2024-02-23"), D("2024-02-23"), &left), LF_DUE_NEAR);
	assert_int_equal(left, 0);
	assert_int_equal(lf_deadline_state(cal, D("2024-02-23"), D("2024-02-27"), &left), LF_DUE_OVERDUE);
	assert_int_equal(left, -2);
	/* Due Friday 02-09, today Saturday 02-10: overdue though no working day passed. */
	assert_int_equal(lf_deadline_state(cal, D("2024-02-09"), D("2024-02-10"), &left), LF_DUE_OVERDUE);
	assert_int_equal(left, -1);
}

/* A name with a control character is refused; a bad value is quoted in
 * the message without its escape (issue 10). */
static void test_load_refuses_controls(void **state)
{
	(void)state;
	lf_calendar *cal = lf_calendar_new();
	char err[256];
	const char *esc_name = "2030-01-01\tholiday\t\033]0;pwned\007元旦\n";
	assert_int_equal(lf_calendar_load_tsv(cal, esc_name, strlen(esc_name), err, sizeof err), -1);
	assert_string_equal(err, "line 1: the name holds a tab, a control character or invalid UTF-8");
	const char *esc_kind = "2030-01-01\tvaca\033[2Jtion\t元旦\n";
	assert_int_equal(lf_calendar_load_tsv(cal, esc_kind, strlen(esc_kind), err, sizeof err), -1);
	assert_string_equal(err, "line 1: kind must be holiday or workday, not vacation");
	const char *esc_date = "20\033[1m30-1-1\tholiday\t元旦\n";
	assert_int_equal(lf_calendar_load_tsv(cal, esc_date, strlen(esc_date), err, sizeof err), -1);
	assert_null(strchr(err, '\033'));
	assert_int_equal(lf_calendar_last_year(cal), 0);
	lf_calendar_free(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_spring_festival_2024),
		cmocka_unit_test(test_calendar_day_terms),
		cmocka_unit_test(test_working_day_terms),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_refuses_controls),
		cmocka_unit_test(test_deadlines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
