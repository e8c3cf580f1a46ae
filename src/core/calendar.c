/* The official working-day calendar: a sorted table of the listed days
 * (holidays and make-up working days), searched by day number. */
#include "laifang/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/embedded.h"
#include "laifang/festival.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

typedef struct listed_day {
	long day; /* lf_date_days */
	lf_day_kind kind;
	char *name;
} listed_day;

struct lf_calendar {
	listed_day *days; /* sorted by day, no duplicates */
	size_t n, cap;
	int last_year;
};

lf_calendar *lf_calendar_new(void)
{
	return calloc(1, sizeof(lf_calendar));
}

void lf_calendar_free(lf_calendar *cal)
{
	if (!cal)
		return;
	for (size_t i = 0; i < cal->n; i++)
		free(cal->days[i].name);
	free(cal->days);
	free(cal);
}

/* Index of day in cal->days, or where it would go (*found false). */
static size_t find(const lf_calendar *cal, long day, bool *found)
{
	size_t lo = 0, hi = cal->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < cal->n && cal->days[lo].day == day;
	return lo;
}

static bool put(lf_calendar *cal, listed_day d)
{
	bool found;
	size_t at = find(cal, d.day, &found);
	if (found) {
		free(cal->days[at].name);
		cal->days[at] = d;
		return true;
	}
	if (cal->n == cal->cap) {
		size_t cap = cal->cap ? cal->cap * 2 : 512;
		listed_day *grown = realloc(cal->days, cap * sizeof *grown);
		if (!grown)
			return false;
		cal->days = grown;
		cal->cap = cap;
	}
	memmove(cal->days + at + 1, cal->days + at, (cal->n - at) * sizeof *cal->days);
	cal->days[at] = d;
	cal->n++;
	return true;
}

/* One line of the file split at tabs into date, kind, name (name may be
 * missing). Returns false with a translated reason. */
static bool parse_line(char *line, listed_day *out, lf_date *date, char *why, size_t len)
{
	char *kind = strchr(line, '\t');
	if (!kind) {
		snprintf(why, len, "%s", _("expected date, kind and name separated by tabs"));
		return false;
	}
	*kind++ = '\0';
	char *name = strchr(kind, '\t');
	if (name)
		*name++ = '\0';
	char shown[64];
	if (strlen(line) != 10 || !lf_date_parse(line, date)) {
		snprintf(why, len, _("%s is not a date (YYYY-MM-DD)"), lf_text_echo(shown, sizeof shown, line));
		return false;
	}
	if (!strcmp(kind, "holiday"))
		out->kind = LF_DAY_HOLIDAY;
	else if (!strcmp(kind, "workday"))
		out->kind = LF_DAY_WORKDAY;
	else {
		snprintf(why, len, _("kind must be holiday or workday, not %s"), lf_text_echo(shown, sizeof shown, kind));
		return false;
	}
	/* The name is shown on screens and paper: one line of clean text. */
	bool changed = false;
	char *clean = name ? lf_text_clean(name, strlen(name), false, &changed) : NULL;
	free(clean);
	if (changed) {
		snprintf(why, len, "%s", _("the name holds a tab, a control character or invalid UTF-8"));
		return false;
	}
	out->day = lf_date_days(*date);
	out->name = strdup(name ? name : "");
	if (!out->name) {
		snprintf(why, len, "%s", _("out of memory"));
		return false;
	}
	return true;
}

int lf_calendar_load_tsv(lf_calendar *cal, const char *text, size_t len, char *err, size_t errlen)
{
	char *copy = malloc(len + 1);
	if (!copy) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -1;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';

	/* Read everything first: a bad line must leave the calendar as it was. */
	listed_day *read = NULL;
	size_t n = 0, cap = 0;
	int last_year = cal->last_year, lineno = 0, result = 0;
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		size_t l = strlen(line);
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
			line += 3;
		if (lineno == 1 && !strncmp(line, "date\t", 5))
			continue;
		if (!*line || *line == '#')
			continue;
		char why[192];
		listed_day d;
		lf_date date;
		if (!parse_line(line, &d, &date, why, sizeof why)) {
			snprintf(err, errlen, _("line %d: %s"), lineno, why);
			result = -1;
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			listed_day *grown = realloc(read, cap * sizeof *grown);
			if (!grown) {
				free(d.name);
				snprintf(err, errlen, "%s", _("out of memory"));
				result = -1;
				break;
			}
			read = grown;
		}
		read[n++] = d;
		if (date.y > last_year)
			last_year = date.y;
	}
	if (result == 0) {
		for (size_t i = 0; i < n; i++)
			if (!put(cal, read[i])) {
				free(read[i].name);
				snprintf(err, errlen, "%s", _("out of memory"));
				result = -1;
			}
		if (result == 0) {
			cal->last_year = last_year;
			result = (int)n;
		}
	} else {
		for (size_t i = 0; i < n; i++)
			free(read[i].name);
	}
	free(read);
	free(copy);
	return result;
}

