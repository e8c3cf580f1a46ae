/* The steps of a case's life on the case screen: F7 opens a menu of what
 * this user may do now (the state machine's steps for the state, then
 * ownership, a request for an instruction, flags, supervision, extension,
 * annotation, representatives, headcount and the waiting flow as the roles
 * allow); each opens a small form that collects what the step needs and
 * calls core. A refusal keeps the form and what was typed. The things
 * done to an open case besides its steps are in case_extras.c; the
 * timeline panel in timeline.c. */
#include "case_flow_internal.h"

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
#include "laifang/supervision.h"
#include "laifang/people.h"
#include "laifang/review.h"
#include "laifang/text.h"

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
	lf_step_field refused = LF_IN_NONE;
	args.refused = &refused;
	int r = f->step_apply(f->step_ud, f->step, &args, msg, len);
	/* A due date on a weekend or holiday is a question, not stored
	 * silently: core refuses it once nothing else is in the way, the
	 * person is asked, and the step is taken again if they keep it. */
	if (r == 0 && refused == LF_IN_DUE_DAY_OFF) {
		char ask[1200];
		snprintf(ask, sizeof ask, _("%s. Keep this due date?"), msg);
		if (lf_dialog_confirm(ask, false)) {
			args.allow_nonworking = true;
			refused = LF_IN_NONE;
			msg[0] = '\0';
			r = f->step_apply(f->step_ud, f->step, &args, msg, len);
		}
	}
	if (r < 0)
		f->conflict = true;
	/* Refused for one input: the cursor goes back to its field. */
	static const int field_of[] = {[LF_IN_NONE] = W_COUNT,      [LF_IN_UNIT] = W_UNIT,
	                               [LF_IN_DUE] = W_DUE,          [LF_IN_DUE_DAY_OFF] = W_DUE,
	                               [LF_IN_REASON] = W_REASON,
	                               [LF_IN_TEXT] = W_TEXT,        [LF_IN_CO_UNITS] = W_CO,
	                               [LF_IN_SATISFACTION] = W_SAT, [LF_IN_OPINION] = W_OPINION,
	                               [LF_IN_ANSWER_OPINION] = W_ANSWER, [LF_IN_ANSWER_FACTS] = W_FACTS,
	                               [LF_IN_ANSWER_BASIS] = W_BASIS};
	if (r == 0 && refused != LF_IN_NONE && (size_t)refused < sizeof field_of / sizeof *field_of &&
	    field_of[refused] < W_COUNT && sf->at[field_of[refused]] < LF_XF_MAX)
		lf_xf_refocus(f, sf->at[field_of[refused]]);
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
	/* A routing's opinion (批转意见) is signed with it, in-house too. */
	bool routing = step == LF_STEP_IN_HOUSE || step == LF_STEP_TRANSFER || step == LF_STEP_ASSIGN;
	/* A step whose notice is written from its reason (decline, 转政法机关)
	 * takes no opinion besides: it would be dropped. */
	bool notice_from_reason = (d->needs & LF_NEED_NOTICE) && (d->needs & LF_NEED_REASON);
	if ((d->needs & (LF_NEED_TEXT | LF_NEED_IN_TIME)) || routing ||
	    ((d->needs & LF_NEED_NOTICE) && !notice_from_reason))
		sf.at[W_TEXT] = lf_xf_add(&f, step == LF_STEP_REPORT  ? _("Handling report")
		                           : step == LF_STEP_REPLY ? _("Reply")
		                           : (d->needs & LF_NEED_IN_TIME) ? _("Request")
		                           : routing                      ? _("Opinion (批转意见)")
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
	if (routing) {
		sf.at[W_CO] = lf_xf_names(&f, _("Co-agencies"), 36, 500);
		char why[512] = ""; /* no list: the names are typed */
		lf_units_of(t, "!discipline", &f.ch[sf.at[W_CO]], why, sizeof why);
		if (sf.at[W_UNIT] < LF_XF_MAX)
			f.names_besides[sf.at[W_CO]] = sf.at[W_UNIT] + 1;
	}
	f.apply = step_apply;
	f.ud = &sf;
	f.step = step;
	f.step_apply = apply;
	f.step_ud = ud;
	/* The help line says what this form has: a unit, a date, the
	 * co-agencies, an opinion. */
	char about[1024];
	size_t used = (size_t)snprintf(about, sizeof about, "%s", _("Fill in what the step needs; F2 takes the step."));
	const char *parts[4] = {
		(d->needs & LF_NEED_UNIT) ? _("Enter on a unit opens the list of units.") : NULL,
		routing ? _("Enter on the co-agencies adds one from the list (or type their names, separated by 、).")
		        : NULL,
		(d->needs & (LF_NEED_DUE | LF_NEED_IN_TIME))
		    ? _("A date is written YYYY-MM-DD; a due date proposed is the rule's.")
		    : NULL,
		routing ? _("The opinion (批转意见) is optional.") : NULL,
	};
	for (size_t k = 0; k < 4 && used < sizeof about; k++)
		if (parts[k]) {
			/* After a Chinese full stop, no space. */
			bool full_stop = used >= 3 && !strcmp(about + used - 3, "。");
			used += (size_t)snprintf(about + used, sizeof about - used, "%s%s", full_stop ? "" : " ", parts[k]);
		}
	return lf_xf_run(&f, title, about, msg, len);
}

/* ---- one case ---- */


static int one_apply(void *ud, lf_step step, const lf_step_args *args, char *msg, size_t len)
{
	one_case *oc = ud;
	msg[0] = '\0';
	lf_store_err e = lf_case_step(oc->t->st, oc->t->me, oc->case_id, step, args, msg, len);
	if (e == LF_STORE_OK) {
		oc->changed = true;
		/* Done first; what core adds (a deadline the calendar only
		 * estimates) after it. */
		char note[1024];
		snprintf(note, sizeof note, "%s", msg);
		snprintf(msg, len, _("Case %s: %s done."), oc->case_no, _(lf_step_get(step)->label));
		if (note[0]) {
			size_t used = strlen(msg);
			snprintf(msg + used, len - used, " %s", note);
		}
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
		if (lf_extra_open(t->me, &fl, handle_runs, (extra)x)) {
			items[n] = _(lf_extra_labels[x]);
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
			lf_extra_form(&oc, x, &fl, msg, len);
			changed = oc.changed;
			*kind = oc.conflict ? LF_MSG_ERROR : LF_MSG_OK;
		}
	}
	if (c < 0 && locked[0]) /* the whole sentence, which a narrow menu title cuts */
		snprintf(msg, len, "%s", locked);
	lf_case_flow_free(&fl);
	return changed;
}
