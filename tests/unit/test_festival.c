/* The statutory holidays known in advance (festival.h) and the calendar
 * past its last published year: our lunar table against the published
 * arrangements and well-known dates, the days given back for a holiday on
 * a weekend, estimated years, and working-day arithmetic across the
 * boundary between a published and an estimated year. */
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
#include "laifang/festival.h"

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

/* Dates everyone can check on a wall calendar. */
static void test_lunar_known_dates(void **state)
{
	(void)state;
	lf_lunar_dates l;
	assert_true(lf_lunar_dates_of(2026, &l));
	expect_date(l.eve, "2026-02-16");
	expect_date(l.spring, "2026-02-17");
	expect_date(l.qingming, "2026-04-05");
	expect_date(l.dragon, "2026-06-19");
	expect_date(l.moon, "2026-09-25");
	assert_true(lf_lunar_dates_of(2027, &l));
	expect_date(l.spring, "2027-02-06");
	expect_date(l.eve, "2027-02-05");
	assert_true(lf_lunar_dates_of(2028, &l));
	expect_date(l.spring, "2028-01-26");
	assert_true(lf_lunar_dates_of(2030, &l));
	expect_date(l.spring, "2030-02-03");
	assert_true(lf_lunar_dates_of(2025, &l));
	expect_date(l.dragon, "2025-05-31");
	expect_date(l.moon, "2025-10-06");
	expect_date(l.qingming, "2025-04-04");
	/* 2033's leap eleventh month (the "2033 problem") puts 春节 2034 on 02-19. */
	assert_true(lf_lunar_dates_of(2034, &l));
	expect_date(l.spring, "2034-02-19");
	assert_true(lf_lunar_dates_of(2100, &l));
	assert_false(lf_lunar_dates_of(2019, &l));
	assert_false(lf_lunar_dates_of(2101, &l));
	/* Every year of the table is plausible: 春节 from 01-21 to 02-20, 端午
	 * from 05-28 to 06-25... and 清明 on 04-04 or 04-05. */
	for (int y = LF_LUNAR_FIRST_YEAR; y <= LF_LUNAR_LAST_YEAR; y++) {
		assert_true(lf_lunar_dates_of(y, &l));
		long s = lf_date_days(l.spring) - lf_date_days((lf_date){y, 1, 1});
		assert_in_range(s, 20, 50);
		assert_in_range(lf_date_days(l.dragon) - lf_date_days(l.spring), 4 * 29 + 4, 5 * 30 + 4 + 30);
		assert_in_range(lf_date_days(l.moon) - lf_date_days(l.spring), 7 * 29 + 14, 8 * 30 + 14 + 30);
		assert_in_range(l.qingming.d, 4, 5);
		assert_int_equal(l.qingming.m, 4);
	}
}

static bool named(const char *name, const char *festival)
{
	return name && strstr(name, festival);
}

/* The published arrangements 2020–2026 give every lunar festival of our
 * table, and 清明, as a day off under that festival's name. */
static void test_lunar_matches_published(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	for (int y = 2020; y <= 2026; y++) {
		lf_lunar_dates l;
		assert_true(lf_lunar_dates_of(y, &l));
		const char *name = NULL;
		struct {
			lf_date d;
			const char *festival;
		} want[] = {{l.spring, "春节"}, {l.qingming, "清明节"}, {l.dragon, "端午节"}, {l.moon, "中秋节"}};
		for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
			if (lf_calendar_kind(cal, want[i].d, &name) != LF_DAY_HOLIDAY || !named(name, want[i].festival)) {
				char day[LF_DATE_LEN];
				lf_date_format(want[i].d, day);
				fail_msg("%s: expected a %s holiday, got %s", day, want[i].festival, name ? name : "(none)");
			}
		}
	}
}

/* Under the 2024 rules (in force from 2025) every day our estimate gives
 * off, given-back days included, was off in the published 2025 and 2026
 * arrangements, under the same festival. */
static void test_estimate_within_published(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	for (int y = 2025; y <= 2026; y++) {
		lf_festival_day days[LF_FESTIVAL_MAX];
		int n = lf_festival_days(y, days, LF_FESTIVAL_MAX);
		assert_int_equal(n, 13);
		for (int i = 0; i < n; i++) {
			const char *name = NULL;
			if (lf_calendar_kind(cal, days[i].day, &name) != LF_DAY_HOLIDAY || !named(name, days[i].name)) {
				char day[LF_DATE_LEN];
				lf_date_format(days[i].day, day);
				fail_msg("%s (%s): not off in the published arrangement (%s)", day, days[i].name,
				         name ? name : "none");
			}
		}
	}
}

/* 2027 as estimated: the statutory days, and the days given back for 春节
 * (02-06/07 a weekend), 劳动节 (05-01/02) and 国庆 (10-02/03). */
