/* A case's clocks from its history: each fact opens, moves or stops
 * clocks; the terms come from deadline.c, so no number lives here. */
#include "laifang/clocks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/deadline.h"
#include "laifang/i18n.h"

static const char *const rule_keys[LF_CLOCK_RULE_COUNT] = {"route",  "handle",   "report",    "object",
                                                            "review", "rereview", "supervise", "notify"};
static const char *const rule_labels[LF_CLOCK_RULE_COUNT] = {
	N_("routing deadline"), N_("handling deadline"), N_("instruction report deadline"),
	N_("objection deadline"), N_("review deadline (复查)"), N_("re-review deadline (复核)"),
	N_("supervision feedback deadline (督办)"), N_("notification deadline (告知)")};
static const char *const state_keys[LF_CLOCK_STATE_COUNT] = {"running", "met", "missed", "paused", "stopped"};
static const char *const state_labels[LF_CLOCK_STATE_COUNT] = {N_("running"), N_("met"), N_("missed"),
                                                               N_("paused"), N_("stopped")};

const char *lf_clock_rule_key(lf_clock_rule r)
{
	return (unsigned)r < LF_CLOCK_RULE_COUNT ? rule_keys[r] : "";
}

bool lf_clock_rule_parse(const char *key, lf_clock_rule *out)
{
	for (int i = 0; key && i < LF_CLOCK_RULE_COUNT; i++)
		if (!strcmp(key, rule_keys[i])) {
			*out = (lf_clock_rule)i;
			return true;
		}
	return false;
}

const char *lf_clock_rule_label(lf_clock_rule r)
{
	return (unsigned)r < LF_CLOCK_RULE_COUNT ? _(rule_labels[r]) : "";
}

const char *lf_clock_rule_label_key(const char *key)
{
	lf_clock_rule r;
	if (!key)
		return "";
	if (!strcmp(key, "extend"))
		return lf_clock_rule_label(LF_CLOCK_HANDLE);
	return lf_clock_rule_parse(key, &r) ? lf_clock_rule_label(r) : key;
}

const char *lf_clock_rule_short(const char *key)
{
	static const char *const shorts[LF_CLOCK_RULE_COUNT] = {N_("clock|route"), N_("clock|handle"),
	                                                        N_("clock|report"), N_("clock|object"),
	                                                        N_("clock|review"), N_("clock|rereview"),
	                                                        N_("clock|supervise"), N_("clock|notify")};
	lf_clock_rule r;
	if (!key)
		return "";
	if (!strcmp(key, "extend"))
		r = LF_CLOCK_HANDLE;
	else if (!lf_clock_rule_parse(key, &r))
		return "";
	/* "clock|" tells the translator which sense; English drops it. */
	const char *t = _(shorts[r]);
	return strncmp(t, "clock|", 6) ? t : t + 6;
}

const char *lf_clock_state_key(lf_clock_state s)
{
	return (unsigned)s < LF_CLOCK_STATE_COUNT ? state_keys[s] : "";
}

bool lf_clock_state_parse(const char *key, lf_clock_state *out)
{
	for (int i = 0; key && i < LF_CLOCK_STATE_COUNT; i++)
		if (!strcmp(key, state_keys[i])) {
			*out = (lf_clock_state)i;
			return true;
		}
	return false;
}

const char *lf_clock_state_label(lf_clock_state s)
{
	return (unsigned)s < LF_CLOCK_STATE_COUNT ? _(state_labels[s]) : "";
}

/* Hook for the estimated calendar (issue 11, dates past the calendar's last
 * year): until lf_calendar_day_estimated exists, a day the calendar does
 * not cover is estimated. */
bool lf_clock_day_estimated(const lf_calendar *cal, lf_date d)
{
	return !lf_calendar_covers(cal, d);
}

const lf_clock *lf_clocks_earliest(const lf_clock *c, size_t n)
{
	const lf_clock *best = NULL;
	for (size_t i = 0; i < n; i++) {
		if (c[i].state != LF_CLOCK_RUNNING)
			continue;
		if (!best || lf_date_cmp(c[i].due, best->due) < 0 ||
		    (lf_date_cmp(c[i].due, best->due) == 0 && c[i].rule < best->rule))
			best = &c[i];
	}
	return best;
}

/* ---- deriving ---- */

