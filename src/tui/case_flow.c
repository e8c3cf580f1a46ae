/* The steps of a case's life on the case screen: F7 opens a menu of what
 * this user may do now (the state machine's steps for the state, then
 * ownership, a request for an instruction, flags, supervision, extension,
 * annotation, representatives, headcount and the waiting flow as the roles
 * allow); each opens a small form that collects what the step needs and
 * calls core. A refusal keeps the form and what was typed. The timeline
 * panel is in case_timeline.c. */
#include "pickers.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/answer.h"
#include "laifang/auth.h"
#include "laifang/caseops.h"
#include "laifang/case_clocks.h"
#include "laifang/channel.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/review.h"
#include "laifang/text.h"

/* Core's answer: done, a refusal (the form stays), or a conflict (the case
 * is read again). */
static bool answer(lf_xform *f, lf_store_err e, char *msg, size_t len, const char *done)
{
	if (e == LF_STORE_OK) {
		if (!msg[0])
			snprintf(msg, len, "%s", done);
		return true;
	}
	if (e == LF_STORE_CONFLICT)
		f->conflict = true;
	if (!msg[0])
		snprintf(msg, len, "%s", lf_office_errmsg(f->t->st));
	return false;
}

/* ---- the state machine's steps ---- */

enum { W_UNIT, W_DUE, W_REASON, W_TEXT, W_SAT, W_CO, W_RECEIVED, W_OPINION, W_ANSWER, W_FACTS, W_BASIS, W_COUNT };

typedef struct step_form {
	size_t at[W_COUNT];
} step_form;

static bool step_apply(lf_xform *f, char **vals, char *msg, size_t len)
{
	step_form *sf = f->ud;
	const char *v[W_COUNT];
	for (int k = 0; k < W_COUNT; k++)
		v[k] = sf->at[k] < LF_XF_MAX && vals[sf->at[k]] && *vals[sf->at[k]] ? vals[sf->at[k]] : NULL;
	lf_step_args args = {.unit = v[W_UNIT], .due = v[W_DUE], .reason = v[W_REASON], .text = v[W_TEXT],
	                     .satisfaction = v[W_SAT], .co_units = v[W_CO], .received_on = v[W_RECEIVED],
	                     .opinion = v[W_OPINION], .answer_opinion = v[W_ANSWER], .answer_facts = v[W_FACTS],
	                     .answer_basis = v[W_BASIS]};
	/* A due date on a weekend or holiday is a question, not stored
	 * silently: asked here, refused by core unless confirmed. */
	lf_date due;
	char q[512];
	if (args.due && lf_date_parse(args.due, &due) && lf_date_valid(due.y, due.m, due.d) &&
	    !lf_due_workday(f->t->st, due, q, sizeof q)) {
		char ask[700];
		snprintf(ask, sizeof ask, _("%s. Keep this due date?"), q);
		if (!lf_dialog_confirm(ask, false)) {
			snprintf(msg, len, "%s", q);
			return false;
		}
		args.allow_nonworking = true;
	}
	int r = f->step_apply(f->step_ud, f->step, &args, msg, len);
	if (r < 0)
		f->conflict = true;
	return r > 0;
}

