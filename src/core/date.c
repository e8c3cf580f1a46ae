/* Calendar dates: the Gregorian rules, the spellings a clerk types, weekdays,
 * today (the clock, or a training database's date) and ISO 8601 timestamps. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* localtime_r */
#endif

#include "laifang/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIN_YEAR 1900
#define MAX_YEAR 9999

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

bool lf_date_valid(int y, int m, int d)
{
	if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days_in_month(y, m);
}

/* Read at least min and at most max ASCII digits at *p as a number and move
 * *p past them. Reading stops at max, so "002" is not taken as a month. */
static bool read_number(const char **p, int min, int max, int *value)
{
	const char *s = *p;
	int n = 0, v = 0;

	while (n < max && s[n] >= '0' && s[n] <= '9') {
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n < min)
		return false;
	*p = s + n;
	*value = v;
	return true;
}

/* Move *p past lit if the text there starts with it. */
static bool skip(const char **p, const char *lit)
{
	size_t n = strlen(lit);
	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

/* The numbers of s if it has one of the accepted shapes, real date or not.
 * d may be partly written when this returns false. */
static bool parse_shape(const char *s, lf_date *d)
{
	const char *p = s;

	if (!read_number(&p, 4, 4, &d->y))
		return false;
	if (*p == '-' || *p == '/' || *p == '.') {
		char sep = *p++; /* the same separator both times: "2024-2/9" is refused */
		if (!read_number(&p, 1, 2, &d->m) || *p++ != sep)
			return false;
		return read_number(&p, 1, 2, &d->d) && *p == '\0';
	}
	if (skip(&p, "年")) {
		return read_number(&p, 1, 2, &d->m) && skip(&p, "月") && read_number(&p, 1, 2, &d->d) &&
		       skip(&p, "日") && *p == '\0';
	}
	/* YYYYMMDD: exactly eight digits. */
	return read_number(&p, 2, 2, &d->m) && read_number(&p, 2, 2, &d->d) && *p == '\0';
}

bool lf_date_parse(const char *s, lf_date *out)
{
	lf_date d = {0, 0, 0};
	bool shaped = s && parse_shape(s, &d);

	if (!shaped)
		d = (lf_date){0, 0, 0};
	if (out)
		*out = d;
	return shaped && lf_date_valid(d.y, d.m, d.d);
}

void lf_date_format(lf_date d, char *buf)
{
	snprintf(buf, LF_DATE_LEN, "%04d-%02d-%02d", d.y, d.m, d.d);
}

int lf_date_cmp(lf_date a, lf_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Days since 1 March of year 0. Counting years from March puts the leap day
 * last, so a month's start is a fixed offset: March..January alternate
 * 31/30/31/30/31 in blocks of 153 days, hence (153 * k + 2) / 5. */
static long day_number(lf_date d)
{
	long y = d.y, m = d.m;
	if (m < 3) {
		y--;
		m += 12;
	}
	return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d.d - 1;
}

long lf_date_days(lf_date d)
{
	return day_number(d);
}

/* The inverse of day_number: estimate the March-based year, correct it by
 * one when the estimate overshoots, then read month and day off the
 * 153-days-per-5-months rhythm. */
lf_date lf_date_from_days(long n)
{
	long y = (10000 * n + 14780) / 3652425;
	long doy = n - (365 * y + y / 4 - y / 100 + y / 400);
	if (doy < 0) {
		y--;
		doy = n - (365 * y + y / 4 - y / 100 + y / 400);
	}
	long mi = (100 * doy + 52) / 3060; /* 0 = March .. 11 = February */
	lf_date d;
	d.m = (int)((mi + 2) % 12 + 1);
	d.y = (int)(y + (mi + 2) / 12);
	d.d = (int)(doy - (mi * 306 + 5) / 10 + 1);
	return d;
}

lf_date lf_date_add(lf_date d, long days)
{
	return lf_date_from_days(day_number(d) + days);
}

int lf_date_weekday(lf_date d)
{
	/* Day 0 (1 March of year 0) was a Wednesday. */
	long w = (day_number(d) + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* The clock. The program reads the system clock; a unit test may fix a
 * moment (which then ticks on with the real clock), and a training database
 * may fix the date of its cases. Neither is read from the environment: a
 * variable set by mistake must not move logins, lock-outs or audit times. */
static long long test_offset; /* seconds added to the system clock */
static bool training_set;
static lf_date training_date;

void lf_clock_set_for_tests(long long epoch)
{
	test_offset = epoch ? epoch - (long long)time(NULL) : 0;
}

long long lf_clock_now(void)
{
	return (long long)time(NULL) + test_offset;
}

void lf_date_set_training(const lf_date *d)
{
	training_set = d != NULL;
	if (d)
		training_date = *d;
}

bool lf_date_training(lf_date *d)
{
	if (training_set && d)
		*d = training_date;
	return training_set;
}

static lf_date date_of(const struct tm *tm)
{
	return (lf_date){tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday};
}

lf_date lf_date_today(void)
{
	if (training_set)
		return training_date;

	time_t now = (time_t)lf_clock_now();
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (lf_date){1970, 1, 1}; /* a clock past what struct tm holds */
	return date_of(&tm);
}

/* The offset of local time from UTC as "+08:00". strftime's %z gives "+0800";
 * ISO 8601's extended form wants the colon. C lets %z be empty when no zone
 * can be found; localtime then gives UTC, so say so. */
static void utc_offset(const struct tm *tm, char out[7])
{
	char z[8];
	if (strftime(z, sizeof z, "%z", tm) == 5 && (z[0] == '+' || z[0] == '-'))
		snprintf(out, 7, "%.3s:%.2s", z, z + 3);
	else
		snprintf(out, 7, "+00:00");
}

void lf_timestamp_now(char *buf, size_t len)
{
	if (!buf || len == 0)
		return;

	time_t now = (time_t)lf_clock_now();
	struct tm tm;
	if (!localtime_r(&now, &tm)) {
		buf[0] = '\0';
		return;
	}
	char full[LF_TIMESTAMP_LEN], zone[7];
	if (strftime(full, sizeof full, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		buf[0] = '\0';
		return;
	}
	utc_offset(&tm, zone);
	/* Built whole, then cut to len: a short buffer gets a prefix, never an overrun. */
	snprintf(buf, len, "%s%s", full, zone);
}