typedef struct derive {
	const lf_calendar *cal;
	bool has_reg;
	lf_date reg; /* the day the petition was received */
	lf_clock *c;
	size_t n, cap;
	bool oom;
} derive;

static bool fact_day(const lf_clock_fact *f, lf_date *d)
{
	char day[LF_DATE_LEN];
	const char *s = f->day && f->day[0] ? f->day : f->at;
	if (!s || strlen(s) < 10)
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	return lf_date_parse(day, d) && lf_date_valid(d->y, d->m, d->d);
}

static lf_clock *open_clock(derive *x, lf_clock_rule rule, long long ref, const lf_clock_fact *f, lf_date start,
                            lf_date due)
{
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 8;
		lf_clock *g = realloc(x->c, cap * sizeof *g);
		if (!g) {
			x->oom = true;
			return NULL;
		}
		x->c = g;
		x->cap = cap;
	}
	lf_clock *k = &x->c[x->n++];
	memset(k, 0, sizeof *k);
	k->rule = rule;
	k->ref = ref;
	k->start = start;
	k->due = due;
	snprintf(k->start_at, sizeof k->start_at, "%s", f->at ? f->at : "");
	k->state = LF_CLOCK_RUNNING;
	return k;
}

static void stop_clock(lf_clock *k, const lf_clock_fact *f, lf_date day, bool counts)
{
	if (k->state != LF_CLOCK_RUNNING && k->state != LF_CLOCK_PAUSED)
		return;
	k->has_stop = true;
	k->stop = day;
	snprintf(k->stop_at, sizeof k->stop_at, "%s", f->at ? f->at : "");
	snprintf(k->stop_reason, sizeof k->stop_reason, "%s", f->kind ? f->kind : "");
	k->state = !counts ? LF_CLOCK_STOPPED : lf_date_cmp(day, k->due) <= 0 ? LF_CLOCK_MET : LF_CLOCK_MISSED;
}

/* A paused clock counts again from day: the days of the hearing, its first
 * and day included, are added to the term (a term ending on a day off ends
 * on the next working day), and the basis says so. */
static void resume(derive *x, lf_clock *k, lf_date day)
{
	if (k->state != LF_CLOCK_PAUSED)
		return;
	long days = lf_date_days(day) - lf_date_days(k->paused_on) + 1;
	if (days > 0)
		k->due = lf_calendar_add_days(x->cal, k->due, (int)days);
	k->state = LF_CLOCK_RUNNING;
	char from[LF_DATE_LEN], to[LF_DATE_LEN];
	lf_date_format(k->paused_on, from);
	lf_date_format(day, to);
	lf_clock_basis_add(k->basis, "hearing", from, to);
}

/* Stop the running clocks of a rule (all rules: LF_CLOCK_RULE_COUNT); one
 * paused by a hearing counts the hearing's days first. */
static void stop_rule(derive *x, lf_clock_rule rule, const lf_clock_fact *f, lf_date day, bool counts)
{
	for (size_t i = 0; i < x->n; i++)
		if (rule == LF_CLOCK_RULE_COUNT || x->c[i].rule == rule) {
			resume(x, &x->c[i], day);
			stop_clock(&x->c[i], f, day, counts);
		}
}

static lf_clock *running(derive *x, lf_clock_rule rule)
{
	for (size_t i = x->n; i-- > 0;)
		if (x->c[i].rule == rule && x->c[i].state == LF_CLOCK_RUNNING)
			return &x->c[i];
	return NULL;
}

static bool kind_is(const lf_clock_fact *f, const char *k)
{
	return f->kind && !strcmp(f->kind, k);
}

/* The notices that tell the visitor whether and where the petition goes
 * (delivery.h lf_delivery_notifies; kept here too: core's clocks call
 * nothing but the C library and their own module's peers). */
static bool notifies(const char *notice)
{
	static const char *const told[] = {"accept", "decline", "refer", "refer_law", "transfer", "assign"};
	for (size_t i = 0; notice && i < sizeof told / sizeof told[0]; i++)
		if (!strcmp(notice, told[i]))
			return true;
	return false;
}

