/* The official working-day calendar: public holidays and the weekend days
 * that are make-up working days (调休). A date the calendar does not list is
 * a working day Monday to Friday (past the last year: see
 * lf_calendar_is_estimated). Core module: the data comes in as text
 * (the built-in db/calendar/cn-holidays.tsv, or an office's own file). */
#ifndef LAIFANG_CALENDAR_H
#define LAIFANG_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/date.h"

typedef enum lf_day_kind {
	LF_DAY_ORDINARY = 0, /* not listed: Monday–Friday work, weekends off */
	LF_DAY_HOLIDAY,      /* an official day off (法定节假日, 放假调休) */
	LF_DAY_WORKDAY       /* a make-up working day (调休上班) on a weekend */
} lf_day_kind;

typedef struct lf_calendar lf_calendar;

/* An empty calendar (weekends only) and its release. */
lf_calendar *lf_calendar_new(void);
void lf_calendar_free(lf_calendar *cal);

/* Add the days of a holiday-arrangement file: UTF-8, tab-separated, a
 * header line "date	kind	name", then one line per date: YYYY-MM-DD,
 * holiday or workday, the holiday's name. A date already known takes the
 * file's kind. Returns the number of days read, or -1 with err holding
 * "line N: what is wrong" (translated); on error nothing is added. */
int lf_calendar_load_tsv(lf_calendar *cal, const char *text, size_t len, char *err, size_t errlen);

/* The calendar built into the binary (data from the State Council's yearly
 * notices, 2015–2026). Owned by the module; NULL only if out of memory. */
const lf_calendar *lf_calendar_builtin(void);

/* A copy of cal (NULL when out of memory), to add an office's years to the
 * built-in calendar without touching it. */
lf_calendar *lf_calendar_copy(const lf_calendar *cal);

/* Call fn for each listed day in date order; fn returns non-zero to stop
 * (that value is returned). 0 when every day was seen. */
typedef int (*lf_calendar_listed_fn)(lf_date d, lf_day_kind kind, const char *name, void *ud);
int lf_calendar_each(const lf_calendar *cal, lf_calendar_listed_fn fn, void *ud);

lf_day_kind lf_calendar_kind(const lf_calendar *cal, lf_date d, const char **name);
bool lf_calendar_is_workday(const lf_calendar *cal, lf_date d);

/* The last year whose arrangement the calendar holds (0 when empty). A
 * year after it is estimated: its statutory holidays (festival.h) are days
 * off, without the year's make-up working days; warn. */
int lf_calendar_last_year(const lf_calendar *cal);
bool lf_calendar_covers(const lf_calendar *cal, lf_date d);
/* True for a date past the last year (never for an empty calendar, which
 * is weekends only): lf_calendar_kind gives it the statutory holidays,
 * and a deadline on it is shown as estimated (estimate.h). */
bool lf_calendar_is_estimated(const lf_calendar *cal, lf_date d);

/* A term of n calendar days from start (day 1 is the day after start);
 * when its last day is not a working day, it ends on the next working day. */
lf_date lf_calendar_add_days(const lf_calendar *cal, lf_date start, int n);

/* A term of n working days from start (day 1 is the first working day
 * after start). n = 0 returns start. */
lf_date lf_calendar_add_workdays(const lf_calendar *cal, lf_date start, int n);

/* Working days after from up to and including to (0 when to <= from): the
 * "days left" of a deadline counted as the office works. Negative when to is
 * before from (days overdue). */
int lf_calendar_workdays_between(const lf_calendar *cal, lf_date from, lf_date to);

#endif
