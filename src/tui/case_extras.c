/* The things done to an open case besides the steps of its life, from the
 * case screen's F7 menu: ownership (包案), a request for an instruction,
 * flags, supervision (a note, or a notice with its feedback date and level;
 * the unit's feedback), extension, annotation of the archived file,
 * representatives and headcount of a group visit, the unit head's approval,
 * a re-review's hearing, and the waiting flow. Each opens a small form and
 * calls core; a refusal keeps the form and what was typed. */
#include "case_flow_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/caseops.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/people.h"
#include "laifang/supervision.h"
#include "laifang/text.h"

/* Core's answer: done, a refusal (the form stays), or a conflict (the case
 * is read again). */
bool lf_flow_answer(lf_xform *f, lf_store_err e, char *msg, size_t len, const char *done)
{
	if (e == LF_STORE_OK) {
		/* Done first; what the office adds (a due date the holiday
		 * calendar only estimates) after it. */
		if (done && done[0] && msg[0] && strncmp(msg, done, strlen(done))) {
			char note[1024];
			snprintf(note, sizeof note, "%s", msg);
			snprintf(msg, len, "%s %s", done, note);
		} else if (!msg[0]) {
			snprintf(msg, len, "%s", done);
		}
		return true;
	}
	if (e == LF_STORE_CONFLICT)
		f->conflict = true;
	if (!msg[0])
		snprintf(msg, len, "%s", lf_office_errmsg(f->t->st));
	return false;
}

lf_answer lf_prompt_answer(lf_prompt *p, lf_store *st, lf_store_err e, const char *why, char *msg, size_t len)
{
	if (e == LF_STORE_OK)
		return LF_ANSWER_SAVED;
	const char *reason = why[0] ? why : lf_office_errmsg(st);
	if (e == LF_STORE_DENIED || e == LF_STORE_NOTFOUND) {
		snprintf(msg, len, "%s", reason);
		return LF_ANSWER_CLOSE;
	}
	snprintf(p->msg, sizeof p->msg, "%s", reason);
	p->msg_kind = LF_MSG_ERROR;
	return LF_ANSWER_AGAIN;
}

/* ---- the other things done to an open case ---- */


const char *const lf_extra_labels[X_COUNT] = {
	N_("take ownership / name the owning leader (包案)"),
	N_("ask a leader for an instruction"),
	N_("urgent / major flags"),
	N_("supervision note (督办)"),
	N_("extend the handling term (once)"),
	N_("annotate the archived file"),
	N_("add a representative (集体访)"),
	N_("set the headcount (集体访)"),
	N_("approve the handling report (处室负责人)"),
	N_("the unit's feedback on the supervision (督办反馈)"),
	N_("a hearing begins (听证)"),
	N_("the hearing ends (听证)"),
	N_("put on today's waiting list (候谈)"),
	N_("interview (接谈)"),
	N_("visit done (完成)"),
	N_("persuaded to return (劝返)"),
};

bool lf_extra_open(const lf_user *me, const lf_case_flow *fl, bool handle_runs, extra x)
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
	case X_FEEDBACK: /* core checks that a notice waits for it */
		return open && (route || lf_can(r, LF_PERM_REPORT)) && fl->lead_unit_id && fl->lead_unit_id[0];
	case X_HEARING_START:
	case X_HEARING_END: /* art. 36: a re-review's hearing; core checks begun or not */
		return fl->state == LF_ST_REREVIEW_REQUESTED && lf_can(r, LF_PERM_REVIEW_DECIDE);
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
	bool shown[2]; /* X_FLAGS: urgent and major as the form opened */
	/* As the form opened: the owning leader (X_OWN) or the leader asked
	 * (X_REQUEST), "" none; the headcount (X_HEADCOUNT). */
	char seen_id[40];
	int seen_headcount;
	int seen_report; /* X_APPROVE: the handling report shown (its position) */
	/* X_APPROVE: the report shown, and F1's text of it (malloc'd; the form
	 * shows a later one when another desk signed it meanwhile). */
	char *report, *about;
} extra_ud;

static char *latest_report(const one_case *oc, int *position);

/* F1's text: the report whole, however long. */
static char *report_about(const char *report)
{
	const char *lead = _("The handling report you approve, whole:");
	size_t n = strlen(lead) + strlen(report) + 3;
	char *about = malloc(n);
	if (about)
		snprintf(about, n, "%s\n\n%s", lead, report);
	return about;
}