bool lf_step_form_run(lf_tui *t, lf_step step, const char *heading, const char *default_due,
                      lf_step_apply_fn apply, void *ud, char *msg, size_t len)
{
	const lf_step_def *d = lf_step_get(step);
	if (!d)
		return false;
	lf_xform f;
	char title[512];
	snprintf(title, sizeof title, "%s · %s", _(d->label), heading);
	lf_xf_init(&f, t, title);
	step_form sf;
	for (int k = 0; k < W_COUNT; k++)
		sf.at[k] = LF_XF_MAX;
	if (d->needs & LF_NEED_UNIT) {
		sf.at[W_UNIT] = lf_xf_choice(&f, _("Unit"), LF_PK_UNIT, 36);
		char why[512] = "";
		lf_units_of(t, d->unit_kind, &f.ch[sf.at[W_UNIT]], why, sizeof why);
		if (f.ch[sf.at[W_UNIT]].n == 0) {
			snprintf(msg, len, _("There is no unit of the kind %s in the directory: an administrator adds one."),
			         lf_unit_kind_label(d->unit_kind) ? lf_unit_kind_label(d->unit_kind) : d->unit_kind);
			lf_choices_free(&f.ch[sf.at[W_UNIT]]);
			return false;
		}
		if (f.ch[sf.at[W_UNIT]].n == 1) /* the only one there is */
			f.fd[sf.at[W_UNIT]].defval = f.ch[sf.at[W_UNIT]].shown[0];
	}
	if (d->needs & LF_NEED_DUE) {
		sf.at[W_DUE] = lf_xf_add(&f, _("Due date"), LF_FIELD_TEXT, 12, 10);
		f.fd[sf.at[W_DUE]].defval = (char *)(default_due ? default_due : "");
	}
	if (d->needs & LF_NEED_REASON)
		sf.at[W_REASON] = lf_xf_add(&f, _("Reason"), LF_FIELD_TEXT, 50, 500);
	/* Issue 13, arts. 35 and 36: a request says when the visitor received
	 * the written answer (empty: the day it was recorded). */
	if (d->needs & LF_NEED_IN_TIME)
		sf.at[W_RECEIVED] = lf_xf_add(&f, _("Answer received on"), LF_FIELD_TEXT, 12, 10);
	if (d->needs & LF_NEED_OPINION) {
		sf.at[W_OPINION] = lf_xf_choice(&f, _("Review opinion"), LF_PK_UNIT, 20);
		static const char *ops[] = {"upheld", "changed", "revoked"};
		for (size_t i = 0; i < 3; i++)
			lf_choices_add(&f.ch[sf.at[W_OPINION]], lf_review_opinion_label(ops[i]), ops[i]);
	}
	if (d->needs & (LF_NEED_TEXT | LF_NEED_NOTICE | LF_NEED_IN_TIME))
		sf.at[W_TEXT] = lf_xf_add(&f, step == LF_STEP_REPORT  ? _("Handling report")
		                           : step == LF_STEP_REPLY ? _("Reply")
		                           : (d->needs & LF_NEED_IN_TIME) ? _("Request")
		                                                   : _("Opinion"),
		                       LF_FIELD_MULTILINE, 50, 2000);
	if (d->needs & LF_NEED_SATISFACTION) {
		sf.at[W_SAT] = lf_xf_choice(&f, _("Satisfaction"), LF_PK_UNIT, 20);
		/* No default (issue 11): the clerk records what the visitor said,
		 * or that they said nothing (未表态); the step is refused until
		 * one is chosen. */
		static const char *ids[] = {"satisfied", "basically", "dissatisfied", "unstated"};
		for (size_t i = 0; i < 4; i++)
			lf_choices_add(&f.ch[sf.at[W_SAT]], lf_satisfaction_label(ids[i]), ids[i]);
	}
	/* The written answer (信访处理意见书, 第三十二条): the opinion, the facts
	 * and reasons, the legal basis; after the satisfaction so the fields
	 * before keep their places. */
	if (step == LF_STEP_REPLY) {
		sf.at[W_ANSWER] = lf_xf_choice(&f, _("Answer's opinion"), LF_PK_UNIT, 24);
		static const char *ops[] = {"support", "explain", "reject"};
		for (size_t i = 0; i < 3; i++)
			lf_choices_add(&f.ch[sf.at[W_ANSWER]], lf_answer_opinion_label(ops[i]), ops[i]);
		sf.at[W_FACTS] = lf_xf_add(&f, _("Facts and reasons"), LF_FIELD_MULTILINE, 50, 4000);
		sf.at[W_BASIS] = lf_xf_add(&f, _("Legal basis"), LF_FIELD_MULTILINE, 50, 1000);
	}
	/* Routing names the co-agencies (会办单位) too, last so the other
	 * fields keep their places. */
	if (step == LF_STEP_IN_HOUSE || step == LF_STEP_TRANSFER || step == LF_STEP_ASSIGN)
		sf.at[W_CO] = lf_xf_add(&f, _("Co-agencies (会办单位)"), LF_FIELD_TEXT, 50, 500);
	f.apply = step_apply;
	f.ud = &sf;
	f.step = step;
	f.step_apply = apply;
	f.step_ud = ud;
	return lf_xf_run(&f, title,
	              _("Fill in what the step needs; F2 takes the step. Enter on a unit opens the list of units. "
	                "A date is written YYYY-MM-DD; the due date proposed is the rule's. The opinion (批转意见) "
	                "is optional."),
	              msg, len);
}

