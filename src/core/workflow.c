/* The case state machine: one table of steps, read by the check, by the
 * screens' menus and by the audit's action names. */
#include "laifang/workflow.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/review.h"

#define S(x) (1u << (x))

static const struct {
	const char *id;
	const char *label;
} states[LF_ST_COUNT] = {
	[LF_ST_REGISTERED] = {"registered", N_("registered")},
	[LF_ST_ACCEPTED] = {"accepted", N_("accepted")},
	[LF_ST_DECLINED] = {"declined", N_("declined")},
	[LF_ST_REFERRED] = {"referred", N_("referred to discipline inspection")},
	[LF_ST_IN_HOUSE] = {"in_house", N_("handled in-house")},
	[LF_ST_TRANSFERRED] = {"transferred", N_("transferred")},
	[LF_ST_ASSIGNED] = {"assigned", N_("assigned")},
	[LF_ST_HANDLING] = {"handling", N_("being handled")},
	[LF_ST_REPORTED] = {"reported", N_("handling reported")},
	[LF_ST_REPLIED] = {"replied", N_("replied")},
	[LF_ST_ARCHIVED] = {"archived", N_("archived")},
	[LF_ST_REVIEW_REQUESTED] = {"review_requested", N_("review requested (待复查)")},
	[LF_ST_REVIEWED] = {"reviewed", N_("reviewed (已复查)")},
	[LF_ST_REREVIEW_REQUESTED] = {"rereview_requested", N_("re-review requested (待复核)")},
	[LF_ST_REREVIEWED] = {"rereviewed", N_("re-reviewed (已复核)")},
	[LF_ST_LAW_REFERRED] = {"law_referred", N_("transferred to the political-legal organs (转政法机关)")},
};