static void one_fact(derive *x, const lf_clock_fact *f)
{
	lf_date day, due;
	if (!f->kind || !fact_day(f, &day))
		return;
	lf_clock *k;
	if (kind_is(f, "register")) {
		x->has_reg = true;
		x->reg = day;
		if ((k = open_clock(x, LF_CLOCK_ROUTE, 0, f, day, lf_deadline_due(x->cal, LF_DL_ROUTE, day))))
			lf_clock_basis_start(k->basis, "route22", k->due);
	} else if (kind_is(f, "accept")) {
		/* Accepting screens the case; it does not route it: the route
		 * clock runs on. */
		if (!running(x, LF_CLOCK_HANDLE) &&
		    (k = open_clock(x, LF_CLOCK_HANDLE, 0, f, day, lf_deadline_due(x->cal, LF_DL_HANDLE, day))))
			lf_clock_basis_start(k->basis, "handle34", k->due);
	} else if (kind_is(f, "in_house") || kind_is(f, "transfer") || kind_is(f, "assign")) {
		stop_rule(x, LF_CLOCK_ROUTE, f, day, true);
		/* A case routed again: the first unit's objection clock ends. */
		stop_rule(x, LF_CLOCK_OBJECT, f, day, false);
		if ((k = open_clock(x, LF_CLOCK_OBJECT, f->ref, f, day, lf_deadline_due(x->cal, LF_DL_OBJECT, day))))
			lf_clock_basis_start(k->basis, "object23", k->due);
		lf_clock *h = running(x, LF_CLOCK_HANDLE);
		if (h && f->due_on && lf_date_parse(f->due_on, &due) && lf_date_cmp(due, h->due) < 0) {
			h->due = due;
			lf_clock_basis_add(h->basis, "routed", f->due_on, NULL);
		}
	} else if (kind_is(f, "decline") || kind_is(f, "refer") || kind_is(f, "refer_law")) {
		stop_rule(x, LF_CLOCK_ROUTE, f, day, true);
	} else if (kind_is(f, "agency_receipt")) {
		/* Art. 23 counts the 5 working days from the agency's receipt:
		 * once the office records it, the objection clock counts from it. */
		lf_clock *o = running(x, LF_CLOCK_OBJECT);
		if (o) {
			o->due = lf_deadline_due(x->cal, LF_DL_OBJECT, day);
			lf_clock_basis_add(o->basis, "receipt", NULL, NULL);
		}
	} else if (kind_is(f, "take_up") || kind_is(f, "agency_accept") || kind_is(f, "agency_object")) {
		stop_rule(x, LF_CLOCK_OBJECT, f, day, true);
	} else if (kind_is(f, "report") || kind_is(f, "handling") || kind_is(f, "agency_result")) {
		/* An outside agency's result, recorded by the office, is the
		 * case's handling report; the agency plainly took the case up. */
		if (kind_is(f, "agency_result"))
			stop_rule(x, LF_CLOCK_OBJECT, f, day, true);
		stop_rule(x, LF_CLOCK_HANDLE, f, day, true);
		/* Each instruction before this report is answered by it. */
		for (size_t i = 0; i < x->n; i++)
			if (x->c[i].rule == LF_CLOCK_REPORT && strcmp(x->c[i].start_at, f->at ? f->at : "") <= 0)
				stop_clock(&x->c[i], f, day, true);
	} else if (kind_is(f, "extend")) {
		lf_clock *h = running(x, LF_CLOCK_HANDLE);
		if (h && f->due_on && lf_date_parse(f->due_on, &due)) {
			/* The due date, not a count of days: a term ending on a day off
			 * moves to the next working day, so the days cannot be told
			 * back from it. */
			h->due = due;
			lf_clock_basis_add(h->basis, "extended", f->due_on,
			                   f->approver && f->approver[0] ? f->approver : "?");
		}
	} else if (kind_is(f, "instruction")) {
		if ((k = open_clock(x, LF_CLOCK_REPORT, f->ref, f, day, lf_deadline_due(x->cal, LF_DL_REPORT, day))))
			lf_clock_basis_start(k->basis, "report000", k->due);
	} else if (kind_is(f, "review_request") || kind_is(f, "rereview_request")) {
		/* Arts. 35, 36: the opinion is due 30 days from receiving the
		 * request, the day it is recorded. */
		bool re = kind_is(f, "rereview_request");
		lf_clock_rule rule = re ? LF_CLOCK_REREVIEW : LF_CLOCK_REVIEW;
		/* A case sent up by a lower office for review (from-lower) is
		 * taken straight from registered: the request is what becomes of
		 * it, so art. 22's 15 days are met. */
		if (!re)
			stop_rule(x, LF_CLOCK_ROUTE, f, day, true);
		stop_rule(x, rule, f, day, false);
		if ((k = open_clock(x, rule, f->ref, f, day,
		                    lf_deadline_due(x->cal, re ? LF_DL_REREVIEW : LF_DL_REVIEW, day))))
			lf_clock_basis_start(k->basis, re ? "rereview36" : "review35", k->due);
	} else if (kind_is(f, "review_decide")) {
		stop_rule(x, LF_CLOCK_REVIEW, f, day, true);
	} else if (kind_is(f, "rereview_decide")) {
		stop_rule(x, LF_CLOCK_REREVIEW, f, day, true);
	} else if (kind_is(f, "supervise") && f->due_on && lf_date_parse(f->due_on, &due)) {
		/* Art. 40: a supervision notice sets the date of the unit's written
		 * feedback; a later notice replaces the one still running. */
		stop_rule(x, LF_CLOCK_SUPERVISE, f, day, false);
		if ((k = open_clock(x, LF_CLOCK_SUPERVISE, f->ref, f, day, due)))
			lf_clock_basis_start(k->basis, "supervise40", k->due);
	} else if (kind_is(f, "supervise_feedback")) {
		stop_rule(x, LF_CLOCK_SUPERVISE, f, day, true);
	} else if (!strncmp(f->kind, "notice:", 7) && notifies(f->kind + 7)) {
		/* Art. 23: the visitor is told in writing within 15 days of
		 * receipt. The clock appears with the first such notice issued
		 * (printed) and counts from the registration; only the notice's
		 * delivery meets it, never its printing. */
		bool have = false;
		for (size_t i = 0; i < x->n; i++)
			have = have || x->c[i].rule == LF_CLOCK_NOTIFY;
		lf_date from = x->has_reg ? x->reg : day;
		if (!have && (k = open_clock(x, LF_CLOCK_NOTIFY, 0, f, from, lf_deadline_due(x->cal, LF_DL_ROUTE, from))))
			lf_clock_basis_start(k->basis, "notify23", k->due);
	} else if (!strncmp(f->kind, "delivery:", 9) && notifies(f->kind + 9)) {
		/* Stopped by the event "deliver" (its label on the timeline). */
		lf_clock_fact g = *f;
		g.kind = "deliver";
		stop_rule(x, LF_CLOCK_NOTIFY, &g, day, true);
	} else if (kind_is(f, "hearing_start")) {
		/* Art. 36 para. 2: the time a re-review's hearing takes is not
		 * counted in its 30 days. */
		lf_clock *r = running(x, LF_CLOCK_REREVIEW);
		if (r) {
			r->state = LF_CLOCK_PAUSED;
			r->paused_on = day;
		}
	} else if (kind_is(f, "hearing_end")) {
		for (size_t i = 0; i < x->n; i++)
			if (x->c[i].rule == LF_CLOCK_REREVIEW)
				resume(x, &x->c[i], day);
	} else if (kind_is(f, "redo")) {
		/* Issue 13: 重办 after a dissatisfied evaluation, by the due date
		 * the supervisor set. */
		stop_rule(x, LF_CLOCK_HANDLE, f, day, false);
		if (f->due_on && lf_date_parse(f->due_on, &due) &&
		    (k = open_clock(x, LF_CLOCK_HANDLE, f->ref, f, day, due)))
			lf_clock_basis_start(k->basis, "redo", k->due);
	} else if (kind_is(f, "archive")) {
		stop_rule(x, LF_CLOCK_RULE_COUNT, f, day, false);
	}
}

size_t lf_clocks_derive(const lf_calendar *cal, const lf_clock_fact *facts, size_t n, lf_clock *out, size_t max)
{
	derive x = {.cal = cal};
	for (size_t i = 0; i < n && !x.oom; i++)
		one_fact(&x, &facts[i]);
	for (size_t i = 0; i < x.n; i++)
		x.c[i].estimated = lf_clock_day_estimated(cal, x.c[i].due);
	size_t total = x.n;
	for (size_t i = 0; i < total && i < max; i++)
		out[i] = x.c[i];
	free(x.c);
	return total;
}