static void test_estimated_2027(void **state)
{
	(void)state;
	static const char *want[] = {"2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
	                             "2027-04-05", "2027-05-03", "2027-05-04", "2027-06-09", "2027-09-15",
	                             "2027-10-01", "2027-10-04", "2027-10-05"};
	lf_festival_day days[LF_FESTIVAL_MAX];
	int n = lf_festival_days(2027, days, LF_FESTIVAL_MAX);
	assert_int_equal(n, 13);
	for (int i = 0; i < n; i++)
		expect_date(days[i].day, want[i]);
	assert_string_equal(days[1].name, "春节");
	assert_false(days[1].in_lieu);
	assert_true(days[3].in_lieu);
	assert_string_equal(days[6].name, "劳动节");
	assert_true(days[6].in_lieu);

	const lf_calendar *cal = lf_calendar_builtin();
	assert_false(lf_calendar_is_estimated(cal, D("2026-12-31")));
	assert_true(lf_calendar_is_estimated(cal, D("2027-01-01")));
	const char *name = NULL;
	assert_int_equal(lf_calendar_kind(cal, D("2027-02-05"), &name), LF_DAY_HOLIDAY);
	assert_string_equal(name, "春节");
	assert_int_equal(lf_calendar_kind(cal, D("2027-02-09"), &name), LF_DAY_HOLIDAY);
	assert_false(lf_calendar_is_workday(cal, D("2027-02-10")));
	assert_true(lf_calendar_is_workday(cal, D("2027-02-11")));
	/* No make-up working day is guessed: a weekend stays off. */
	assert_false(lf_calendar_is_workday(cal, D("2027-02-20")));
	assert_int_equal(lf_calendar_kind(cal, D("2027-02-11"), &name), LF_DAY_ORDINARY);
	assert_null(name);

	/* 国庆 2030: Tuesday to Thursday off, Friday 10-04 worked. */
	for (int d = 1; d <= 3; d++) {
		assert_int_equal(lf_calendar_kind(cal, (lf_date){2030, 10, d}, &name), LF_DAY_HOLIDAY);
		assert_string_equal(name, "国庆节");
	}
	assert_true(lf_calendar_is_workday(cal, D("2030-10-04")));
	assert_false(lf_calendar_is_workday(cal, D("2030-02-04"))); /* 春节 2030: 初二 */
	/* 除夕 and 初一 on Saturday and Sunday 02-02/03: given back 02-06 and 02-07. */
	assert_false(lf_calendar_is_workday(cal, D("2030-02-06")));
	assert_false(lf_calendar_is_workday(cal, D("2030-02-07")));
	assert_true(lf_calendar_is_workday(cal, D("2030-02-08")));

	/* Each year: 13 statutory days give 13 weekdays off, none twice. */
	for (int y = 2027; y <= LF_LUNAR_LAST_YEAR; y++) {
		n = lf_festival_days(y, days, LF_FESTIVAL_MAX);
		assert_int_equal(n, 13);
		for (int i = 0; i < n; i++) {
			int w = lf_date_weekday(days[i].day);
			assert_true(w >= 1 && w <= 5);
			assert_int_equal(days[i].day.y, y);
			if (i)
				assert_true(lf_date_cmp(days[i - 1].day, days[i].day) < 0);
		}
	}
	/* Past the lunar table only the fixed dates are known. */
	assert_int_equal(lf_festival_days(2101, days, LF_FESTIVAL_MAX), 6);

	/* An empty calendar is weekends only, never estimated. */
	lf_calendar *empty = lf_calendar_new();
	assert_false(lf_calendar_is_estimated(empty, D("2027-01-01")));
	assert_true(lf_calendar_is_workday(empty, D("2027-01-01")));
	lf_calendar_free(empty);
}

/* Working days counted from a published year into an estimated one. */
static void test_across_the_boundary(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	/* Monday 2026-12-28: 12-29, 12-30, 12-31, (01-01 off), 01-04, 01-05. */
	expect_date(lf_calendar_add_workdays(cal, D("2026-12-28"), 5), "2027-01-05");
	assert_int_equal(lf_calendar_workdays_between(cal, D("2026-12-31"), D("2027-01-08")), 5);
	assert_int_equal(lf_calendar_workdays_between(cal, D("2026-12-30"), D("2027-01-04")), 2);
	/* 15 days from 2027-01-22 end on Saturday 02-06, in 春节: the next
	 * working day is Thursday 02-11. */
	expect_date(lf_calendar_add_days(cal, D("2027-01-22"), 15), "2027-02-11");
	/* 7 working days from Thursday 2027-02-04 skip 02-05 and 02-08..10. */
	expect_date(lf_calendar_add_workdays(cal, D("2027-02-04"), 7), "2027-02-19");

	/* Once 2027 is published the estimate gives way: a make-up Sunday
	 * counts, a guessed day off does not. */
	lf_calendar *c = lf_calendar_copy(cal);
	char err[256];
	static const char year[] = "date\tkind\tname\n2027-02-06\tholiday\t春节\n2027-02-07\tholiday\t春节\n"
	                           "2027-02-08\tholiday\t春节\n2027-02-14\tworkday\t春节\n";
	assert_int_equal(lf_calendar_load_tsv(c, year, strlen(year), err, sizeof err), 4);
	assert_false(lf_calendar_is_estimated(c, D("2027-02-09")));
	assert_true(lf_calendar_is_estimated(c, D("2028-01-03")));
	assert_true(lf_calendar_is_workday(c, D("2027-02-05")));
	assert_true(lf_calendar_is_workday(c, D("2027-02-09")));
	assert_true(lf_calendar_is_workday(c, D("2027-02-14")));
	/* 02-05, 02-09..12, 02-14 (worked Sunday), 02-15. */
	expect_date(lf_calendar_add_workdays(c, D("2027-02-04"), 7), "2027-02-15");
	lf_calendar_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lunar_known_dates),
		cmocka_unit_test(test_lunar_matches_published),
		cmocka_unit_test(test_estimate_within_published),
		cmocka_unit_test(test_estimated_2027),
		cmocka_unit_test(test_across_the_boundary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
