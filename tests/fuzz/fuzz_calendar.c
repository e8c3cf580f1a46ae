/* libFuzzer target: an office's holiday calendar file (lf_calendar_load_tsv,
 * what `laifang calendar import` reads) on any bytes, into an empty
 * calendar and on top of the built-in one. Besides not crashing: a refusal
 * says which line and leaves the calendar as it was; an accepted file lists
 * its days in order, each a real date of a known kind with a clean one-line
 * name; and the terms counted on the calendar agree with each other. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#include "laifang/calendar.h"
#include "laifang/date.h"

typedef struct listing {
	long n, last;
	lf_date first;
} listing;

static int listed(lf_date d, lf_day_kind kind, const char *name, void *ud)
{
	listing *l = ud;
	long day = lf_date_days(d);
	if (!lf_date_valid(d.y, d.m, d.d) || (kind != LF_DAY_HOLIDAY && kind != LF_DAY_WORKDAY) || !name)
		abort();
	if (l->n > 0 && day <= l->last) /* sorted, no duplicates */
		abort();
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();
	if (l->n == 0)
		l->first = d;
	l->last = day;
	l->n++;
	return 0;
}

static void terms_agree(const lf_calendar *cal, lf_date start)
{
	for (int k = 0; k <= 12; k += 3) {
		lf_date w = lf_calendar_add_workdays(cal, start, k);
		if (lf_calendar_workdays_between(cal, start, w) != k)
			abort();
		if (k > 0 && !lf_calendar_is_workday(cal, w))
			abort();
		lf_date e = lf_calendar_add_days(cal, start, k);
		if (lf_date_days(e) < lf_date_days(start) + k)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512] = "";
	lf_calendar *cal = lf_calendar_new();
	if (!cal)
		abort();
	int n = lf_calendar_load_tsv(cal, (const char *)data, size, err, sizeof err);
	listing l = {0};
	lf_calendar_each(cal, listed, &l);
	if (n < 0) {
		if (strncmp(err, "line ", 5) != 0 && strcmp(err, "out of memory") != 0)
			abort();
		if (l.n != 0 || lf_calendar_last_year(cal) != 0) /* nothing added */
			abort();
	} else {
		if (l.n > n) /* a day listed twice counts once */
			abort();
		if (l.n > 0) {
			terms_agree(cal, l.first);
			lf_date before = lf_date_add(l.first, -3);
			terms_agree(cal, before);
		}
		lf_calendar *copy = lf_calendar_copy(cal);
		listing c = {0};
		lf_calendar_each(copy, listed, &c);
		if (c.n != l.n || c.last != l.last)
			abort();
		lf_calendar_free(copy);
	}
	lf_calendar_free(cal);

	/* On top of the built-in calendar (an office's new year). */
	const lf_calendar *builtin = lf_calendar_builtin();
	lf_calendar *over = lf_calendar_copy(builtin);
	if (!over)
		abort();
	listing b0 = {0};
	lf_calendar_each(over, listed, &b0);
	n = lf_calendar_load_tsv(over, (const char *)data, size, err, sizeof err);
	listing b1 = {0};
	lf_calendar_each(over, listed, &b1);
	if (n < 0 && (b1.n != b0.n || b1.last != b0.last))
		abort();
	terms_agree(over, (lf_date){2026, 9, 28});
	lf_calendar_free(over);
	return 0;
}
