/* The office's stored schedule as an administrator keeps it: slots added
 * or generated, changed (with an approver once published), checked against
 * the office calendar, published as a public table, and the reminder that
 * the next month is due. */
#include "laifang/reception.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/approval.h"
#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"
#include "laifang/settings.h"

__attribute__((format(printf, 5, 6)))
static lf_store_err refuse(lf_store *st, lf_store_err e, char *msg, size_t len, const char *fmt, ...)
{
	char m[5120]; /* a list of days off can be long */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	if (msg && len)
		snprintf(msg, len, "%s", m);
	lf_store_set_error(st, e, m);
	return e;
}

static lf_store_err passed(lf_store *st, lf_store_err e, char *msg, size_t len)
{
	if (msg && len)
		snprintf(msg, len, "%s", e == LF_STORE_OK ? "" : lf_store_errmsg(st));
	return e;
}

lf_postpone lf_office_postpone(lf_store *st)
{
	return lf_setting(st, "postpone_rule") == 1 ? LF_POSTPONE_WEEKDAY : LF_POSTPONE_OFFICIAL;
}

static void month_range(int y, int m, char from[LF_DATE_LEN], char to[LF_DATE_LEN])
{
	lf_date a = {y, m, 1};
	lf_date b = m == 12 ? (lf_date){y + 1, 1, 1} : (lf_date){y, m + 1, 1};
	lf_date_format(a, from);
	lf_date_format(lf_date_add(b, -1), to);
}

typedef struct rec_list {
	lf_slot_rec *v;
	size_t n, cap;
	bool oom;
} rec_list;

static int collect(const lf_slot_rec *r, void *ud)
{
	rec_list *l = ud;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		lf_slot_rec *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->oom = true;
			return 1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *r;
	return 0;
}

lf_store_err lf_schedule_month(lf_store *st, int y, int m, lf_slot_rec **out, size_t *n)
{
	char from[LF_DATE_LEN], to[LF_DATE_LEN];
	rec_list l = {0};
	month_range(y, m, from, to);
	lf_store_err e = lf_store_slots_between(st, from, to, collect, &l);
	if (e == LF_STORE_OK && l.oom) {
		lf_store_set_error(st, LF_STORE_IO, _("out of memory"));
		e = LF_STORE_IO;
	}
	if (e != LF_STORE_OK) {
		free(l.v);
		l.v = NULL;
		l.n = 0;
	}
	*out = l.v;
	*n = l.n;
	return e;
}

bool lf_schedule_published(lf_store *st, int y, int m, char at[LF_TIMESTAMP_LEN])
{
	char month[32];
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	return lf_store_publication_last(st, month, at, NULL) == LF_STORE_OK;
}

/* A login for the slot's leader: the active leader whose name it is. */
typedef struct find_leader {
	const char *name;
	char id[LF_ID_LEN];
} find_leader;

static int match_leader(const lf_user *u, void *ud)
{
	find_leader *f = ud;
	if (u->active && (u->roles & LF_ROLE_LEADER) && u->name && !strcmp(u->name, f->name)) {
		snprintf(f->id, sizeof f->id, "%s", u->id);
		return 1;
	}
	return 0;
}

typedef struct dup_ctx {
	const lf_slot *slot;
	bool found;
} dup_ctx;

static int same_slot(const lf_slot_rec *r, void *ud)
{
	dup_ctx *c = ud;
	if (r->slot.kind == c->slot->kind && !strcmp(r->slot.leader.name, c->slot->leader.name)) {
		c->found = true;
		return 1;
	}
	return 0;
}

/* A slot's own rules: a leader, both times or neither, end after start. */
static bool slot_ok(lf_store *st, const lf_slot *s, char *msg, size_t len)
{
	char day[LF_DATE_LEN];
	lf_date_format(s->date, day);
	if (!lf_date_valid(s->date.y, s->date.m, s->date.d)) {
		refuse(st, LF_STORE_INVALID, msg, len, _("date: %s is not a date"), day);
		return false;
	}
	if (!s->leader.name[0]) {
		refuse(st, LF_STORE_INVALID, msg, len, _("%s: the slot has no leader"), day);
		return false;
	}
	if ((s->start == LF_NO_TIME) != (s->end == LF_NO_TIME) ||
	    (s->start != LF_NO_TIME && s->end <= s->start)) {
		refuse(st, LF_STORE_INVALID, msg, len, _("%s: the time needs a start and a later end (09:30-11:30)"), day);
		return false;
	}
	return true;
}