static const lf_step_def steps[LF_STEP_COUNT] = {
	{LF_STEP_ACCEPT, "accept", S(LF_ST_REGISTERED), LF_ST_ACCEPTED, LF_PERM_SCREEN, 0, NULL, N_("accept")},
	{LF_STEP_DECLINE, "decline", S(LF_ST_REGISTERED), LF_ST_DECLINED, LF_PERM_SCREEN,
	 LF_NEED_REASON | LF_NEED_NOTICE, NULL, N_("decline")},
	{LF_STEP_REFER, "refer", S(LF_ST_REGISTERED), LF_ST_REFERRED, LF_PERM_SCREEN, LF_NEED_NOTICE | LF_NEED_UNIT,
	 "discipline", N_("refer to discipline inspection")},
	{LF_STEP_IN_HOUSE, "in_house", S(LF_ST_ACCEPTED), LF_ST_IN_HOUSE, LF_PERM_ROUTE, LF_NEED_UNIT | LF_NEED_DUE,
	 "department", N_("handle in-house")},
	{LF_STEP_TRANSFER, "transfer", S(LF_ST_ACCEPTED), LF_ST_TRANSFERRED, LF_PERM_ROUTE,
	 LF_NEED_UNIT | LF_NEED_DUE | LF_NEED_NOTICE, "peer", N_("transfer")},
	{LF_STEP_ASSIGN, "assign", S(LF_ST_ACCEPTED), LF_ST_ASSIGNED, LF_PERM_ROUTE,
	 LF_NEED_UNIT | LF_NEED_DUE | LF_NEED_NOTICE, "lower", N_("assign")},
	{LF_STEP_TAKE_UP, "take_up", S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED), LF_ST_HANDLING,
	 LF_PERM_REPORT, 0, NULL, N_("take up")},
	{LF_STEP_REPORT, "report", S(LF_ST_HANDLING), LF_ST_REPORTED, LF_PERM_REPORT, LF_NEED_TEXT, NULL,
	 N_("report handling")},
	{LF_STEP_REPLY, "reply", S(LF_ST_REPORTED), LF_ST_REPLIED, LF_PERM_REPLY,
	 LF_NEED_TEXT | LF_NEED_SATISFACTION, NULL, N_("record the reply")},
	{LF_STEP_ARCHIVE, "archive",
	 S(LF_ST_REPLIED) | S(LF_ST_DECLINED) | S(LF_ST_REFERRED) | S(LF_ST_REVIEWED) | S(LF_ST_REREVIEWED) |
	     S(LF_ST_LAW_REFERRED),
	 LF_ST_ARCHIVED, LF_PERM_ARCHIVE, LF_NEED_COMPLETE, NULL, N_("archive")},
	/* Arts. 35 and 36: a visitor who disagrees asks for a review, then a
	 * re-review, each within 30 days of the written answer before it. */
	{LF_STEP_REVIEW_REQUEST, "review_request", S(LF_ST_REPLIED), LF_ST_REVIEW_REQUESTED, LF_PERM_REVIEW_REQUEST,
	 LF_NEED_IN_TIME, NULL, N_("record a request for review (复查)")},
	{LF_STEP_REVIEW_DECIDE, "review_decide", S(LF_ST_REVIEW_REQUESTED), LF_ST_REVIEWED, LF_PERM_REVIEW_DECIDE,
	 LF_NEED_TEXT | LF_NEED_OPINION, NULL, N_("give the review opinion (复查意见)")},
	{LF_STEP_REREVIEW_REQUEST, "rereview_request", S(LF_ST_REVIEWED), LF_ST_REREVIEW_REQUESTED,
	 LF_PERM_REVIEW_REQUEST, LF_NEED_IN_TIME, NULL, N_("record a request for re-review (复核)")},
	{LF_STEP_REREVIEW_DECIDE, "rereview_decide", S(LF_ST_REREVIEW_REQUESTED), LF_ST_REREVIEWED,
	 LF_PERM_REVIEW_DECIDE, LF_NEED_TEXT | LF_NEED_OPINION, NULL, N_("give the re-review opinion (复核意见)")},
	/* Issue 13 (可评价): a supervisor's decision to handle again (重办) after
	 * the petitioner said 不满意; the lead unit stays, the answer stays. */
	{LF_STEP_REDO, "redo", S(LF_ST_REPLIED), LF_ST_HANDLING, LF_PERM_ROUTE,
	 LF_NEED_REASON | LF_NEED_DUE | LF_NEED_DISSATISFIED, NULL, N_("handle again (重办)")},
	/* Art. 22 (2) and art. 31 (1) (诉访分离): a matter for the courts, the
	 * procuratorate, the police or justice administration goes to that
	 * organ; the reason names the procedure and goes into the notice. */
	{LF_STEP_REFER_LAW, "refer_law", S(LF_ST_REGISTERED), LF_ST_LAW_REFERRED, LF_PERM_SCREEN,
	 LF_NEED_REASON | LF_NEED_NOTICE | LF_NEED_UNIT, "law", N_("transfer to the political-legal organs (转政法机关)")},
};

const char *lf_state_id(lf_case_state s)
{
	return (unsigned)s < LF_ST_COUNT ? states[s].id : NULL;
}

const char *lf_state_label(lf_case_state s)
{
	return (unsigned)s < LF_ST_COUNT ? _(states[s].label) : NULL;
}

bool lf_state_parse(const char *id, lf_case_state *out)
{
	for (int i = 0; id && i < LF_ST_COUNT; i++)
		if (!strcmp(states[i].id, id)) {
			*out = (lf_case_state)i;
			return true;
		}
	return false;
}

bool lf_state_open(lf_case_state s)
{
	return s != LF_ST_ARCHIVED;
}

bool lf_state_sent_out(lf_case_state s)
{
	return s == LF_ST_REFERRED || s == LF_ST_LAW_REFERRED;
}

const lf_step_def *lf_step_get(lf_step step)
{
	return (unsigned)step < LF_STEP_COUNT ? &steps[step] : NULL;
}

bool lf_step_parse(const char *key, lf_step *out)
{
	for (int i = 0; key && i < LF_STEP_COUNT; i++)
		if (!strcmp(steps[i].key, key)) {
			*out = (lf_step)i;
			return true;
		}
	return false;
}

static const struct {
	const char *id;
	const char *label;
} satisfactions[] = {
	{"satisfied", N_("satisfied")},
	{"basically", N_("basically satisfied")},
	{"dissatisfied", N_("dissatisfied")},
	/* The visitor said neither way (未表态): recorded as such, never
	 * assumed (issue 11). */
	{"unstated", N_("not stated")},
};