/* A later report was signed at another desk while the head read this one:
 * the form shows the latest in its place, the opinion typed kept, and
 * F2 then approves the one shown. False when it cannot be read. */
static bool approve_show_latest(lf_xform *f, extra_ud *xu, char *msg, size_t len)
{
	int position = 0;
	char *report = latest_report(xu->oc, &position);
	char *about = report ? report_about(report) : NULL;
	if (!about || position < 1 || position == xu->seen_report) {
		free(report);
		free(about);
		return false;
	}
	free(xu->report);
	free(xu->about);
	xu->report = report;
	xu->about = about;
	xu->seen_report = position;
	if (lf_text_chars(report) > f->fd[xu->at[0]].max_chars)
		f->fd[xu->at[0]].max_chars = lf_text_chars(report);
	lf_form_view_set(&f->v, xu->at[0], report);
	f->s.about = about;
	size_t used = strlen(msg);
	snprintf(msg + used, len - used, used ? " %s" : "%s",
	         _("The form now shows the latest report: read it, and F2 approves it."));
	return true;
}

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
		e = lf_case_set_owner_seen(st, me, oc->case_id, v0, xu->seen_id, msg, len);
		break;
	case X_REQUEST:
		e = lf_case_request_instruction_seen(st, me, oc->case_id, v0, xu->seen_id, msg, len);
		break;
	case X_FLAGS: {
		/* Only what the person changed: a flag another desk set meanwhile
		 * is not put back to what this form showed. */
		bool urgent = !strcmp(v0, "1"), major = !strcmp(vals[xu->at[1]], "1");
		if (urgent == xu->shown[0] && major == xu->shown[1]) {
			snprintf(msg, len, "%s", _("Nothing changed: choose yes or no for 紧急 or 重大."));
			return false;
		}
		e = lf_case_set_flags(st, me, oc->case_id, urgent == xu->shown[0] ? -1 : urgent,
		                      major == xu->shown[1] ? -1 : major, msg, len);
		break;
	}
	case X_SUPERVISE: {
		/* With a feedback date, a supervision notice (its level); else a note. */
		const char *due = vals[xu->at[1]];
		if (due && due[0])
			e = lf_case_supervise_notice(st, me, oc->case_id, v0, vals[xu->at[2]], due, msg, len);
		else
			e = lf_case_supervise(st, me, oc->case_id, v0, msg, len);
		break;
	}
	case X_FEEDBACK:
		e = lf_case_supervise_feedback(st, me, oc->case_id, v0, msg, len);
		break;
	case X_HEARING_START:
	case X_HEARING_END:
		e = lf_case_hearing(st, me, oc->case_id, xu->x == X_HEARING_START, v0, msg, len);
		break;
	case X_ANNOTATE:
		e = lf_case_annotate(st, me, oc->case_id, v0, msg, len);
		break;
	case X_APPROVE:
		e = lf_case_approve_report_seen(st, me, oc->case_id, xu->seen_report, vals[xu->at[1]], msg, len);
		if (e == LF_STORE_CONFLICT && approve_show_latest(f, xu, msg, len))
			return false;
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
		e = lf_case_set_headcount_seen(st, me, oc->case_id, xu->seen_headcount, n, msg, len);
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
		N_("The unit's feedback on the supervision is recorded."),
		N_("The hearing has begun; the re-review's term is paused."),
		N_("The hearing has ended; the re-review's term counts again."),
	};
	return lf_flow_answer(f, e, msg, len, xu->x < X_WAIT && done[xu->x] ? _(done[xu->x]) : "");
}

/* The latest handling report as the approval form shows it: its text, then
 * its worker and time; *position its place among the case's reports (0:
 * none read, and core approves the latest). */