/* ---- one case ---- */

typedef struct one_case {
	lf_tui *t;
	const char *case_id;
	const char *case_no;
	bool changed;
	bool conflict; /* another desk moved the case first */
} one_case;

static int one_apply(void *ud, lf_step step, const lf_step_args *args, char *msg, size_t len)
{
	one_case *oc = ud;
	msg[0] = '\0';
	lf_store_err e = lf_case_step(oc->t->st, oc->t->me, oc->case_id, step, args, msg, len);
	if (e == LF_STORE_OK) {
		oc->changed = true;
		if (!msg[0])
			snprintf(msg, len, _("Case %s: %s done."), oc->case_no, _(lf_step_get(step)->label));
		return 1;
	}
	if (!msg[0])
		snprintf(msg, len, "%s", lf_office_errmsg(oc->t->st));
	if (e == LF_STORE_CONFLICT) {
		oc->changed = oc->conflict = true; /* read it again */
		return -1;
	}
	return 0;
}

/* A step that needs nothing typed: asked, then taken. The archive gate's
 * refusal lists what is missing in a box. */
static bool plain_step(one_case *oc, lf_step step, char *msg, size_t len, lf_msg_kind *kind)
{
	char q[512];
	snprintf(q, sizeof q, _("%s case %s?"), _(lf_step_get(step)->label), oc->case_no);
	if (!lf_dialog_confirm(q, false))
		return false;
	int r = one_apply(oc, step, NULL, msg, len);
	*kind = r > 0 ? LF_MSG_OK : LF_MSG_ERROR;
	if (r == 0 && strchr(msg, '\n'))
		lf_dialog_text(_("The step was refused"), msg);
	lf_one_line(msg, len);
	return r != 0;
}

/* Issue 13: accept with the regulation's category (信访工作条例 第二十九至
 * 三十一条); choosing one is the confirmation. */
static bool accept_with_kind(one_case *oc, char *msg, size_t len, lf_msg_kind *kind)
{
	static const char *const ids[] = {"suggestion", "accusation", "claim"};
	const char *items[3];
	for (int i = 0; i < 3; i++)
		items[i] = lf_category_label(ids[i]);
	char title[256];
	snprintf(title, sizeof title, _("Accept case %s as"), oc->case_no);
	int c = lf_dialog_menu(title, items, 3);
	if (c < 0)
		return false;
	lf_step_args a = {.kind = ids[c]};
	int r = one_apply(oc, LF_STEP_ACCEPT, &a, msg, len);
	*kind = r > 0 ? LF_MSG_OK : LF_MSG_ERROR;
	lf_one_line(msg, len);
	return r != 0;
}

/* ---- the other things done to an open case ---- */

typedef enum {
	X_OWN, X_REQUEST, X_FLAGS, X_SUPERVISE, X_EXTEND, X_ANNOTATE, X_REPRESENTATIVE, X_HEADCOUNT,
	X_APPROVE, X_WAIT, X_INTERVIEW, X_DONE, X_RETURNED, X_COUNT
} extra;