bool lf_satisfaction_valid(const char *id)
{
	return lf_satisfaction_label(id) != NULL;
}

const char *lf_satisfaction_label(const char *id)
{
	for (size_t i = 0; id && i < sizeof satisfactions / sizeof satisfactions[0]; i++)
		if (!strcmp(satisfactions[i].id, id))
			return _(satisfactions[i].label);
	return NULL;
}

const char *lf_satisfaction_parse(const char *s)
{
	/* The paper's words, whatever the interface language. */
	static const char *const paper[] = {"满意", "基本满意", "不满意", "未表态"};
	for (size_t i = 0; s && i < sizeof satisfactions / sizeof satisfactions[0]; i++)
		if (!strcmp(satisfactions[i].id, s) || !strcmp(paper[i], s) || !strcmp(_(satisfactions[i].label), s))
			return satisfactions[i].id;
	return NULL;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* The translated label of a unit kind for messages ("a lower-level agency"). */
static const char *kind_phrase(const char *kind)
{
	if (!strcmp(kind, "department"))
		return _("a department of this office");
	if (!strcmp(kind, "peer"))
		return _("an agency at the same level");
	if (!strcmp(kind, "lower"))
		return _("a lower-level agency");
	if (!strcmp(kind, "law"))
		return _("a political-legal organ (政法机关: court, procuratorate, public security, justice)");
	return _("a discipline inspection body");
}

bool lf_step_allowed(lf_step step, lf_case_state from, unsigned roles, const lf_step_input *in, char *why,
                     size_t len)
{
	return lf_step_allowed_field(step, from, roles, in, why, len, NULL);
}

/* A refusal about one input: told to the caller that asked, false. */
static bool about(lf_step_field *field, lf_step_field which)
{
	if (field)
		*field = which;
	return false;
}

bool lf_step_allowed_field(lf_step step, lf_case_state from, unsigned roles, const lf_step_input *in, char *why,
                           size_t len, lf_step_field *field)
{
	if (field)
		*field = LF_IN_NONE;
	const lf_step_def *d = lf_step_get(step);
	static const lf_step_input none;
	if (!in)
		in = &none;
	if (!d) {
		snprintf(why, len, "%s", _("no such step"));
		return false;
	}
	/* 复查 of a lower office's answer (from-lower): the request opens the
	 * case here, straight from registered (review.h). */
	if (step == LF_STEP_REVIEW_REQUEST && from == LF_ST_REGISTERED && !in->from_lower) {
		snprintf(why, len, "%s",
		         _("record a request for review (复查): a registered case takes it only when a lower office sent "
		           "it up for review (case from-lower); otherwise the case is answered first"));
		return false;
	}
	if ((unsigned)from >= LF_ST_COUNT ||
	    !(d->from & S(from) || (step == LF_STEP_REVIEW_REQUEST && lf_review_may_request(from, in->from_lower)))) {
		snprintf(why, len, _("cannot %s a case that is %s"), _(d->label), lf_state_label(from));
		return false;
	}
	bool office_replies = step == LF_STEP_REPLY && in->outside && lf_can(roles, LF_PERM_ROUTE);
	if (!lf_can(roles, d->perm) && !office_replies) {
		snprintf(why, len, _("not allowed: %s needs the permission \"%s\""), _(d->label), lf_perm_label(d->perm));
		return false;
	}
	if ((d->needs & LF_NEED_REASON) && blank(in->reason) && step == LF_STEP_REFER_LAW) {
		snprintf(why, len, _("%s: say which legal procedure the matter belongs to; it goes into the notice to the "
		                     "visitor"),
		         _(d->label));
		return about(field, LF_IN_REASON);
	}
	if ((d->needs & LF_NEED_REASON) && blank(in->reason) && step == LF_STEP_REDO) {
		snprintf(why, len, _("%s: give the reason for handling again"), _(d->label));
		return about(field, LF_IN_REASON);
	}
	if ((d->needs & LF_NEED_REASON) && blank(in->reason)) {
		snprintf(why, len, _("%s: give the reason; it goes into the notice to the visitor"), _(d->label));
		return about(field, LF_IN_REASON);
	}
	if (d->needs & LF_NEED_UNIT) {
		if (!in->unit_kind) {
			snprintf(why, len, _("%s: choose %s from the directory of units"), _(d->label),
			         kind_phrase(d->unit_kind));
			return about(field, LF_IN_UNIT);
		}
		if (strcmp(in->unit_kind, d->unit_kind)) {
			snprintf(why, len, _("%s: the unit must be %s"), _(d->label), kind_phrase(d->unit_kind));
			return about(field, LF_IN_UNIT);
		}
	}
	if (d->needs & LF_NEED_DUE) {
		if (!in->has_due) {
			snprintf(why, len, _("%s: give a due date"), _(d->label));
			return about(field, LF_IN_DUE);
		}
		if (lf_date_cmp(in->due, in->today) < 0) {
			snprintf(why, len, _("%s: the due date is in the past"), _(d->label));
			return about(field, LF_IN_DUE);
		}
	}
	/* A major case (重大) is routed only once a leader owns it (seed 001). */
	if ((step == LF_STEP_IN_HOUSE || step == LF_STEP_TRANSFER || step == LF_STEP_ASSIGN) && in->major &&
	    !in->has_owner) {
		snprintf(why, len, "%s", _("a major case needs a leader who owns it (包案) before it is routed"));
		return false;
	}
	if ((d->needs & LF_NEED_TEXT) && blank(in->text)) {
		snprintf(why, len, _("%s: the text is empty"), _(d->label));
		return about(field, LF_IN_TEXT);
	}
	if ((d->needs & LF_NEED_SATISFACTION) && !lf_satisfaction_valid(in->satisfaction)) {
		snprintf(why, len, _("%s: record the visitor's satisfaction as they said it (satisfied, basically satisfied, "
		           "dissatisfied), or not stated"),
		         _(d->label));
		return about(field, LF_IN_SATISFACTION);
	}
	if ((d->needs & LF_NEED_OPINION) && !lf_review_opinion_valid(in->opinion)) {
		snprintf(why, len, _("%s: the opinion is upheld (维持), changed (变更) or revoked (撤销)"), _(d->label));
		return about(field, LF_IN_OPINION);
	}
	if ((d->needs & LF_NEED_IN_TIME) && !in->in_time) {
		snprintf(why, len, "%s", in->late_why ? in->late_why : _("the request is out of time"));
		return false;
	}
	if ((d->needs & LF_NEED_DISSATISFIED) && !in->dissatisfied) {
		snprintf(why, len, "%s",
		         _("handle again (重办): only after the petitioner evaluated the answer as dissatisfied (不满意)"));
		return false;
	}
	if ((d->needs & LF_NEED_COMPLETE) && !in->file_complete) {
		snprintf(why, len, "%s", _("the file is not complete: see what is missing"));
		return false;
	}
	return true;
}

size_t lf_steps_available(lf_case_state from, unsigned roles, lf_step *out, size_t max)
{
	size_t n = 0;
	for (int i = 0; i < LF_STEP_COUNT; i++)
		if ((unsigned)from < LF_ST_COUNT && (steps[i].from & S(from)) && lf_can(roles, steps[i].perm)) {
			if (n < max)
				out[n] = (lf_step)i;
			n++;
		}
	return n < max ? n : max;
}

/* Append one translated line to buf. */
static void missing(char *buf, size_t len, size_t *used, const char *line)
{
	if (*used >= len)
		return;
	int w = snprintf(buf + *used, len - *used, "%s\n", line);
	if (w > 0)
		*used += (size_t)w < len - *used ? (size_t)w : len - *used - 1;
}

int lf_archive_missing(const lf_case_file_facts *f, char *buf, size_t len)
{
	size_t used = 0;
	int n = 0;
	if (len)
		buf[0] = '\0';
#define NEED(cond, text) \
	do { \
		if (!(cond)) { \
			missing(buf, len, &used, text); \
			n++; \
		} \
	} while (0)
	NEED(f->has_sheet, _("the registration sheet is incomplete"));
	bool lower_review = f->more && f->review_of_lower &&
	                    (f->state == LF_ST_REVIEWED || f->state == LF_ST_REREVIEWED || f->state == LF_ST_ARCHIVED);
	if (!lower_review)
		NEED(f->has_decision, _("no screening decision"));
	if (lower_review) {
		/* A lower office's case reviewed here (第三十五条): this office's
		 * file is the request and its written opinion; the screening,
		 * handling and reply were the lower office's, in its own file. */
	} else if (f->state == LF_ST_DECLINED || lf_state_sent_out(f->state)) {
		NEED(f->has_notice, _("no notice to the visitor"));
	} else {
		NEED(f->has_routing, _("not routed (in-house, transfer or assignment)"));
		/* An instruction is answered by a report (seed 000: the closed loop);
		 * an outside agency's recorded result is its handling report. */
		int reports = f->reports + (f->more ? f->agency_results : 0);
		NEED(reports > 0, f->more && f->outside ? _("the agency's result (办理结果) is not recorded")
		                  : f->instructions > 0 ? _("the leader's instruction has no handling report")
		                                        : _("no signed handling report"));
		if (f->more && reports > 0 && f->unanswered > 0) {
			char line[200];
			snprintf(line, sizeof line,
			         _("leader's instructions with no handling report after them: %d"), f->unanswered);
			missing(buf, len, &used, line);
			n++;
		}
		NEED(f->has_reply, _("no reply to the visitor"));
		NEED(f->has_satisfaction || (f->more && f->unrated),
		     _("the visitor's satisfaction is not recorded (or marked 未评价 with a reason)"));
	}
#undef NEED
	if (f->state != LF_ST_REPLIED && f->state != LF_ST_DECLINED && !lf_state_sent_out(f->state) &&
	    f->state != LF_ST_REVIEWED && f->state != LF_ST_REREVIEWED && f->state != LF_ST_ARCHIVED) {
		char line[160];
		snprintf(line, sizeof line, _("the case is %s, not yet ready for the archive"), lf_state_label(f->state));
		missing(buf, len, &used, line);
		n++;
	}
	return n;
}

/* What a timeline event was, in a person's words (workflow.h). */
const char *lf_event_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} other[] = {
		{"register", N_("registered (登记)")},
		{"instruction", N_("instruction signed (领导批示)")},
		{"handling", N_("handling entry signed (办理情况)")},
		{"routing", N_("forwarding opinion signed (批转意见)")},
		{"approval", N_("handling report approved (处室负责人)")},
		{"own", N_("owner (包案)")},
		{"request_instruction", N_("instruction requested")},
		{"supervise", N_("supervision (督办)")},
		{"supervise_feedback", N_("supervision feedback (督办反馈)")},
		{"hearing_start", N_("hearing begins (听证)")},
		{"hearing_end", N_("hearing ends (听证)")},
		{"extend", N_("extension")},
		{"flag", N_("flags")},
		{"recount", N_("deadline counted again (holiday calendar)")},
		{"annotate", N_("annotation")},
		{"visit.waiting", N_("waiting (候谈)")},
		{"visit.interview", N_("interview (接谈)")},
		{"visit.done", N_("visit done")},
		{"visit.returned", N_("persuaded to return (劝返)")},
		/* Issue 11: the outside agency's answers, as the office recorded them. */
		{"agency_receipt", N_("agency received it (收到)")},
		{"agency_accept", N_("agency accepted it (接收)")},
		{"agency_object", N_("agency objected (异议)")},
		{"agency_result", N_("agency's result (办理结果)")},
		{"satisfaction_unrated", N_("satisfaction not given (未评价, with a reason)")},
		{"correct", N_("registration corrected (更正登记)")},
		{"repeat", N_("repeat petition (重复访) changed")},
		/* Issue 13: a notice delivered to the visitor (delivery.h). */
		{"deliver", N_("notice delivered (送达)")},
		{"evaluate", N_("evaluation recorded (评价)")},
		/* Issue 13 (第三十五条): a case a lower office sent up for 复查. */
		{"review_origin", N_("received for review from a lower office (下级转来复查)")},
		/* Issue 13, 第三十三条: a mediation or settlement agreement (agreement.h). */
		{"mediate", N_("agreement reached (调解/和解协议)")},
	};
	lf_step step;
	if (lf_step_parse(kind, &step))
		return _(lf_step_get(step)->label);
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		if (!strcmp(other[i].kind, kind))
			return _(other[i].label);
	return kind;
}
