/* Calendar dates and timestamps: parsing, checking, today.
 * Core module: no curses, no SQL. */
#ifndef LAIFANG_DATE_H
#define LAIFANG_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lf_date {
	int y, m, d;
} lf_date;

#define LF_DATE_LEN 11 /* "YYYY-MM-DD" and NUL */
#define LF_TIMESTAMP_LEN 26 /* "YYYY-MM-DDTHH:MM:SS+08:00" and NUL */

/* True when y-m-d is a real Gregorian date (years 1900..9999). */
bool lf_date_valid(int y, int m, int d);

/* Parse "YYYY-MM-DD"; also accepts "YYYY/MM/DD", "YYYY.MM.DD", "YYYYMMDD" and
 * "YYYY年MM月DD日" (one- or two-digit month and day). False on anything else;
 * when s has one of these shapes but is not a real date, *out still receives
 * its numbers (so a caller can tell "not a date" from "not a real date"). */
bool lf_date_parse(const char *s, lf_date *out);

/* Write "YYYY-MM-DD" into buf (at least LF_DATE_LEN bytes). */
void lf_date_format(lf_date d, char *buf);

/* Negative, zero or positive as a is before, equal to or after b. */
int lf_date_cmp(lf_date a, lf_date b);

/* A day number (days since a fixed origin): b - a is the days between. */
long lf_date_days(lf_date d);
lf_date lf_date_from_days(long n);
/* d moved by days (negative: earlier). */
lf_date lf_date_add(lf_date d, long days);

/* 0 = Sunday .. 6 = Saturday. */
int lf_date_weekday(lf_date d);

/* Today in local time: the system clock's date, or the training date when
 * the open database is a training database. */
lf_date lf_date_today(void);

/* Now as ISO 8601 local time with offset, e.g. "2026-11-23T09:30:05+08:00".
 * Always the clock's real moment (a training date does not move it): logins,
 * lock-outs and audit entries are stamped with it. */
void lf_timestamp_now(char *buf, size_t len);

/* Now in seconds since the epoch. */
long long lf_clock_now(void);

/* Tests only (the program never calls it): the clock reads `epoch` now and
 * ticks on from there; 0 returns to the system clock. */
void lf_clock_set_for_tests(long long epoch);

/* A training database fixes the date of its cases (NULL: none). Only
 * lf_date_today follows it. */
void lf_date_set_training(const lf_date *d);
bool lf_date_training(lf_date *d);

#endif