static char *latest_report(const one_case *oc, int *position)
{
	lf_case c;
	*position = 0;
	if (lf_case_open(oc->t->st, oc->t->me, oc->case_id, &c) != LF_STORE_OK)
		return NULL;
	const lf_case_entry *last = NULL;
	for (size_t i = 0; i < c.n_entries; i++)
		if (c.entries[i].kind && !strcmp(c.entries[i].kind, "handling") &&
		    (!last || c.entries[i].position > last->position))
			last = &c.entries[i];
	char *out = NULL;
	if (last) {
		char at[17] = ""; /* "YYYY-MM-DD HH:MM" */
		snprintf(at, sizeof at, "%s", last->signed_at ? last->signed_at : "");
		if (at[10] == 'T')
			at[10] = ' ';
		const char *text = last->text ? last->text : "", *who = last->signer_name ? last->signer_name : "";
		size_t n = strlen(text) + strlen(who) + sizeof at + 128;
		if ((out = malloc(n)))
			snprintf(out, n, _("%s\n—— case worker: %s  %s"), text, who, at);
		*position = last->position;
	}
	lf_case_free(&c);
	return out;
}

bool lf_extra_form(one_case *oc, extra x, const lf_case_flow *fl, char *msg, size_t len)
{
	lf_xform f;
	char title[512];
	snprintf(title, sizeof title, "%s · %s", _(lf_extra_labels[x]), oc->case_no);
	lf_xf_init(&f, oc->t, title);
	extra_ud xu = {.oc = oc, .x = x, .seen_headcount = fl->headcount};
	const char *seen = x == X_OWN ? fl->owner_id : x == X_REQUEST ? fl->instruction_leader_id : NULL;
	snprintf(xu.seen_id, sizeof xu.seen_id, "%s", seen ? seen : "");
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
			xu.shown[k] = on;
			f.fd[xu.at[k]].defval = f.ch[xu.at[k]].shown[on ? 1 : 0];
		}
		break;
	case X_SUPERVISE:
		xu.at[0] = lf_xf_add(&f, _("Supervision note"), LF_FIELD_MULTILINE, 50, 2000);
		/* A feedback date makes it a notice to the unit (督办通知, art. 40). */
		xu.at[1] = lf_xf_add(&f, _("Feedback by"), LF_FIELD_TEXT, 12, 10);
		xu.at[2] = lf_xf_choice(&f, _("Level"), LF_PK_UNIT, 12);
		static const char *const levels[] = {"notice", "interview", "bulletin", "listed"};
		for (size_t k = 0; k < sizeof levels / sizeof levels[0]; k++)
			lf_choices_add(&f.ch[xu.at[2]], lf_supervision_level_word(levels[k]), levels[k]);
		f.fd[xu.at[2]].defval = f.ch[xu.at[2]].shown[0];
		break;
	case X_ANNOTATE:
		xu.at[0] = lf_xf_add(&f, _("Annotation"), LF_FIELD_MULTILINE, 50, 2000);
		break;
	case X_FEEDBACK:
		xu.at[0] = lf_xf_add(&f, _("Feedback"), LF_FIELD_MULTILINE, 50, 2000);
		break;
	case X_HEARING_START:
	case X_HEARING_END:
		xu.at[0] = lf_xf_add(&f, x == X_HEARING_START ? _("Subject") : _("Outcome"),
		                     LF_FIELD_MULTILINE, 50, 2000);
		break;
	case X_APPROVE:
		/* The head approves the report they read here, and no later one. */
		xu.at[0] = lf_xf_add(&f, _("Handling report"), LF_FIELD_MULTILINE, 50, 4000);
		f.fd[xu.at[0]].readonly = true;
		f.fd[xu.at[0]].defval = xu.report = latest_report(oc, &xu.seen_report);
		if (!xu.report || xu.seen_report < 1) {
			/* Nothing approved unread: no form without the report. */
			free(xu.report);
			snprintf(msg, len, "%s", _("The signed handling report could not be read; nothing to approve yet."));
			return false;
		}
		/* A report of the most a field takes keeps its worker and time. */
		if (lf_text_chars(xu.report) > f.fd[xu.at[0]].max_chars)
			f.fd[xu.at[0]].max_chars = lf_text_chars(xu.report);
		xu.about = report_about(xu.report);
		f.grow = (int)xu.at[0]; /* read whole, as far as the window allows */
		xu.at[1] = lf_xf_add(&f, _("Approval opinion"), LF_FIELD_MULTILINE, 50, 2000);
		f.fd[xu.at[1]].defval = "同意";
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
	/* F1: the report whole, however long, above the keys. */
	bool done = lf_xf_run(&f, title, xu.about, msg, len);
	free(xu.about);
	free(xu.report);
	return done;
}