static const char *const extra_labels[X_COUNT] = {
	N_("take ownership / name the owning leader (包案)"),
	N_("ask a leader for an instruction"),
	N_("urgent / major flags"),
	N_("supervision note (督办)"),
	N_("extend the handling term (once)"),
	N_("annotate the archived file"),
	N_("add a representative (集体访)"),
	N_("set the headcount (集体访)"),
	N_("approve the handling report (处室负责人)"),
	N_("put on today's waiting list (候谈)"),
	N_("interview (接谈)"),
	N_("visit done (完成)"),
	N_("persuaded to return (劝返)"),
};

static bool extra_open(const lf_user *me, const lf_case_flow *fl, bool handle_runs, extra x)
{
	unsigned r = me->roles;
	bool open = lf_state_open(fl->state);
	bool reg = lf_can(r, LF_PERM_REGISTER), ins = lf_can(r, LF_PERM_INSTRUCT), route = lf_can(r, LF_PERM_ROUTE);
	const char *vs = fl->visit_state;
	if (!open && x != X_ANNOTATE)
		return false; /* archived: an annotation only */
	switch (x) {
	case X_OWN:
		return open && (ins || route);
	case X_REQUEST:
	case X_FLAGS:
	case X_SUPERVISE:
		return open && route;
	case X_EXTEND:
		/* Only where a handling clock runs (case_clocks.h). */
		return open && route && !fl->extended && handle_runs;
	case X_ANNOTATE:
		return !open && lf_can(r, LF_PERM_ARCHIVE);
	case X_REPRESENTATIVE:
	case X_HEADCOUNT:
		return open && reg;
	case X_APPROVE: /* core checks the unit and that a report awaits approval */
		return open && lf_can(r, LF_PERM_APPROVE_REPORT) && fl->facts.reports > 0;
	case X_WAIT:
		return open && reg && (!vs[0] || !strcmp(vs, "done") || !strcmp(vs, "returned"));
	case X_INTERVIEW:
		return (reg || ins) && !strcmp(vs, "waiting");
	case X_DONE:
	case X_RETURNED:
		return (reg || ins) && (!strcmp(vs, "waiting") || !strcmp(vs, "interview"));
	default:
		return false;
	}
}

typedef struct extra_ud {
	one_case *oc;
	extra x;
	size_t at[5];
} extra_ud;

static int parse_int(const char *s, int *out)
{
	if (!s || !*s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < -1000000 || v > 1000000)
		return 0;
	*out = (int)v;
	return 1;
}

static bool extra_apply(lf_xform *f, char **vals, char *msg, size_t len)
{
	extra_ud *xu = f->ud;
	one_case *oc = xu->oc;
	lf_store *st = oc->t->st;
	const lf_user *me = oc->t->me;
	const char *v0 = vals[xu->at[0]];
	lf_store_err e = LF_STORE_INVALID;
	msg[0] = '\0';
	int n = 0;
	switch (xu->x) {
	case X_OWN:
		e = lf_case_set_owner(st, me, oc->case_id, v0, msg, len);
		break;
	case X_REQUEST:
		e = lf_case_request_instruction(st, me, oc->case_id, v0, msg, len);
		break;
	case X_FLAGS:
		e = lf_case_set_flags(st, me, oc->case_id, !strcmp(v0, "1"), !strcmp(vals[xu->at[1]], "1"), msg, len);
		break;
	case X_SUPERVISE:
		e = lf_case_supervise(st, me, oc->case_id, v0, msg, len);
		break;
	case X_ANNOTATE:
		e = lf_case_annotate(st, me, oc->case_id, v0, msg, len);
		break;
	case X_APPROVE:
		e = lf_case_approve_report(st, me, oc->case_id, v0, msg, len);
		break;
	case X_EXTEND:
		if (!parse_int(v0, &n)) {
			snprintf(msg, len, "%s", _("Days: please type a number of days (at most 30)."));
			return false;
		}
		e = lf_case_extend(st, me, oc->case_id, n, vals[xu->at[1]], vals[xu->at[2]], msg, len);
		break;
	case X_HEADCOUNT:
		if (!parse_int(v0, &n)) {
			snprintf(msg, len, "%s", _("Headcount: please type the number of people who came."));
			return false;
		}
		e = lf_case_set_headcount(st, me, oc->case_id, n, msg, len);
		break;
	case X_REPRESENTATIVE:
		e = lf_case_add_representative(st, me, oc->case_id, vals[xu->at[1]], v0, vals[xu->at[2]],
		                               vals[xu->at[3]], vals[xu->at[4]], msg, len);
		break;
	default:
		break;
	}
	if (e == LF_STORE_OK)
		oc->changed = true;
	if (e == LF_STORE_CONFLICT)
		oc->changed = oc->conflict = true;
	static const char *const done[X_COUNT] = {
		N_("The owning leader is recorded."), N_("The leader is asked for an instruction."),
		N_("The flags are set."),             N_("The supervision note is recorded."),
		N_("The handling term is extended."), N_("The annotation is added."),
		N_("The representative is added."),   N_("The headcount is set."),
		N_("The handling report is approved and countersigned."),
	};
	return answer(f, e, msg, len, xu->x < X_WAIT && done[xu->x] ? _(done[xu->x]) : "");
}

