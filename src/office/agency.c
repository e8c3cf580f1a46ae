/* Transfers and assignments come back (agency.h): the office records an
 * outside agency's answers; the co-agencies of a case; satisfaction
 * marked 未评价; the archive gate read for one case. Permission first,
 * then the case and its state, then the inputs, then one write. */
#include "laifang/agency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/access.h"
#include "laifang/caseflow.h"
#include "laifang/date.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/store_agency.h"
#include "laifang/text.h"

#define REASON_MAX_CHARS 1000
#define TEXT_MAX_CHARS 4000

static const struct {
	const char *key, *label;
} kinds[LF_AGENCY_COUNT] = {
	[LF_AGENCY_RECEIPT] = {"agency_receipt", N_("agency received it (收到)")},
	[LF_AGENCY_ACCEPT] = {"agency_accept", N_("agency accepted it (接收)")},
	[LF_AGENCY_OBJECT] = {"agency_object", N_("agency objected (异议)")},
	[LF_AGENCY_RESULT] = {"agency_result", N_("agency's result (办理结果)")},
};

const char *lf_agency_kind_key(lf_agency_kind k)
{
	return (unsigned)k < LF_AGENCY_COUNT ? kinds[k].key : NULL;
}

const char *lf_agency_kind_label(lf_agency_kind k)
{
	return (unsigned)k < LF_AGENCY_COUNT ? _(kinds[k].label) : NULL;
}

bool lf_agency_kind_parse(const char *key, lf_agency_kind *out)
{
	for (int i = 0; key && i < LF_AGENCY_COUNT; i++)
		if (!strcmp(kinds[i].key, key) || !strcmp(kinds[i].key + 7, key)) {
			*out = (lf_agency_kind)i;
			return true;
		}
	return false;
}

/* The states each answer is taken from, and where it leads. */
#define S(x) (1u << (x))
static unsigned from_states(lf_agency_kind k)
{
	switch (k) {
	case LF_AGENCY_RECEIPT:
	case LF_AGENCY_RESULT:
		return S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING);
	default:
		return S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED);
	}
}

static const char *to_state(lf_agency_kind k)
{
	switch (k) {
	case LF_AGENCY_ACCEPT:
		return lf_state_id(LF_ST_HANDLING);
	case LF_AGENCY_OBJECT:
		return lf_state_id(LF_ST_ACCEPTED);
	case LF_AGENCY_RESULT:
		return lf_state_id(LF_ST_REPORTED);
	default:
		return NULL;
	}
}

/* The office's clerks and supervisors record what the agency sent. */
static bool may_record(const lf_user *u)
{
	return u && (lf_can(u->roles, LF_PERM_ROUTE) || lf_can(u->roles, LF_PERM_REGISTER));
}

static bool outside(const lf_case_flow *f)
{
	return f->lead_unit_kind && (!strcmp(f->lead_unit_kind, "peer") || !strcmp(f->lead_unit_kind, "lower"));
}


bool lf_agency_office_may_reply(lf_store *st, const lf_user *actor, const lf_case_flow *f)
{
	if (!actor || f->state != LF_ST_REPORTED || lf_can(actor->roles, LF_PERM_REPLY) ||
	    !lf_can(actor->roles, LF_PERM_ROUTE))
		return false;
	lf_case_file_facts k = f->facts;
	return lf_store_archive_facts(st, f->case_id, &k) == LF_STORE_OK && k.outside && k.agency_results > 0;
}

/* ---- what the timeline says of the agency ---- */

typedef struct answers_seen {
	bool receipt;
	lf_date received;
	bool routed;
	lf_date routed_on; /* the latest transfer or assignment */
} answers_seen;

static bool day_of(const char *at, lf_date *d)
{
	char day[LF_DATE_LEN];
	if (!at || strlen(at) < 10)
		return false;
	memcpy(day, at, 10);
	day[10] = '\0';
	return lf_date_parse(day, d);
}

static int see_routing(const lf_event *e, void *ud)
{
	answers_seen *a = ud;
	if (e->kind && (!strcmp(e->kind, "transfer") || !strcmp(e->kind, "assign")) && day_of(e->at, &a->routed_on)) {
		a->routed = true;
		a->receipt = false; /* routed again: a new agency's receipt counts */
	}
	return 0;
}

static int see_receipt(const lf_agency_answer *x, void *ud)
{
	answers_seen *a = ud;
	lf_date d;
	if (x->kind && !strcmp(x->kind, "agency_receipt") && lf_date_parse(x->on_date, &d) && x->at) {
		lf_date at;
		/* Only a receipt recorded after the latest routing. */
		if (!a->routed || (day_of(x->at, &at) && lf_date_cmp(at, a->routed_on) >= 0)) {
			a->receipt = true;
			a->received = d;
		}
	}
	return 0;
}

