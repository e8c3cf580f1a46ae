/* The office's working-day calendar as this database holds it: the
 * built-in years with the days imported into calendar_day, loaded once per
 * distinct set of days and kept until exit (the calendar a running clock
 * is derived on, store_calendar.h). */
#include "laifang/store_calendar.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/store_flow.h"

/* One calendar per distinct set of imported days (a fingerprint of them):
 * every handle on the same database shares it, an import (here or by
 * another process) is seen at the next call, and a pointer handed out
 * stays valid until exit. */
typedef struct office_cal {
	uint64_t print;
	size_t text_len;
	lf_calendar *cal;
	struct office_cal *next;
} office_cal;
static office_cal *office_cals;

static void free_office_cals(void)
{
	while (office_cals) {
		office_cal *next = office_cals->next;
		lf_calendar_free(office_cals->cal);
		free(office_cals);
		office_cals = next;
	}
}

typedef struct day_text {
	char *buf;
	size_t len, cap;
	bool oom;
} day_text;

static void text_add(day_text *t, const char *s)
{
	size_t n = strlen(s);
	if (t->oom)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *grown = realloc(t->buf, cap);
		if (!grown) {
			t->oom = true;
			return;
		}
		t->buf = grown;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
}

/* One stored day as a line of the cn-holidays.tsv form; tabs and line
 * breaks in a name would break the line, so they become spaces. */
static int collect_day(const char *date, const char *kind, const char *name, void *ud)
{
	day_text *t = ud;
	char line[256];
	snprintf(line, sizeof line, "%s\t%s\t%s\n", date ? date : "", kind ? kind : "", name ? name : "");
	for (char *p = line; p[0] && p[1]; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	/* Only the first two tabs separate fields. */
	int tabs = 0;
	for (char *p = line; *p; p++)
		if (*p == '\t' && ++tabs > 2)
			*p = ' ';
	text_add(t, line);
	return 0;
}

const lf_calendar *lf_store_calendar(lf_store *st)
{
	const lf_calendar *builtin = lf_calendar_builtin();
	day_text t = {0};
	text_add(&t, "date\tkind\tname\n");
	if (!st || lf_store_calendar_each(st, collect_day, &t) != LF_STORE_OK || t.oom) {
		free(t.buf);
		return builtin;
	}
	uint64_t print = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < t.len; i++)
		print = (print ^ (unsigned char)t.buf[i]) * 1099511628211ull;
	for (office_cal *c = office_cals; c; c = c->next)
		if (c->print == print && c->text_len == t.len) {
			free(t.buf);
			return c->cal;
		}
	office_cal *c = calloc(1, sizeof *c);
	lf_calendar *cal = c ? lf_calendar_copy(builtin) : NULL;
	if (!cal) {
		free(c);
		free(t.buf);
		return builtin;
	}
	char err[256];
	/* Days the store holds were checked when imported; should one not
	 * load, the built-in years still count. */
	lf_calendar_load_tsv(cal, t.buf, t.len, err, sizeof err);
	free(t.buf);
	if (!office_cals)
		atexit(free_office_cals);
	c->print = print;
	c->text_len = t.len;
	c->cal = cal;
	c->next = office_cals;
	office_cals = c;
	return cal;
}
