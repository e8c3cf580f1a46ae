/* The reception day at the desk: group petitions (集体访: at most five
 * representatives with full details, the rest counted), the waiting flow
 * (候谈 → 接谈 → done or 劝返), and the waiting list against the staff on
 * duty. */
#include "laifang/caseflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/i18n.h"
#include "laifang/store_audit.h"
#include "laifang/document.h"
#include "laifang/validate.h"

#define HEADCOUNT_MAX 10000

/* *field becomes a copy of value (kept as it was when out of memory). */
static void replace(char **field, const char *value)
{
	char *copy = strdup(value);
	if (copy) {
		free(*field);
		*field = copy;
	}
}

lf_store_err lf_case_add_representative(lf_store *st, const lf_user *actor, const char *case_id,
                                        const char *id_number, const char *name, const char *sex,
                                        const char *phone, const char *address, char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_REGISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *n = NULL, *id = NULL, *s = NULL, *p = NULL, *a = NULL;
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if ((e = cf_text(st, name, false, true, 64, N_("name"), &n, msg, len)) == LF_STORE_OK &&
	    (e = cf_text(st, id_number, false, true, 32, N_("ID number"), &id, msg, len)) == LF_STORE_OK &&
	    (e = cf_text(st, sex, false, false, 8, N_("sex"), &s, msg, len)) == LF_STORE_OK &&
	    (e = cf_text(st, phone, false, false, 32, N_("phone"), &p, msg, len)) == LF_STORE_OK)
		e = cf_text(st, address, false, false, 200, N_("address"), &a, msg, len);
	/* The sheet's own checks: a bad value is named, never stored. */
	lf_check c;
	if (e == LF_STORE_OK && lf_check_id_number(id, lf_date_today(), &c) == LF_INVALID)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s: %s", _("ID number"), c.message);
	else if (e == LF_STORE_OK) {
		/* The record knows a person by the 18-digit form. */
		char wide[19];
		replace(&id, lf_id_widen(c.normalized, wide) ? wide : c.normalized);
	}
	if (e == LF_STORE_OK && p[0] && lf_check_phone(p, &c) == LF_INVALID)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s: %s", _("phone"), c.message);
	else if (e == LF_STORE_OK && p[0])
		replace(&p, c.normalized);
	if (e == LF_STORE_OK && s[0] && lf_check_sex(s, id, &c) == LF_INVALID)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s: %s", _("sex"), c.message);
	else if (e == LF_STORE_OK && s[0])
		replace(&s, c.normalized);
	if (e == LF_STORE_OK)
		e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK)
		e = cf_unlocked(st, &flow, msg, len);
	if (e == LF_STORE_OK && !lf_state_open(flow.state))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the case is %s: nothing more can be added to it"),
		              lf_state_label(flow.state));
	if (e == LF_STORE_OK && flow.representatives >= LF_MAX_REPRESENTATIVES)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("representatives: people who come together about one matter choose at most %d "
		                "representatives (Regulations on Letters and Visits, art. 20); count the others in "
		                "the headcount"),
		              LF_MAX_REPRESENTATIVES);
	if (e == LF_STORE_OK)
		e = cf_passed(st, lf_store_case_add_visitor_upto(st, flow.case_id, LF_MAX_REPRESENTATIVES, id, n,
		                                                 s[0] ? s : NULL, p[0] ? p : NULL, a[0] ? a : NULL),
		              msg, len);
	/* More representatives than the headcount said: the headcount grows,
	 * to the count read after the write (another desk may have added one). */
	lf_case_flow now;
	memset(&now, 0, sizeof now);
	if (e == LF_STORE_OK && lf_store_case_flow(st, flow.case_id, &now) == LF_STORE_OK &&
	    now.headcount < now.representatives)
		e = cf_passed(st, lf_store_case_set_headcount(st, flow.case_id, now.representatives), msg, len);
	lf_case_flow_free(&now);
	lf_case_flow_free(&flow);
	free(n);
	free(id);
	free(s);
	free(p);
	free(a);
	return e;
}

lf_store_err lf_case_set_headcount(lf_store *st, const lf_user *actor, const char *case_id, int headcount,
                                   char *msg, size_t len)
{
	return lf_case_set_headcount_seen(st, actor, case_id, -1, headcount, msg, len);
}

lf_store_err lf_case_set_headcount_seen(lf_store *st, const lf_user *actor, const char *case_id, int seen,
                                        int headcount, char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_REGISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (headcount < 1 || headcount > HEADCOUNT_MAX)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("headcount: 1 to %d people"), HEADCOUNT_MAX);
	lf_case_flow flow;
	e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK)
		e = cf_unlocked(st, &flow, msg, len);
	if (e == LF_STORE_OK && !lf_state_open(flow.state))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the case is %s: nothing more can be added to it"),
		              lf_state_label(flow.state));
	if (e == LF_STORE_OK && headcount < flow.representatives)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("headcount: at least the %d representatives already recorded"), flow.representatives);
	if (e == LF_STORE_OK)
		e = cf_passed(st, lf_store_case_set_headcount_from(st, flow.case_id, seen, headcount), msg, len);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- the waiting flow ---- */

static const struct {
	const char *kind;   /* event kind */
	const char *state;  /* visit_state after it */
	const char *from[2];/* visit states it may follow */
	const char *label;
} visit_steps[] = {
	[LF_VISIT_WAIT] = {"visit.waiting", "waiting", {"", NULL}, N_("put on the waiting list")},
	[LF_VISIT_INTERVIEW] = {"visit.interview", "interview", {"waiting", NULL}, N_("interview")},
	[LF_VISIT_DONE] = {"visit.done", "done", {"interview", "waiting"}, N_("end the visit")},
	[LF_VISIT_RETURNED] = {"visit.returned", "returned", {"interview", "waiting"},
	                       N_("persuade to return")},
};

