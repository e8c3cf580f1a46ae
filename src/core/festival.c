/* The statutory holidays of a year from the 2024 放假办法 (festival.h): the
 * fixed dates, the lunar ones from our table, and the days given back for
 * those that fall on a weekend. */
#include "laifang/festival.h"

#include <stddef.h>

#include "lunar_table.h"

static lf_date mmdd(int year, int v)
{
	return (lf_date){year, v / 100, v % 100};
}

bool lf_lunar_dates_of(int year, lf_lunar_dates *out)
{
	if (year < LF_LUNAR_FIRST_YEAR || year > LF_LUNAR_LAST_YEAR)
		return false;
	const struct lunar_row *r = &lunar_rows[year - LF_LUNAR_FIRST_YEAR];
	if (r->year != year) /* the table is one row a year, in order */
		return false;
	out->spring = mmdd(year, r->spring);
	out->eve = lf_date_add(out->spring, -1);
	out->qingming = (lf_date){year, 4, r->qingming};
	out->dragon = mmdd(year, r->dragon);
	out->moon = mmdd(year, r->moon);
	return true;
}

typedef struct festival {
	const char *name;
	long first; /* lf_date_days */
	int n;
} festival;

static bool weekend(long day)
{
	int w = lf_date_weekday(lf_date_from_days(day));
	return w == 0 || w == 6;
}

static bool listed(const long *days, int n, long day)
{
	for (int i = 0; i < n; i++)
		if (days[i] == day)
			return true;
	return false;
}

int lf_festival_days(int year, lf_festival_day *out, int max)
{
	festival f[7];
	int nf = 0;
	f[nf++] = (festival){"元旦", lf_date_days((lf_date){year, 1, 1}), 1};
	lf_lunar_dates l;
	if (lf_lunar_dates_of(year, &l)) {
		f[nf++] = (festival){"春节", lf_date_days(l.eve), 4}; /* 除夕、正月初一至初三 */
		f[nf++] = (festival){"清明节", lf_date_days(l.qingming), 1};
		f[nf++] = (festival){"端午节", lf_date_days(l.dragon), 1};
		f[nf++] = (festival){"中秋节", lf_date_days(l.moon), 1};
	}
	f[nf++] = (festival){"劳动节", lf_date_days((lf_date){year, 5, 1}), 2};
	f[nf++] = (festival){"国庆节", lf_date_days((lf_date){year, 10, 1}), 3};
	/* In date order (中秋 may fall in or next to 国庆). */
	for (int i = 1; i < nf; i++)
		for (int j = i; j > 0 && f[j].first < f[j - 1].first; j--) {
			festival t = f[j];
			f[j] = f[j - 1];
			f[j - 1] = t;
		}
	long statutory[16];
	int ns = 0;
	for (int i = 0; i < nf; i++)
		for (int k = 0; k < f[i].n; k++)
			statutory[ns++] = f[i].first + k;

	long off[LF_FESTIVAL_MAX];
	lf_festival_day days[LF_FESTIVAL_MAX];
	int n = 0;
	for (int i = 0; i < nf; i++) {
		/* A statutory day on a weekend, or on a day another holiday
		 * already takes, is given back on the next working day after
		 * the holiday that is not itself a holiday (art. 6). */
		int owed = 0;
		for (int k = 0; k < f[i].n; k++) {
			long d = f[i].first + k;
			if (weekend(d) || listed(off, n, d))
				owed++;
			else if (n < LF_FESTIVAL_MAX) {
				off[n] = d;
				days[n++] = (lf_festival_day){lf_date_from_days(d), f[i].name, false};
			}
		}
		for (long d = f[i].first + f[i].n; owed > 0 && n < LF_FESTIVAL_MAX; d++)
			if (!weekend(d) && !listed(off, n, d) && !listed(statutory, ns, d)) {
				off[n] = d;
				days[n++] = (lf_festival_day){lf_date_from_days(d), f[i].name, true};
				owed--;
			}
	}
	/* In date order. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && off[j] < off[j - 1]; j--) {
			long t = off[j];
			off[j] = off[j - 1];
			off[j - 1] = t;
			lf_festival_day u = days[j];
			days[j] = days[j - 1];
			days[j - 1] = u;
		}
	int k = 0;
	for (; k < n && k < max; k++)
		out[k] = days[k];
	return k;
}