const lf_calendar *lf_calendar_builtin(void)
{
	static lf_calendar *builtin;
	if (builtin)
		return builtin;
	lf_calendar *cal = lf_calendar_new();
	if (!cal)
		return NULL;
	for (const struct lf_embedded *e = lf_data; e->name; e++) {
		size_t nl = strlen(e->name);
		if (nl < 4 || strcmp(e->name + nl - 4, ".tsv"))
			continue;
		char err[256];
		/* Built-in data is checked by the tests; a bad file would leave the
		 * calendar to weekends and estimates rather than stop the desk. */
		if (lf_calendar_load_tsv(cal, e->text, e->len, err, sizeof err) < 0)
			fprintf(stderr, "laifang: %s: %s\n", e->name, err);
	}
	builtin = cal;
	return builtin;
}

lf_calendar *lf_calendar_copy(const lf_calendar *cal)
{
	lf_calendar *c = lf_calendar_new();
	if (!c || !cal || !cal->n)
		return c;
	c->days = malloc(cal->n * sizeof *c->days);
	if (!c->days) {
		free(c);
		return NULL;
	}
	for (; c->n < cal->n; c->n++) {
		c->days[c->n] = cal->days[c->n];
		c->days[c->n].name = strdup(cal->days[c->n].name ? cal->days[c->n].name : "");
		if (!c->days[c->n].name) {
			lf_calendar_free(c);
			return NULL;
		}
	}
	c->cap = cal->n;
	c->last_year = cal->last_year;
	return c;
}

int lf_calendar_each(const lf_calendar *cal, lf_calendar_listed_fn fn, void *ud)
{
	for (size_t i = 0; cal && i < cal->n; i++) {
		int r = fn(lf_date_from_days(cal->days[i].day), cal->days[i].kind, cal->days[i].name, ud);
		if (r)
			return r;
	}
	return 0;
}

bool lf_calendar_is_estimated(const lf_calendar *cal, lf_date d)
{
	return cal && cal->last_year > 0 && d.y > cal->last_year;
}

/* The statutory days off of the years asked for last (festival.h): a
 * deadline's arithmetic asks for the same year day after day. */
typedef struct year_days {
	int year, n;
	lf_festival_day days[LF_FESTIVAL_MAX];
} year_days;

static const lf_festival_day *estimated_day(lf_date d)
{
	static year_days cache[8];
	year_days *y = &cache[(unsigned)d.y % 8];
	if (y->year != d.y || !y->year) {
		y->n = lf_festival_days(d.y, y->days, LF_FESTIVAL_MAX);
		y->year = d.y;
	}
	for (int i = 0; i < y->n; i++)
		if (y->days[i].day.m == d.m && y->days[i].day.d == d.d)
			return &y->days[i];
	return NULL;
}

lf_day_kind lf_calendar_kind(const lf_calendar *cal, lf_date d, const char **name)
{
	bool found = false;
	size_t at = cal ? find(cal, lf_date_days(d), &found) : 0;
	if (name)
		*name = found ? cal->days[at].name : NULL;
	if (!found && lf_calendar_is_estimated(cal, d)) {
		/* A year not published yet: its statutory holidays, no 调休. */
		const lf_festival_day *f = estimated_day(d);
		if (f) {
			if (name)
				*name = f->name;
			return LF_DAY_HOLIDAY;
		}
	}
	return found ? cal->days[at].kind : LF_DAY_ORDINARY;
}

bool lf_calendar_is_workday(const lf_calendar *cal, lf_date d)
{
	switch (lf_calendar_kind(cal, d, NULL)) {
	case LF_DAY_HOLIDAY:
		return false;
	case LF_DAY_WORKDAY:
		return true;
	default: {
		int w = lf_date_weekday(d);
		return w != 0 && w != 6;
	}
	}
}

int lf_calendar_last_year(const lf_calendar *cal)
{
	return cal ? cal->last_year : 0;
}

bool lf_calendar_covers(const lf_calendar *cal, lf_date d)
{
	return cal && d.y <= cal->last_year;
}

lf_date lf_calendar_add_days(const lf_calendar *cal, lf_date start, int n)
{
	lf_date end = lf_date_add(start, n);
	/* No arrangement has more than a few weeks off in a row; the bound only
	 * guards against a calendar file that lists a whole year as holidays. */
	for (int guard = 0; guard < 366 && !lf_calendar_is_workday(cal, end); guard++)
		end = lf_date_add(end, 1);
	return end;
}

lf_date lf_calendar_add_workdays(const lf_calendar *cal, lf_date start, int n)
{
	lf_date d = start;
	for (int counted = 0; counted < n;) {
		d = lf_date_add(d, 1);
		if (lf_calendar_is_workday(cal, d))
			counted++;
	}
	return d;
}

int lf_calendar_workdays_between(const lf_calendar *cal, lf_date from, lf_date to)
{
	int sign = 1;
	if (lf_date_cmp(to, from) < 0) {
		lf_date t = from;
		from = to;
		to = t;
		sign = -1;
	}
	int count = 0;
	for (lf_date d = lf_date_add(from, 1); lf_date_cmp(d, to) <= 0; d = lf_date_add(d, 1))
		if (lf_calendar_is_workday(cal, d))
			count++;
	return sign * count;
}