/* The timeline's routings and the agency's receipts, as seen. */
static lf_store_err see(lf_store *st, const char *case_id, answers_seen *seen)
{
	lf_store_err e = lf_store_case_events(st, case_id, see_routing, seen);
	return e == LF_STORE_OK ? lf_store_agency_answers(st, case_id, see_receipt, seen) : e;
}

bool lf_agency_open(lf_store *st, const lf_user *actor, const lf_case_flow *f, lf_agency_kind k)
{
	if ((unsigned)k >= LF_AGENCY_COUNT || !may_record(actor) || !outside(f) || !(from_states(k) & S(f->state)))
		return false;
	answers_seen seen = {0};
	return k != LF_AGENCY_RECEIPT || (see(st, f->case_id, &seen) == LF_STORE_OK && !seen.receipt);
}

/* ---- recording an answer ---- */

lf_store_err lf_case_agency(lf_store *st, const lf_user *actor, const char *case_id, lf_agency_kind k,
                            const lf_agency_args *args, char *msg, size_t len)
{
	static const lf_agency_args none;
	const lf_agency_args *a = args ? args : &none;
	if (msg && len)
		msg[0] = '\0';
	if ((unsigned)k >= LF_AGENCY_COUNT)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("no such step"));
	if (!may_record(actor))
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		                 _("not allowed: an agency's answer is recorded by the office's clerks and supervisors"));
	lf_case_flow flow;
	lf_store_err e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *reason = NULL, *text = NULL;
	lf_attachment file;
	bool has_file = false;
	answers_seen seen = {0};
	lf_date on = lf_date_today(), today = on;
	char on_s[LF_DATE_LEN];
	if ((e = cf_unlocked(st, &flow, msg, len)) != LF_STORE_OK)
		goto out;
	if (!outside(&flow)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("this case was not transferred or assigned to an outside agency"));
		goto out;
	}
	if (!(from_states(k) & S(flow.state))) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("%s: not while the case is %s"), lf_agency_kind_label(k),
		              lf_state_label(flow.state));
		goto out;
	}
	if (a->date && a->date[0] &&
	    (!lf_date_parse(a->date, &on) || !lf_date_valid(on.y, on.m, on.d))) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("date: %s is not a date (YYYY-MM-DD)"), a->date);
		goto out;
	}
	if (lf_date_cmp(on, today) > 0) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("date: the agency's date is in the future"));
		goto out;
	}
	lf_date_format(on, on_s);
	if ((e = cf_text(st, a->reason, true, k == LF_AGENCY_OBJECT, REASON_MAX_CHARS, N_("reason"), &reason, msg,
	                 len)) != LF_STORE_OK ||
	    (e = cf_text(st, a->text, true, false, TEXT_MAX_CHARS, N_("text"), &text, msg, len)) != LF_STORE_OK)
		goto out;
	if ((e = see(st, flow.case_id, &seen)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto out;
	}
	if (k == LF_AGENCY_RECEIPT && seen.receipt) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("the agency's receipt is already recorded"));
		goto out;
	}
	if (k == LF_AGENCY_RESULT && !text[0] && !(a->file && a->file[0])) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("the agency's result: type its reply or give the scanned file"));
		goto out;
	}
	if (k == LF_AGENCY_RESULT && a->file && a->file[0]) {
		if ((e = lf_attachment_copy(st, _("scanned reply"), a->file, &file, msg, len)) != LF_STORE_OK)
			goto out;
		has_file = true;
	}
	char signer[256];
	cf_signer(actor, signer, sizeof signer);
	/* The result is the case's handling report: the deadline closes as the
	 * report step's does, unless a leader's instruction is awaited. */
	bool closes = k == LF_AGENCY_RESULT && !(flow.instruction_leader_id && flow.instruction_leader_id[0]);
	lf_event_in ev = {
		.case_id = flow.case_id,
		.kind = lf_agency_kind_key(k),
		.expect_state = lf_state_id(flow.state),
		.to_state = flow.state == LF_ST_HANDLING && k == LF_AGENCY_RECEIPT ? NULL : to_state(k),
		.reason = reason[0] ? reason : NULL,
		.text = text[0] ? text : (has_file ? file.name : NULL),
		.due_on = closes ? "" : NULL,
		.due_rule = closes ? "" : NULL,
		.urgent = -1,
		.major = -1,
		.signer_name = signer,
	};
	e = cf_passed(st, lf_store_agency_answer(st, &ev, on_s, has_file ? &file : NULL), msg, len);
	/* 《信访工作条例》第二十三条: an objection within 5 working days of
	 * receipt (of the transfer, when no receipt was recorded). */
	if (e == LF_STORE_OK && k == LF_AGENCY_OBJECT && (seen.receipt || seen.routed)) {
		lf_date due = lf_deadline_due(lf_office_calendar(st), LF_DL_OBJECT, seen.receipt ? seen.received
		                                                                                  : seen.routed_on);
		if (lf_date_cmp(on, due) > 0 && msg && len) {
			char d[LF_DATE_LEN];
			lf_date_format(due, d);
			snprintf(msg, len,
			         _("The objection is recorded, but it came after %s: an agency objects within 5 working days "
			           "of receipt (《信访工作条例》第二十三条)."),
			         d);
		}
	}
