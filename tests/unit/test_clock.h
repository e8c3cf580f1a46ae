/* Unit tests set the clock they use: noon (local time) of a given day, then
 * ticking. Noon keeps the date in zones up to 11 hours from the one in force
 * when it is set: a test that switches to another zone (test_date: China's,
 * 16 hours from Los Angeles) switches first and sets the day after. */
#ifndef LAIFANG_TEST_CLOCK_H
#define LAIFANG_TEST_CLOCK_H

#include <stdlib.h>
#include <time.h>

#include "laifang/date.h"

static inline void test_clock_day(const char *day)
{
	lf_date d;
	if (!lf_date_parse(day, &d))
		abort();
	struct tm tm = {.tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d, .tm_hour = 12, .tm_isdst = -1};
	lf_clock_set_for_tests((long long)mktime(&tm));
}

#endif