static bool extra_form(one_case *oc, extra x, const lf_case_flow *fl, char *msg, size_t len)
{
	lf_xform f;
	char title[512];
	snprintf(title, sizeof title, "%s · %s", _(extra_labels[x]), oc->case_no);
	lf_xf_init(&f, oc->t, title);
	extra_ud xu = {.oc = oc, .x = x};
	char why[512] = "";
	static const char *yes_no_v[] = {"0", "1"};
	switch (x) {
	case X_OWN:
	case X_REQUEST:
		xu.at[0] = lf_xf_choice(&f, _("Leader"), LF_PK_USER, 30);
		lf_users_of(oc->t, LF_ROLE_LEADER, &f.ch[xu.at[0]], why, sizeof why);
		if (f.ch[xu.at[0]].n)
			f.fd[xu.at[0]].defval = f.ch[xu.at[0]].shown[0];
		break;
	case X_FLAGS:
		for (int k = 0; k < 2; k++) {
			xu.at[k] = lf_xf_choice(&f, k ? _("Major (重大)") : _("Urgent (紧急)"), LF_PK_UNIT, 8);
			lf_choices_add(&f.ch[xu.at[k]], _("no"), yes_no_v[0]);
			lf_choices_add(&f.ch[xu.at[k]], _("yes"), yes_no_v[1]);
			bool on = k ? fl->major : fl->urgent;
			f.fd[xu.at[k]].defval = f.ch[xu.at[k]].shown[on ? 1 : 0];
		}
		break;
	case X_SUPERVISE:
	case X_ANNOTATE:
		xu.at[0] = lf_xf_add(&f, x == X_SUPERVISE ? _("Supervision note") : _("Annotation"), LF_FIELD_MULTILINE,
		                  50, 2000);
		break;
	case X_APPROVE:
		xu.at[0] = lf_xf_add(&f, _("Approval opinion"), LF_FIELD_MULTILINE, 50, 2000);
		f.fd[xu.at[0]].defval = "同意";
		break;
	case X_EXTEND:
		xu.at[0] = lf_xf_add(&f, _("Days (≤30)"), LF_FIELD_TEXT, 6, 4);
		xu.at[1] = lf_xf_choice(&f, _("Approved by"), LF_PK_USER, 30);
		/* The people whose roles may approve (approve_extension). */
		unsigned approvers = 0;
		for (int r = 0; r < LF_ROLE_COUNT; r++)
			if (lf_can(1u << r, LF_PERM_APPROVE_EXTENSION))
				approvers |= 1u << r;
		lf_users_of(oc->t, approvers, &f.ch[xu.at[1]], why, sizeof why);
		xu.at[2] = lf_xf_add(&f, _("Reason"), LF_FIELD_TEXT, 50, 500);
		break;
	case X_HEADCOUNT: {
		xu.at[0] = lf_xf_add(&f, _("People who came"), LF_FIELD_TEXT, 6, 6);
		static char count[16];
		snprintf(count, sizeof count, "%d", fl->headcount);
		f.fd[xu.at[0]].defval = count;
		f.replace[xu.at[0]] = true; /* typing replaces the old count */
		break;
	}
	case X_REPRESENTATIVE:
		xu.at[0] = lf_xf_add(&f, "来访人姓名", LF_FIELD_TEXT, 20, 40);
		xu.at[1] = lf_xf_add(&f, "身份证号码", LF_FIELD_TEXT, 18, 18);
		xu.at[2] = lf_xf_add(&f, "性别", LF_FIELD_TEXT, 4, 2);
		xu.at[3] = lf_xf_add(&f, "联系电话", LF_FIELD_TEXT, 20, 20);
		xu.at[4] = lf_xf_add(&f, "单位或住址", LF_FIELD_TEXT, 50, 200);
		break;
	default:
		return false;
	}
	f.apply = extra_apply;
	f.ud = &xu;
	return lf_xf_run(&f, title, NULL, msg, len);
}

