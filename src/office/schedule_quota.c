/* The office's quotas of reception days (seed 001: county leaders one day a
 * month, town and department leaders one a week; seed 002: deputies one a
 * quarter), checked for a month as shown on the schedule screen: each
 * quota over its whole periods that meet the month (a week running into
 * the next month, the whole quarter), and for every leader on the roster —
 * the leaders named on any slot and the logins with the leader role —
 * including those who have no slot in the month (issue 11). */
#include "laifang/reception.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/i18n.h"

typedef struct roster {
	lf_leader *v;
	size_t n, cap;
	bool oom;
} roster;

static lf_leader *find(roster *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	return NULL;
}

static void add(roster *r, const lf_leader *l)
{
	if (!l->name[0] || find(r, l->name))
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		lf_leader *v = realloc(r->v, cap * sizeof *v);
		if (!v) {
			r->oom = true;
			return;
		}
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = *l;
}

static int from_slot(const lf_leader *l, void *ud)
{
	add(ud, l);
	return 0;
}

static int from_user(const lf_user *u, void *ud)
{
	if (!u->active || !(u->roles & LF_ROLE_LEADER))
		return 0;
	lf_leader l;
	memset(&l, 0, sizeof l);
	lf_slot_set(l.name, sizeof l.name, u->name && u->name[0] ? u->name : u->login);
	lf_slot_set(l.title, sizeof l.title, u->title ? u->title : "");
	add(ud, &l);
	return 0;
}

typedef struct slots {
	lf_schedule s;
	bool oom;
} slots;

static int take_slot(const lf_slot_rec *r, void *ud)
{
	slots *x = ud;
	if (!lf_schedule_add(&x->s, &r->slot))
		x->oom = true;
	return x->oom;
}

static lf_date period_first(lf_period per, lf_date d)
{
	if (per == LF_PERIOD_WEEK)
		return lf_date_add(d, -((lf_date_weekday(d) + 6) % 7));
	if (per == LF_PERIOD_QUARTER)
		return (lf_date){d.y, (d.m - 1) / 3 * 3 + 1, 1};
	return (lf_date){d.y, d.m, 1};
}

static lf_date period_last(lf_period per, lf_date d)
{
	lf_date a = period_first(per, d);
	if (per == LF_PERIOD_WEEK)
		return lf_date_add(a, 6);
	int m = a.m + (per == LF_PERIOD_QUARTER ? 3 : 1);
	lf_date next = m > 12 ? (lf_date){a.y + 1, m - 12, 1} : (lf_date){a.y, m, 1};
	return lf_date_add(next, -1);
}

lf_store_err lf_schedule_quota_month(lf_store *st, int y, int m, lf_shortfalls *out, char *unranked, size_t len)
{
	if (unranked && len)
		unranked[0] = '\0';
	size_t nq;
	const lf_quota *q = lf_default_quotas(&nq);
	lf_date first = {y, m, 1};
	lf_date last = lf_date_add(m == 12 ? (lf_date){y + 1, 1, 1} : (lf_date){y, m + 1, 1}, -1);
	lf_date from = first, to = last;
	for (size_t i = 0; i < nq; i++) {
		lf_date a = period_first(q[i].per, first), b = period_last(q[i].per, last);
		if (lf_date_cmp(a, from) < 0)
			from = a;
		if (lf_date_cmp(b, to) > 0)
			to = b;
	}
	roster r = {0};
	lf_store_err e = lf_store_slot_leaders(st, from_slot, &r);
	if (e == LF_STORE_OK)
		e = lf_store_user_each(st, from_user, &r);
	slots x = {.oom = false};
	lf_schedule_init(&x.s);
	char f[LF_DATE_LEN], t[LF_DATE_LEN];
	lf_date_format(from, f);
	lf_date_format(to, t);
	if (e == LF_STORE_OK)
		e = lf_store_slots_between(st, f, t, take_slot, &x);
	if (e == LF_STORE_OK && (r.oom || x.oom)) {
		lf_store_set_error(st, LF_STORE_IO, _("out of memory"));
		e = LF_STORE_IO;
	}
	/* Each quota over its own whole periods that meet the month. */
	for (size_t i = 0; e == LF_STORE_OK && i < nq; i++) {
		lf_date a = period_first(q[i].per, first), b = period_last(q[i].per, last);
		if (lf_schedule_quota(&x.s, lf_office_calendar(st), &q[i], 1, r.v, r.n, a, b, out) < 0) {
			lf_store_set_error(st, LF_STORE_IO, _("out of memory"));
			e = LF_STORE_IO;
		}
	}
	/* A leader with no level anywhere has no quota to check: say so. */
	size_t used = 0;
	for (size_t i = 0; e == LF_STORE_OK && unranked && i < r.n; i++) {
		bool known = false;
		for (size_t k = 0; k < nq && !known; k++)
			known = !strcmp(r.v[i].level, q[k].level);
		if (!known && used < len)
			used += (size_t)snprintf(unranked + used, len - used, "%s%s", used ? "、" : "", r.v[i].name);
	}
	free(r.v);
	lf_schedule_free(&x.s);
	return e;
}