static const char *visit_label(const char *state)
{
	if (!state || !state[0])
		return _("not on the waiting list");
	if (!strcmp(state, "waiting"))
		return _("waiting");
	if (!strcmp(state, "interview"))
		return _("in the interview");
	if (!strcmp(state, "done"))
		return _("done");
	return _("persuaded to return");
}

lf_store_err lf_case_visit(lf_store *st, const lf_user *actor, const char *case_id, lf_visit_step step,
                           char *msg, size_t len)
{
	if ((unsigned)step > LF_VISIT_RETURNED)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("no such step"));
	/* The clerk puts a visitor on the list; the clerk or the leader on
	 * duty moves them on. */
	lf_perm perm = LF_PERM_REGISTER;
	if (step != LF_VISIT_WAIT && actor && lf_can(actor->roles, LF_PERM_INSTRUCT))
		perm = LF_PERM_INSTRUCT;
	lf_store_err e = cf_require(st, actor, perm, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_case_flow flow;
	e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK)
		e = cf_unlocked(st, &flow, msg, len);
	if (e == LF_STORE_OK && !lf_state_open(flow.state))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the case is %s: nothing more can be added to it"),
		              lf_state_label(flow.state));
	if (e == LF_STORE_OK) {
		bool ok = false;
		for (int i = 0; i < 2; i++)
			ok |= visit_steps[step].from[i] && !strcmp(flow.visit_state, visit_steps[step].from[i]);
		if (!ok)
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("cannot %s: the visitor is %s"),
			              _(visit_steps[step].label), visit_label(flow.visit_state));
	}
	if (e == LF_STORE_OK) {
		char signer[256];
		cf_signer(actor, signer, sizeof signer);
		lf_event_in ev = {.case_id = flow.case_id, .kind = visit_steps[step].kind,
		                  .expect_state = lf_state_id(flow.state), .urgent = -1, .major = -1,
		                  .signer_name = signer, .expect_visit_state = flow.visit_state};
		e = cf_event(st, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	return e;
}

/* ---- the waiting list against the staff on duty ---- */

static int count_row(const lf_queue_row *r, void *ud)
{
	(void)r;
	(void)ud;
	return 0;
}

typedef struct logged_in {
	char (*ids)[37];
	size_t n, cap;
	long long last_seq;
	int seen;
} logged_in;

static int note_login(const lf_audit_entry *a, void *ud)
{
	logged_in *l = ud;
	l->seen++;
	l->last_seq = a->seq;
	if (!a->action || strcmp(a->action, "login.ok") || !a->user_id)
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->ids[i], a->user_id))
			return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char(*grown)[37] = realloc(l->ids, cap * sizeof *grown);
		if (!grown)
			return 1;
		l->ids = grown;
		l->cap = cap;
	}
	snprintf(l->ids[l->n++], 37, "%s", a->user_id);
	return 0;
}

typedef struct on_duty {
	const logged_in *in;
	int staff;
} on_duty;

static int count_staff(const lf_user *u, void *ud)
{
	on_duty *d = ud;
	if (!u->active || !(u->roles & (LF_ROLE_CLERK | LF_ROLE_LEADER)))
		return 0;
	for (size_t i = 0; i < d->in->n; i++)
		if (!strcmp(d->in->ids[i], u->id)) {
			d->staff++;
			break;
		}
	return 0;
}

/* Clerks and leaders who logged in on date, from the audit log. */
static int staff_logged_in(lf_store *st, const char *date)
{
	logged_in l = {0};
	lf_audit_filter f = {.day = date, .limit = 1000};
	for (;;) {
		l.seen = 0;
		if (lf_store_audit_each(st, &f, note_login, &l) != LF_STORE_OK)
			break;
		if (l.seen < f.limit)
			break;
		f.before_seq = l.last_seq;
	}
	on_duty d = {.in = &l};
	lf_store_user_each(st, count_staff, &d);
	free(l.ids);
	return d.staff;
}

bool lf_waiting_warning(lf_store *st, const char *date, int *people, int *staff, char *msg, size_t len)
{
	int waiting = 0, on = 0;
	char today[LF_DATE_LEN];
	if (!date || !date[0]) {
		lf_date_format(lf_date_today(), today);
		date = today;
	}
	if (msg && len)
		msg[0] = '\0';
	if (lf_store_waiting(st, date, count_row, NULL, &waiting) != LF_STORE_OK)
		waiting = 0;
	/* The office may say how many are on duty; otherwise those who came to
	 * the desk today are counted. */
	on = lf_store_setting_int(st, "staff_on_duty", -1);
	if (on < 0)
		on = staff_logged_in(st, date);
	if (people)
		*people = waiting;
	if (staff)
		*staff = on;
	if (waiting <= on)
		return false;
	if (msg && len)
		snprintf(msg, len,
		         _("%d visitors are waiting and %d staff are on duty: call in more staff, or ask a group to "
		           "choose its representatives"),
		         waiting, on);
	return true;
}

const char *lf_visit_state_label(const char *state)
{
	static const struct {
		const char *id, *label;
	} labels[] = {
		{"waiting", N_("waiting (候谈)")},
		{"interview", N_("interview (接谈)")},
		{"done", N_("done (完成)")},
		{"returned", N_("persuaded to return (劝返)")},
	};
	if (!state)
		return "";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i].id, state))
			return _(labels[i].label);
	return state;
}
