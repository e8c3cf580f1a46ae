/* laifang calendar import: a year's published arrangement replaces what the
 * calendar had for it (an estimate past the last year, or an earlier
 * file), the change is audited with the days it changed, and every running
 * deadline its rule counted over those days is counted again. */
#include "laifang/caseflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"
#include "laifang/store_audit.h"
#include "laifang/store_due.h"

/* ---- counting running deadlines again ---- */

typedef struct due_case {
	char id[40], case_no[24], received_on[LF_DATE_LEN], due_on[LF_DATE_LEN], due_rule[16];
} due_case;

typedef struct due_list {
	due_case *v;
	size_t n, cap;
	bool oom;
} due_list;

static int collect_due(const lf_due_row *r, void *ud)
{
	due_list *l = ud;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		due_case *grown = realloc(l->v, cap * sizeof *grown);
		if (!grown) {
			l->oom = true;
			return 1;
		}
		l->v = grown;
		l->cap = cap;
	}
	due_case *c = &l->v[l->n++];
	snprintf(c->id, sizeof c->id, "%s", r->case_id ? r->case_id : "");
	snprintf(c->case_no, sizeof c->case_no, "%s", r->case_no ? r->case_no : "");
	snprintf(c->received_on, sizeof c->received_on, "%s", r->received_on ? r->received_on : "");
	snprintf(c->due_on, sizeof c->due_on, "%s", r->due_on ? r->due_on : "");
	snprintf(c->due_rule, sizeof c->due_rule, "%s", r->due_rule ? r->due_rule : "");
	return 0;
}

/* The days a rule may have counted from: the acceptance (handle) or each
 * instruction (report), newest first. */
typedef struct starts {
	const char *kind;
	lf_date on[32];
	int n;
} starts;

static int find_starts(const lf_event *e, void *ud)
{
	starts *s = ud;
	lf_date d;
	char day[LF_DATE_LEN];
	if (!e->kind || strcmp(e->kind, s->kind) || !e->at || strlen(e->at) < 10)
		return 0;
	memcpy(day, e->at, 10);
	day[10] = '\0';
	if (!lf_date_parse(day, &d))
		return 0;
	if (s->n == (int)(sizeof s->on / sizeof s->on[0])) {
		memmove(s->on, s->on + 1, sizeof s->on - sizeof s->on[0]); /* keep the newest */
		s->n--;
	}
	s->on[s->n++] = d;
	return 0;
}

/* The case's due date counted again on after, when its rule, counted on
 * before from a start the case shows, gives the date stored (or on
 * weekends_only: a date stored before laifang estimated the years past its
 * calendar). A date a person set (a transfer's own due date), an
 * extension, or a rule without a start on record is left as it is. */
static bool recount(lf_store *st, const lf_calendar *before, const lf_calendar *weekends_only,
                    const lf_calendar *after, const due_case *c, lf_date *moved_to)
{
	lf_date stored, start;
	if (!lf_date_parse(c->due_on, &stored))
		return false;
	lf_deadline_id id;
	starts s = {0};
	if (!strcmp(c->due_rule, "route")) {
		id = LF_DL_ROUTE;
		if (!lf_date_parse(c->received_on, &start))
			return false;
		s.on[s.n++] = start;
	} else if (!strcmp(c->due_rule, "handle") || !strcmp(c->due_rule, "report")) {
		id = !strcmp(c->due_rule, "handle") ? LF_DL_HANDLE : LF_DL_REPORT;
		s.kind = id == LF_DL_HANDLE ? "accept" : "instruction";
		if (lf_store_case_events(st, c->id, find_starts, &s) != LF_STORE_OK)
			return false;
	} else {
		return false;
	}
	for (int i = s.n - 1; i >= 0; i--) {
		if (lf_date_cmp(lf_deadline_due(before, id, s.on[i]), stored) &&
		    (!weekends_only || lf_date_cmp(lf_deadline_due(weekends_only, id, s.on[i]), stored)))
			continue;
		*moved_to = lf_deadline_due(after, id, s.on[i]);
		return lf_date_cmp(*moved_to, stored) != 0;
	}
	return false;
}

static void year_span(lf_date from, lf_date to, char *buf, size_t len)
{
	if (from.y == to.y)
		snprintf(buf, len, "%d", from.y);
	else
		snprintf(buf, len, "%d–%d", from.y, to.y);
}

lf_store_err lf_calendar_changed(lf_store *st, const lf_user *actor, const lf_calendar *before, lf_date from,
                                 lf_date to, int *moved, char *msg, size_t len)
{
	if (moved)
		*moved = 0;
	const lf_calendar *after = lf_office_calendar(st);
	lf_calendar *weekends_only = lf_calendar_copy(before);
	lf_calendar_set_weekends_past_last(weekends_only, true);
	/* A due date before from cannot move (its term ends before the first
	 * day that changed), but one stored on weekends alone may be anywhere
	 * in the year: look from its first day. */
	char day[LF_DATE_LEN];
	lf_date_format((lf_date){from.y, 1, 1}, day);
	due_list l = {0};
	lf_store_err e = lf_store_cases_due_from(st, day, collect_due, &l);
	if (e == LF_STORE_OK && l.oom)
		e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	else if (e != LF_STORE_OK)
		cf_passed(st, e, msg, len);
	char years[32], signer[256] = "";
	year_span(from, to, years, sizeof years);
	if (actor)
		cf_signer(actor, signer, sizeof signer);
	for (size_t i = 0; e == LF_STORE_OK && i < l.n; i++) {
		lf_date to_day;
		if (!recount(st, before, weekends_only, after, &l.v[i], &to_day))
			continue;
		char now_due[LF_DATE_LEN], why[512];
		lf_date_format(to_day, now_due);
		snprintf(why, sizeof why,
		         _("The holiday calendar for %s changed: the deadline is counted again by its rule, %s "
		           "instead of %s."),
		         years, now_due, l.v[i].due_on);
		lf_event_in ev = {.case_id = l.v[i].id, .kind = "recount", .reason = why, .due_on = now_due,
		                  .due_rule = l.v[i].due_rule, .urgent = -1, .major = -1,
		                  .signer_name = signer[0] ? signer : NULL};
		e = lf_store_case_event(st, &ev);
		if (e != LF_STORE_OK)
			cf_passed(st, e, msg, len);
		else if (moved)
			(*moved)++;
	}
	free(l.v);
	lf_calendar_free(weekends_only);
	return e;
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
			if (changed)
				e = lf_calendar_changed(st, actor, before, from, to, &moved, msg, msglen);
		}
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