out:
	free(reason);
	free(text);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- satisfaction not given ---- */

lf_store_err lf_case_mark_unrated(lf_store *st, const lf_user *actor, const char *case_id, const char *reason,
                                  char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_REPLY, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_case_flow flow;
	if ((e = cf_flow(st, actor, case_id, &flow, msg, len)) != LF_STORE_OK)
		return e;
	char *why = NULL;
	if ((e = cf_unlocked(st, &flow, msg, len)) == LF_STORE_OK && flow.state != LF_ST_REPLIED &&
	    flow.state != LF_ST_REPORTED)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("未评价: not while the case is %s"),
		              lf_state_label(flow.state));
	if (e == LF_STORE_OK)
		e = cf_text(st, reason, true, true, REASON_MAX_CHARS, N_("reason"), &why, msg, len);
	if (e == LF_STORE_OK) {
		char signer[256];
		cf_signer(actor, signer, sizeof signer);
		lf_event_in ev = {.case_id = flow.case_id, .kind = "satisfaction_unrated",
		                  .expect_state = lf_state_id(flow.state), .reason = why, .urgent = -1, .major = -1,
		                  .signer_name = signer};
		e = cf_event(st, &ev, msg, len);
	}
	free(why);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- co-agencies ---- */

void cf_units_free(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* What separates the names of a list. */
static const char *const seps[] = {",", "，", "、", ";", "；", "\n", "\r"};

/* The next name of a list separated by ',' '，' '、' ';' or line breaks. */
static const char *next_name(const char *p, char *out, size_t len)
{
	size_t n = 0;
	while (*p) {
		size_t k = 0;
		for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
			if (!strncmp(p, seps[i], strlen(seps[i]))) {
				k = strlen(seps[i]);
				break;
			}
		if (k) {
			p += k;
			break;
		}
		if (n + 1 < len)
			out[n++] = *p;
		p++;
	}
	out[n] = '\0';
	lf_text_trim(out);
	return p;
}

static bool spaced(const char *name)
{
	return strchr(name, ' ') || strstr(name, "\xe3\x80\x80"); /* U+3000, the full-width space */
}

/* Whether one part of a list is name: the part itself, or one of its
 * words between spaces (as cf_co_units reads a part naming no unit). */
static bool part_is(const char *part, const char *name)
{
	if (!strcmp(part, name))
		return true;
	if (!spaced(part))
		return false;
	size_t n = strlen(name);
	for (const char *p = strstr(part, name); p; p = strstr(p + 1, name)) {
		bool starts = p == part || p[-1] == ' ' || (p - part >= 3 && !strncmp(p - 3, "\xe3\x80\x80", 3));
		bool ends = !p[n] || p[n] == ' ' || !strncmp(p + n, "\xe3\x80\x80", 3);
		if (starts && ends)
			return true;
	}
	return false;
}

bool lf_co_units_hold(const char *list, const char *name)
{
	char part[256];
	for (const char *p = list ? list : ""; *p && name && *name;) {
		p = next_name(p, part, sizeof part);
		if (part[0] && part_is(part, name))
			return true;
	}
	return false;
}

char *lf_co_units_add(const char *list, const char *name)
{
	char *have = strdup(list ? list : "");
	if (!have)
		return NULL;
	lf_text_trim(have);
	/* After a separator typed last ("市住建局、"), no second one. */
	size_t used = strlen(have);
	bool open = used == 0;
	for (size_t i = 0; !open && i < sizeof seps / sizeof *seps; i++) {
		size_t k = strlen(seps[i]);
		open = used >= k && !strcmp(have + used - k, seps[i]);
	}
	size_t len = used + strlen("、") + strlen(name) + 1;
	char *both = malloc(len);
	if (both)
		snprintf(both, len, "%s%s%s", have, open ? "" : "、", name);
	free(have);
	return both;
}

/* name's parts between spaces as further names, their ids added to ids
 * (freed, with *n 0, on a refusal). */
static lf_store_err co_units_spaced(lf_store *st, const char *name, const char *lead_id, char ***ids, size_t *n,
                                    char *msg, size_t len)
{
	char list[256 * 3];
	size_t k = 0;
	for (const char *p = name; *p && k + 4 < sizeof list;) {
		if (*p == ' ' || !strncmp(p, "\xe3\x80\x80", 3)) {
			list[k++] = ',';
			p += *p == ' ' ? 1 : 3;
		} else
			list[k++] = *p++;
	}
	list[k] = '\0';
	char **more = NULL;
	size_t m = 0;
	lf_store_err e = cf_co_units(st, list, lead_id, &more, &m, msg, len);
	char **grown = e == LF_STORE_OK ? realloc(*ids, (*n + m + 1) * sizeof **ids) : NULL;
	if (e == LF_STORE_OK && !grown)
		e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	if (e != LF_STORE_OK) {
		cf_units_free(more, m);
		cf_units_free(*ids, *n);
		*ids = NULL;
		*n = 0;
		return e;
	}
	*ids = grown;
	for (size_t i = 0; i < m; i++)
		(*ids)[(*n)++] = more[i];
	free(more);
	return LF_STORE_OK;
}

lf_store_err cf_co_units(lf_store *st, const char *text, const char *lead_id, char ***ids, size_t *n, char *msg,
                         size_t len)
{
	*ids = NULL;
	*n = 0;
	const char *p = text ? text : "";
	char name[256];
	while (*p) {
		p = next_name(p, name, sizeof name);
		if (!name[0])
			continue;
		lf_unit u;
		lf_store_err e = lf_store_unit_get(st, name, &u);
		if (e == LF_STORE_NOTFOUND && spaced(name)) {
			/* No unit of that name with its spaces: the names it holds,
			 * separated by them ("市人社局 市住建局"). */
			e = co_units_spaced(st, name, lead_id, ids, n, msg, len);
			if (e == LF_STORE_OK)
				continue;
			return e;
		}
		if (e == LF_STORE_NOTFOUND)
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("co-agency: there is no unit \"%s\""), name);
		else if (e != LF_STORE_OK)
			e = cf_passed(st, e, msg, len);
		else if (!u.active)
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("co-agency: %s is no longer in use"), u.name);
		else if (!strcmp(u.kind, "discipline"))
			e = cf_refuse(st, LF_STORE_INVALID, msg, len,
			              _("co-agency: %s is a discipline inspection body; a referral goes there alone"), u.name);
		else if (lead_id && !strcmp(u.id, lead_id))
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("co-agency: %s is the lead unit"), u.name);
		char **grown = e == LF_STORE_OK ? realloc(*ids, (*n + 1) * sizeof **ids) : NULL;
		if (e == LF_STORE_OK && grown) {
			*ids = grown;
			(*ids)[*n] = strdup(u.id);
			if ((*ids)[*n])
				(*n)++;
			else
				e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		} else if (e == LF_STORE_OK) {
			e = cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		}
		lf_unit_free(&u);
		if (e != LF_STORE_OK) {
			cf_units_free(*ids, *n);
			*ids = NULL;
			*n = 0;
			return e;
		}
	}
	return LF_STORE_OK;
}

