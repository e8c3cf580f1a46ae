/* laifang calendar import: a year's published arrangement replaces what the
 * calendar had for it (an estimate past the last year, or an earlier
 * file), the change is audited with the days it changed, and every running
 * clock of every open case is derived again on the new days (clocks.h). */
#include "laifang/caseflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"
#include "laifang/store_audit.h"
#include "laifang/store_clocks.h"

static void year_span(lf_date from, lf_date to, char *buf, size_t len)
{
	if (from.y == to.y)
		snprintf(buf, len, "%d", from.y);
	else
		snprintf(buf, len, "%d–%d", from.y, to.y);
}

/* ---- the import ---- */

typedef struct import_ctx {
	lf_store *st;
	lf_store_err e;
	int days;
	lf_date first, last;
} import_ctx;

static int add_day(lf_date d, lf_day_kind kind, const char *name, void *ud)
{
	import_ctx *c = ud;
	char day[LF_DATE_LEN];
	lf_date_format(d, day);
	c->e = lf_store_calendar_add(c->st, day, kind == LF_DAY_WORKDAY ? "workday" : "holiday", name);
	if (c->e != LF_STORE_OK)
		return 1;
	if (!c->days)
		c->first = d;
	c->last = d;
	c->days++;
	return 0;
}

/* The days of the file's years whose working-day status changed. */
static int count_changed(const lf_calendar *before, const lf_calendar *after, int y0, int y1, lf_date *from,
                         lf_date *to)
{
	int n = 0;
	for (lf_date d = {y0, 1, 1}; d.y <= y1; d = lf_date_add(d, 1))
		if (lf_calendar_is_workday(before, d) != lf_calendar_is_workday(after, d)) {
			if (!n)
				*from = d;
			*to = d;
			n++;
		}
	return n;
}

lf_store_err lf_calendar_import_file(lf_store *st, const lf_user *actor, const char *text, size_t len,
                                     lf_calendar_import_result *res, char *msg, size_t msglen)
{
	lf_calendar_import_result none;
	if (!res)
		res = &none;
	memset(res, 0, sizeof *res);
	if (msg && msglen)
		msg[0] = '\0';
	lf_store_err e = cf_require(st, actor, LF_PERM_ADMINISTER, msg, msglen);
	if (e != LF_STORE_OK)
		return e;
	/* Read the whole file first: a bad line (named by number) stores
	 * nothing. */
	lf_calendar *scratch = lf_calendar_new();
	if (!scratch)
		return cf_refuse(st, LF_STORE_IO, msg, msglen, "%s", _("out of memory"));
	char err[512];
	int n = text ? lf_calendar_load_tsv(scratch, text, len, err, sizeof err) : 0;
	if (n < 0)
		e = cf_refuse(st, LF_STORE_INVALID, msg, msglen, "%s", err);
	else if (n == 0)
		e = cf_refuse(st, LF_STORE_INVALID, msg, msglen, "%s",
		              _("the file lists no days (date, holiday or workday, name; one per line)"));
	/* The calendar as it was (kept by lf_office_calendar until exit). */
	const lf_calendar *before = e == LF_STORE_OK ? lf_office_calendar(st) : NULL;
	if (e == LF_STORE_OK)
		e = lf_store_begin(st);
	if (e == LF_STORE_OK) {
		import_ctx c = {.st = st};
		lf_calendar_each(scratch, add_day, &c);
		e = c.e;
		lf_date from = c.first, to = c.last;
		int changed = 0, moved = 0;
		if (e == LF_STORE_OK) {
			/* The same transaction sees the new days. */
			const lf_calendar *after = lf_office_calendar(st);
			changed = count_changed(before, after, c.first.y, c.last.y, &from, &to);
		}
		/* Every running clock derived again on the new days, in the same
		 * transaction (audited: calendar.recompute_clocks). */
		int clocks_moved = 0;
		if (e == LF_STORE_OK)
			e = lf_store_clocks_recompute(st, &clocks_moved);
		moved = clocks_moved;
		if (e == LF_STORE_OK) {
			char years[32], detail[512], f[LF_DATE_LEN], t[LF_DATE_LEN];
			year_span(c.first, c.last, years, sizeof years);
			lf_date_format(from, f);
			lf_date_format(to, t);
			bool estimated = lf_calendar_is_estimated(before, c.last);
			snprintf(detail, sizeof detail,
			         "{\"years\":\"%s\",\"days\":%d,\"changed\":%d,\"from\":\"%s\",\"to\":\"%s\","
			         "\"replaced_estimate\":%s,\"deadlines_moved\":%d}",
			         years, c.days, changed, f, t, estimated ? "true" : "false", moved);
			e = lf_store_audit(st, "calendar.import", years, detail);
		}
		if (e == LF_STORE_OK)
			e = lf_store_commit(st);
		if (e != LF_STORE_OK)
			lf_store_rollback(st); /* keeps the handle's error for msg */
		if (e == LF_STORE_OK) {
			res->days = c.days;
			res->changed = changed;
			res->moved = moved;
			res->clocks_moved = clocks_moved;
			res->first_year = c.first.y;
			res->last_year = c.last.y;
		}
		if (e != LF_STORE_OK && (!msg || !msg[0]))
			cf_passed(st, e, msg, msglen);
	} else if (e != LF_STORE_INVALID) {
		cf_passed(st, e, msg, msglen);
	}
	lf_calendar_free(scratch);
	if (e == LF_STORE_OK && msg && msglen)
		msg[0] = '\0';
	/* lf_office_calendar sees the new days at its next call. */
	return e;
}

lf_store_err lf_calendar_import(lf_store *st, const lf_user *actor, const char *text, size_t len, int *days,
                                char *msg, size_t msglen)
{
	lf_calendar_import_result r;
	lf_store_err e = lf_calendar_import_file(st, actor, text, len, &r, msg, msglen);
	if (days)
		*days = e == LF_STORE_OK ? r.days : 0;
	return e;
}

lf_store_err lf_calendar_import_clocks(lf_store *st, const lf_user *actor, const char *text, size_t len, int *days,
                                       int *moved, char *msg, size_t msglen)
{
	lf_calendar_import_result r;
	lf_store_err e = lf_calendar_import_file(st, actor, text, len, &r, msg, msglen);
	if (days)
		*days = e == LF_STORE_OK ? r.days : 0;
	if (moved)
		*moved = e == LF_STORE_OK ? r.clocks_moved : 0;
	return e;
}