/* One step of the state machine: its form when it needs one, else asked
 * and taken. True when the case changed. */
static bool take_step(one_case *oc, lf_step s, char *msg, size_t len, lf_msg_kind *kind)
{
	if (lf_step_get(s)->needs & ~(unsigned)LF_NEED_COMPLETE) {
		char heading[64];
		snprintf(heading, sizeof heading, _("case %s"), oc->case_no);
		/* The due date proposed is the handling clock's, not the
		 * earliest clock's (that may be the route's). */
		char handle_due[16] = "";
		lf_case_clock_due(oc->t->st, oc->case_id, "handle", handle_due);
		if (lf_step_form_run(oc->t, s, heading, handle_due[0] ? handle_due : NULL, one_apply, oc, msg, len))
			*kind = oc->conflict ? LF_MSG_ERROR : LF_MSG_OK;
		lf_one_line(msg, len);
	} else {
		plain_step(oc, s, msg, len, kind);
	}
	return oc->changed;
}

/* Issue 12: the palette's steps, as the F7 menu's (state and roles). */
size_t lf_case_steps_now(lf_tui *t, const char *case_id, int *steps, size_t max)
{
	lf_case_flow fl;
	memset(&fl, 0, sizeof fl);
	if (!t->me || lf_case_read_flow(t->st, case_id, &fl) != LF_STORE_OK)
		return 0;
	lf_step got[LF_STEP_COUNT];
	size_t n = lf_steps_available(fl.state, t->me->roles, got, LF_STEP_COUNT);
	lf_case_flow_free(&fl);
	for (size_t i = 0; i < n && i < max; i++)
		steps[i] = (int)got[i];
	return n < max ? n : max;
}

bool lf_case_step_take(lf_tui *t, const char *case_id, const char *case_no, int step, char *msg, size_t len,
                       lf_msg_kind *kind)
{
	msg[0] = '\0';
	*kind = LF_MSG_ERROR;
	if (step < 0 || step >= LF_STEP_COUNT)
		return false;
	one_case oc = {.t = t, .case_id = case_id, .case_no = case_no};
	return take_step(&oc, (lf_step)step, msg, len, kind);
}