lf_store_err lf_case_set_co_units(lf_store *st, const lf_user *actor, const char *case_id, const char *units,
                                  char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ROUTE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_case_flow flow;
	if ((e = cf_flow(st, actor, case_id, &flow, msg, len)) != LF_STORE_OK)
		return e;
	char **ids = NULL;
	size_t n = 0;
	if ((e = cf_unlocked(st, &flow, msg, len)) == LF_STORE_OK && !flow.facts.has_routing)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("co-agencies are named once the case is routed to its lead unit"));
	if (e == LF_STORE_OK)
		e = cf_co_units(st, units, flow.lead_unit_id, &ids, &n, msg, len);
	if (e == LF_STORE_OK)
		e = cf_passed(st, lf_store_case_units_set(st, flow.case_id, flow.lead_unit_id, (const char *const *)ids, n),
		              msg, len);
	cf_units_free(ids, n);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- the archive gate for one case ---- */

int lf_case_archive_check(lf_store *st, const lf_user *actor, const char *case_id, char *buf, size_t len)
{
	lf_case_flow flow;
	if (cf_flow(st, actor, case_id, &flow, buf, len) != LF_STORE_OK)
		return -1;
	int n = -1;
	if (lf_store_archive_facts(st, flow.case_id, &flow.facts) == LF_STORE_OK)
		n = lf_archive_missing(&flow.facts, buf, len);
	else if (buf && len)
		snprintf(buf, len, "%s", lf_store_errmsg(st));
	lf_case_flow_free(&flow);
	return n;
}
