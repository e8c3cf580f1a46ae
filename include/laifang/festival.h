/* The statutory holidays of a year, known in advance: 《全国年节及纪念日放假办法》
 * as revised in 2024, art. 2: 元旦 (1 Jan), 春节 (农历除夕、正月初一至初三),
 * 清明节 (the 清明 solar term), 劳动节 (1–2 May), 端午节 (五月初五), 中秋节
 * (八月十五), 国庆节 (1–3 Oct); and art. 6: a holiday that falls on a Saturday
 * or Sunday is given back on a working day (补假). What is not known in
 * advance is the year's 调休 (make-up working days and bridging), which the
 * State Council publishes each year: a calendar built from these days alone
 * is an estimate (calendar.h, lf_calendar_is_estimated). The lunar dates
 * come from our own table (src/core/lunar_table.h, tools/gen_lunar.py).
 * Core module. */
#ifndef LAIFANG_FESTIVAL_H
#define LAIFANG_FESTIVAL_H

#include <stdbool.h>

#include "laifang/date.h"

/* The years the lunar table holds. */
#define LF_LUNAR_FIRST_YEAR 2020
#define LF_LUNAR_LAST_YEAR 2100

/* The Gregorian dates of a year's lunar festivals: 正月初一 (spring), 除夕
 * (the day before it), 五月初五 (dragon), 八月十五 (moon), and the 清明 day.
 * False (nothing set) for a year outside the table. */
typedef struct lf_lunar_dates {
	lf_date eve, spring, qingming, dragon, moon;
} lf_lunar_dates;
bool lf_lunar_dates_of(int year, lf_lunar_dates *out);

/* One statutory day off: the holiday's name as the State Council's notices
 * word it (春节, 国庆节...), and whether it is a day given back for a
 * holiday on a weekend (art. 6). */
typedef struct lf_festival_day {
	lf_date day;
	const char *name;
	bool in_lieu;
} lf_festival_day;
#define LF_FESTIVAL_MAX 32

/* The statutory days off of a year in date order (at most max); returns
 * how many. Outside the lunar table only the fixed-date holidays (元旦,
 * 劳动节, 国庆节) are known. */
int lf_festival_days(int year, lf_festival_day *out, int max);

#endif