bool lf_case_steps_run(lf_tui *t, const char *case_id, const char *case_no, char *msg, size_t len,
                       lf_msg_kind *kind)
{
	lf_case_flow fl;
	memset(&fl, 0, sizeof fl);
	if (lf_case_read_flow(t->st, case_id, &fl) != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_office_errmsg(t->st));
		*kind = LF_MSG_ERROR;
		return false;
	}
	lf_step steps[LF_STEP_COUNT];
	size_t ns = lf_steps_available(fl.state, t->me->roles, steps, LF_STEP_COUNT);
	bool handle_runs = lf_case_handle_clock_runs(t->st, fl.case_id);
	const char *items[LF_STEP_COUNT + X_COUNT + 3];
	int what[LF_STEP_COUNT + X_COUNT + 3]; /* a step, LF_STEP_COUNT + extra, AGENCY_ITEM, KIND_ITEM or EVAL_ITEM */
	enum { AGENCY_ITEM = LF_STEP_COUNT + X_COUNT, KIND_ITEM, EVAL_ITEM };
	size_t n = 0;
	/* Issue 13 (可评价): the petitioner's evaluation, before 重办 it may lead to. */
	if (lf_case_evaluate_offered(t, &fl)) {
		items[n] = _("record the petitioner's evaluation (评价)");
		what[n++] = EVAL_ITEM;
	}
	for (size_t i = 0; i < ns; i++) {
		items[n] = _(lf_step_get(steps[i])->label);
		what[n++] = (int)steps[i];
		/* Issue 13: screening chooses the regulation's category. */
		if (steps[i] == LF_STEP_ACCEPT) {
			items[n] = _("accept as 建议意见类 / 检举控告类 / 申诉求决类 (受理并定类)");
			what[n++] = KIND_ITEM;
		}
	}
	for (int x = 0; x < X_COUNT; x++)
		if (extra_open(t->me, &fl, handle_runs, (extra)x)) {
			items[n] = _(extra_labels[x]);
			what[n++] = LF_STEP_COUNT + x;
		}
	/* Issue 11: what the outside agency sent (case_agency.c). */
	if (lf_case_agency_offered(t, &fl)) {
		items[n] = _("record the agency's answer (转送/交办)");
		what[n++] = AGENCY_ITEM;
	}
	bool changed = false;
	*kind = LF_MSG_ERROR;
	/* Archived means locked: the gate's sentence, and an annotation only. */
	char locked[512] = "";
	if (fl.state == LF_ST_ARCHIVED && lf_case_unlocked(t->st, fl.case_id) != LF_STORE_OK)
		snprintf(locked, sizeof locked, "%s", lf_office_errmsg(t->st));
	if (n == 0) {
		if (locked[0])
			snprintf(msg, len, "%s", locked);
		else
			snprintf(msg, len, _("Nothing for you to do on this case now (%s)."), lf_state_label(fl.state));
		lf_case_flow_free(&fl);
		return false;
	}
	char title[512];
	if (locked[0])
		snprintf(title, sizeof title, "%s", locked);
	else
		snprintf(title, sizeof title, _("Act on case %s"), case_no);
	int c = lf_dialog_menu(title, items, n);
	one_case oc = {.t = t, .case_id = fl.case_id, .case_no = case_no};
	msg[0] = '\0';
	if (c >= 0 && what[c] < LF_STEP_COUNT) {
		changed = take_step(&oc, (lf_step)what[c], msg, len, kind);
	} else if (c >= 0 && what[c] == KIND_ITEM) {
		changed = accept_with_kind(&oc, msg, len, kind);
	} else if (c >= 0 && what[c] == EVAL_ITEM) {
		changed = lf_case_evaluate_run(t, &fl, case_no, msg, len, kind);
	} else if (c >= 0 && what[c] == AGENCY_ITEM) {
		changed = lf_case_agency_run(t, &fl, case_no, msg, len, kind);
	} else if (c >= 0) {
		extra x = (extra)(what[c] - LF_STEP_COUNT);
		if (x >= X_WAIT) {
			static const lf_visit_step vs[] = {LF_VISIT_WAIT, LF_VISIT_INTERVIEW, LF_VISIT_DONE, LF_VISIT_RETURNED};
			changed = lf_tui_visit(t, fl.case_id, vs[x - X_WAIT], msg, len);
			*kind = changed ? LF_MSG_OK : LF_MSG_ERROR;
		} else {
			extra_form(&oc, x, &fl, msg, len);
			changed = oc.changed;
			*kind = oc.conflict ? LF_MSG_ERROR : LF_MSG_OK;
		}
	}
	if (c < 0 && locked[0]) /* the whole sentence, which a narrow menu title cuts */
		snprintf(msg, len, "%s", locked);
	lf_case_flow_free(&fl);
	return changed;
}