static lf_store_err lf_schedule_store_add_with(lf_store *st, const lf_user *actor, lf_slot_rec *recs, size_t n,
                                               const char *exception, char *msg, size_t len);

lf_store_err lf_schedule_store_add(lf_store *st, const lf_user *actor, lf_slot_rec *recs, size_t n, char *msg,
                             size_t len)
{
	return lf_schedule_store_add_with(st, actor, recs, n, NULL, msg, len);
}

static lf_store_err lf_schedule_store_add_with(lf_store *st, const lf_user *actor, lf_slot_rec *recs, size_t n,
                                               const char *exception, char *msg, size_t len)
{
	char why[512];
	if (!lf_require(actor, LF_PERM_ADMINISTER, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	for (size_t i = 0; i < n; i++) {
		lf_slot *s = &recs[i].slot;
		if (!slot_ok(st, s, msg, len))
			return LF_STORE_INVALID;
		char day[LF_DATE_LEN];
		lf_date_format(s->date, day);
		dup_ctx d = {s, false};
		lf_store_err e = lf_store_slots_between(st, day, day, same_slot, &d);
		if (e != LF_STORE_OK)
			return passed(st, e, msg, len);
		for (size_t j = 0; j < i && !d.found; j++)
			d.found = !lf_date_cmp(recs[j].slot.date, s->date) && recs[j].slot.kind == s->kind &&
			          !strcmp(recs[j].slot.leader.name, s->leader.name);
		if (d.found)
			return refuse(st, LF_STORE_CONFLICT, msg, len, _("%s: %s already has a %s slot that day"), day,
			              s->leader.name, lf_slot_kind_label(s->kind));
		if (!recs[i].leader_id[0]) {
			find_leader f = {s->leader.name, ""};
			lf_store_user_each(st, match_leader, &f);
			memcpy(recs[i].leader_id, f.id, sizeof f.id);
		}
	}
	return passed(st, exception ? lf_store_slots_add_excepted(st, recs, n, exception) : lf_store_slots_add(st, recs, n),
	              msg, len);
}

lf_store_err lf_schedule_generate_store(lf_store *st, const lf_user *actor, const lf_rule *rule, int *added,
                                        char *msg, size_t len)
{
	char why[512];
	*added = 0;
	if (!lf_require(actor, LF_PERM_ADMINISTER, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	lf_schedule s;
	lf_schedule_init(&s);
	int k = lf_schedule_generate(&s, lf_office_calendar(st), rule);
	if (k < 0) {
		lf_schedule_free(&s);
		return refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("The rule cannot be used: check the period (from before to) and the day (1 to 31)."));
	}
	lf_slot_rec *recs = calloc(s.n ? s.n : 1, sizeof *recs);
	if (!recs) {
		lf_schedule_free(&s);
		return refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	}
	for (size_t i = 0; i < s.n; i++)
		recs[i].slot = s.slots[i];
	lf_store_err e = s.n ? lf_schedule_store_add(st, actor, recs, s.n, msg, len)
	                     : refuse(st, LF_STORE_INVALID, msg, len, "%s", _("The rule gives no slot in that period."));
	if (e == LF_STORE_OK)
		*added = (int)s.n;
	free(recs);
	lf_schedule_free(&s);
	return e;
}

lf_store_err lf_schedule_leaders(lf_store *st, const char *logins, lf_leader **out, size_t *n, char *msg,
                                 size_t len)
{
	*out = NULL;
	*n = 0;
	char *copy = strdup(logins ? logins : "");
	if (!copy)
		return refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	lf_store_err e = LF_STORE_OK;
	char *save = NULL;
	for (char *w = strtok_r(copy, ",", &save); w && e == LF_STORE_OK; w = strtok_r(NULL, ",", &save)) {
		lf_user u = {0};
		e = lf_store_user_get(st, w, &u, NULL);
		if (e == LF_STORE_NOTFOUND || (e == LF_STORE_OK && !(u.roles & LF_ROLE_LEADER)))
			e = refuse(st, LF_STORE_INVALID, msg, len, _("leaders: %s is not a login with the role 接访领导"), w);
		else if (e != LF_STORE_OK)
			passed(st, e, msg, len);
		else {
			lf_leader *v = realloc(*out, (*n + 1) * sizeof *v);
			if (!v)
				e = refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
			else {
				*out = v;
				memset(&v[*n], 0, sizeof v[*n]);
				lf_slot_set(v[*n].name, sizeof v[*n].name, u.name ? u.name : u.login);
				lf_slot_set(v[*n].title, sizeof v[*n].title, u.title ? u.title : "");
				(*n)++;
			}
		}
		lf_user_free(&u);
	}
	free(copy);
	if (e == LF_STORE_OK && *n == 0)
		e = refuse(st, LF_STORE_INVALID, msg, len, "%s", _("leaders: name at least one login"));
	if (e != LF_STORE_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return e;
}

bool lf_schedule_needs_approval(lf_store *st, const lf_slot_rec *before, const lf_slot *after)
{
	return lf_schedule_published(st, before->slot.date.y, before->slot.date.m, NULL) ||
	       (after && lf_schedule_published(st, after->date.y, after->date.m, NULL));
}

bool lf_schedule_change_needs_approval(lf_store *st, const lf_slot_rec *r)
{
	lf_slot_rec before;
	return lf_store_slot_get(st, r->id, &before) == LF_STORE_OK && lf_schedule_needs_approval(st, &before, &r->slot);
}

lf_store_err lf_schedule_edit(lf_store *st, const lf_user *actor, const lf_slot_rec *r, const lf_approval *ap,
                              char *msg, size_t len)
{
	return lf_schedule_edit_seen(st, actor, NULL, r, ap, msg, len);
}

lf_store_err lf_schedule_edit_seen(lf_store *st, const lf_user *actor, const lf_slot_rec *seen,
                                   const lf_slot_rec *r, const lf_approval *ap, char *msg, size_t len)
{
	char why[512];
	if (!lf_require(actor, LF_PERM_ADMINISTER, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	if (!slot_ok(st, &r->slot, msg, len))
		return LF_STORE_INVALID;
	lf_slot_rec before;
	lf_store_err e = lf_store_slot_get(st, r->id, &before);
	if (e != LF_STORE_OK)
		return passed(st, e, msg, len);
	lf_slot_rec after = *r;
	if (strcmp(after.slot.leader.name, before.slot.leader.name) || !after.leader_id[0]) {
		find_leader f = {after.slot.leader.name, ""};
		lf_store_user_each(st, match_leader, &f);
		memcpy(after.leader_id, f.id, sizeof f.id);
	}
	if (!lf_schedule_needs_approval(st, &before, &r->slot))
		return passed(st, lf_store_slot_update_seen(st, &after, NULL, seen), msg, len);

	/* Published: seed 000 — 须经局主要领导批准并及时公示. The leader
	 * approves with their own password, now (issue 11). */
	if (!ap || !ap->login || !ap->login[0])
		return refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("This month's schedule is published: a change needs the login of the leader who "
		                "approves it."));
	if (!ap->reason || !ap->reason[0])
		return refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("This month's schedule is published: give the reason for the change."));
	lf_user who;
	char ap_name[256];
	if ((e = lf_approval_check(st, actor, ap, &who, ap_name, sizeof ap_name, msg, len)) != LF_STORE_OK)
		return e;
	lf_slot_change ch = {actor->id, who.id, ap_name, ap->reason};
	e = lf_store_slot_update_seen(st, &after, &ch, seen);
	lf_user_free(&who);
	return passed(st, e, msg, len);
}

lf_store_err lf_schedule_delete(lf_store *st, const lf_user *actor, const char *slot_id, char *msg, size_t len)
{
	char why[512];
	if (!lf_require(actor, LF_PERM_ADMINISTER, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	lf_slot_rec r;
	lf_store_err e = lf_store_slot_get(st, slot_id, &r);
	if (e != LF_STORE_OK)
		return passed(st, e, msg, len);
	if (lf_schedule_published(st, r.slot.date.y, r.slot.date.m, NULL))
		return refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("This month's schedule is published: a slot is not deleted but changed, with approval."));
	return passed(st, lf_store_slot_delete(st, slot_id), msg, len);
}

int lf_schedule_days_off(lf_store *st, const lf_slot_rec *recs, size_t n, char *list, size_t len, char *days,
                         size_t dlen)
{
	lf_schedule s;
	lf_schedule_init(&s);
	for (size_t i = 0; i < n; i++)
		if (!lf_schedule_add(&s, &recs[i].slot)) {
			lf_schedule_free(&s);
			return -1;
		}
	lf_problems p;
	lf_problems_init(&p);
	/* Official days: a make-up working day on a weekend is a working day. */
	lf_check_opts o = {.receive = LF_POSTPONE_OFFICIAL};
	int k = lf_schedule_check(&s, lf_office_calendar(st), &o, &p);
	int found = 0;
	size_t used = 0, dused = 0;
	if (list && len)
		list[0] = '\0';
	if (days && dlen)
		days[0] = '\0';
	for (size_t i = 0; k > 0 && i < p.n; i++) {
		const lf_problem *pr = &p.items[i];
		if (pr->kind != LF_PROBLEM_HOLIDAY && pr->kind != LF_PROBLEM_WEEKEND)
			continue;
		found++;
		if (list && used < len)
			used += (size_t)snprintf(list + used, len - used, "%s%s", found > 1 ? "\n" : "", pr->message);
		if (days && dused < dlen) {
			char d[LF_DATE_LEN];
			lf_date_format(pr->date, d);
			dused += (size_t)snprintf(days + dused, dlen - dused, "%s\"%s\"", found > 1 ? "," : "", d);
		}
	}
	lf_problems_free(&p);
	lf_schedule_free(&s);
	return k < 0 ? -1 : found;
}

lf_store_err lf_schedule_import(lf_store *st, const lf_user *actor, lf_slot_rec *recs, size_t n,
                                const lf_approval *ap, char *msg, size_t len)
{
	char why[512];
	if (!lf_require(actor, LF_PERM_ADMINISTER, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	char list[4096], days[2048];
	int off = lf_schedule_days_off(st, recs, n, list, sizeof list, days, sizeof days);
	if (off < 0)
		return refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	if (off == 0)
		return lf_schedule_store_add(st, actor, recs, n, msg, len);
	if (!ap || !ap->days_off)
		return refuse(st, LF_STORE_INVALID, msg, len,
		              _("%s\nNothing was imported: %d slot(s) fall on days off. An approving leader may "
		                "confirm them as exceptions with their own password."),
		              list, off);
	lf_user who;
	char ap_name[256];
	lf_store_err e = lf_approval_check(st, actor, ap, &who, ap_name, sizeof ap_name, msg, len);
	if (e != LF_STORE_OK)
		return e;
	/* The same checks as any added slot, then the slots and the exception
	 * in one transaction. */
	char ex[4096];
	snprintf(ex, sizeof ex, "{\"approver_id\":\"%s\",\"days_off\":[%s]}", who.id, days);
	lf_user_free(&who);
	(void)ap_name;
	e = lf_schedule_store_add_with(st, actor, recs, n, ex, msg, len);
	return e;
}

int lf_schedule_check_office(lf_store *st, const lf_schedule *s, lf_problems *out)
{
	lf_check_opts o = {.receive = lf_office_postpone(st)};
	return lf_schedule_check(s, lf_office_calendar(st), &o, out);
}

const lf_quota *lf_default_quotas(size_t *n)
{
	static const lf_quota q[] = {
		{"county", LF_PERIOD_MONTH, 1},
		{"town", LF_PERIOD_WEEK, 1},
		{"department", LF_PERIOD_WEEK, 1},
		{"deputy", LF_PERIOD_QUARTER, 1},
	};
	*n = sizeof q / sizeof q[0];
	return q;
}

/* ---- the reminder ---------------------------------------------------------- */

bool lf_schedule_reminder(lf_store *st, lf_date today, char *msg, size_t len)
{
	const lf_calendar *cal = lf_office_calendar(st);
	int day = lf_setting(st, "schedule_publish_day");
	lf_date deadline = {today.y, today.m, day};
	while (!lf_date_valid(deadline.y, deadline.m, deadline.d) && deadline.d > 28)
		deadline.d--;
	/* Three working days before the deadline. */
	lf_date from = deadline;
	for (int k = 0; k < 3;) {
		from = lf_date_add(from, -1);
		if (lf_calendar_is_workday(cal, from))
			k++;
	}
	int ny = today.m == 12 ? today.y + 1 : today.y, nm = today.m == 12 ? 1 : today.m + 1;
	if (lf_date_cmp(today, from) < 0 || lf_schedule_published(st, ny, nm, NULL))
		return false;
	char due[LF_DATE_LEN];
	lf_date_format(deadline, due);
	if (lf_date_cmp(today, deadline) > 0)
		snprintf(msg, len, _("The %04d-%02d reception schedule is late: it was due by %s."), ny,
		         nm, due);
	else
		snprintf(msg, len, _("Publish the %04d-%02d reception schedule by %s."), ny,
		         nm, due);
	return true;
}
