/* The steps of laifang case: each gathers its options into what core
 * takes and calls the same core function the desk's F7 menu calls
 * (src/tui/case_flow.c). No rule is checked here: core refuses, with the
 * desk's sentence. Only the shape of the command line is (usage, exit 2). */
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "laifang/caseops.h"
#include "laifang/i18n.h"

/* A step of the state machine, with core's sentence or the desk's "done". */
static int take(cli_case_ctx *c, lf_step step, const lf_step_args *a)
{
	char msg[2048] = "";
	lf_store_err e = lf_case_step(c->st, c->me, c->case_no, step, a, msg, sizeof msg);
	char done[512];
	snprintf(done, sizeof done, _("Case %s: %s done."), c->case_no, _(lf_step_get(step)->label));
	return cli_case_result(c, e, msg, done);
}

int cli_case_accept(cli_case_ctx *c)
{
	lf_step_args a = {.kind = cli_case_opt(c, "kind")};
	return take(c, LF_STEP_ACCEPT, &a);
}

int cli_case_decline(cli_case_ctx *c)
{
	lf_step_args a = {.reason = c->text, .kind = cli_case_opt(c, "kind")};
	return take(c, LF_STEP_DECLINE, &a);
}

int cli_case_refer(cli_case_ctx *c)
{
	lf_step_args a = {.unit = cli_case_opt(c, "unit"), .text = c->text};
	return take(c, LF_STEP_REFER, &a);
}

/* 诉访分离 (issue 13): the text says which legal procedure the matter
 * belongs to; it goes into the notice as the reason. */
int cli_case_refer_law(cli_case_ctx *c)
{
	lf_step_args a = {.unit = cli_case_opt(c, "unit"), .reason = c->text, .kind = cli_case_opt(c, "kind")};
	return take(c, LF_STEP_REFER_LAW, &a);
}

int cli_case_route(cli_case_ctx *c)
{
	bool in_house = cli_case_flag(c, "in-house");
	const char *transfer = cli_case_opt(c, "transfer"), *assign = cli_case_opt(c, "assign");
	const char *unit = cli_case_opt(c, "unit");
	if (in_house + (transfer != NULL) + (assign != NULL) != 1)
		return cli_case_usage(c, "%s", _("say how the case is handled: --in-house --unit UNIT, --transfer UNIT or --assign UNIT"));
	if (unit && !in_house)
		return cli_case_usage(c, "%s", _("--unit goes with --in-house; --transfer and --assign name their unit"));
	int rc = cli_case_date_opt(c, "due");
	if (rc)
		return rc;
	lf_step_args a = {.unit = in_house ? unit : transfer ? transfer : assign, .due = cli_case_opt(c, "due"),
	                  .text = c->text, .co_units = cli_case_opt(c, "co-units"),
	                  /* a due date on a day off: the person confirmed it by saying so */
	                  .allow_nonworking = cli_case_flag(c, "allow-nonworking")};
	return take(c, in_house ? LF_STEP_IN_HOUSE : transfer ? LF_STEP_TRANSFER : LF_STEP_ASSIGN, &a);
}

int cli_case_take_up(cli_case_ctx *c)
{
	return take(c, LF_STEP_TAKE_UP, NULL);
}

int cli_case_report(cli_case_ctx *c)
{
	lf_step_args a = {.text = c->text};
	return take(c, LF_STEP_REPORT, &a);
}

/* What the visitor said, in the words of the desk, as core's ids. A word
 * not in the list goes to core as it is: core refuses what it does not
 * know. 未表态 is core's "unstated" (a visitor who said nothing). */
static const char *satisfaction_id(const char *word)
{
	static const struct {
		const char *word, *id;
	} words[] = {
		{"满意", "satisfied"},
		{"基本满意", "basically"},
		{"不满意", "dissatisfied"},
		{"未表态", "unstated"},
	};
	for (size_t i = 0; word && i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(words[i].word, word))
			return words[i].id;
	return word;
}

int cli_case_reply(cli_case_ctx *c)
{
	/* The written answer (第三十二条): opinion, facts and reasons, basis. */
	lf_step_args a = {.text = c->text, .satisfaction = satisfaction_id(cli_case_opt(c, "satisfaction")),
	                  .answer_opinion = cli_case_opt(c, "opinion"), .answer_facts = cli_case_opt(c, "facts"),
	                  .answer_basis = cli_case_opt(c, "basis")};
	return take(c, LF_STEP_REPLY, &a);
}

int cli_case_archive(cli_case_ctx *c)
{
	return take(c, LF_STEP_ARCHIVE, NULL);
}

int cli_case_instruct(cli_case_ctx *c)
{
	char msg[1024] = "";
	lf_store_err e = lf_case_instruct(c->st, c->me, c->case_no, c->text, msg, sizeof msg);
	char done[512];
	snprintf(done, sizeof done, _("Case %s: signed by %s. %s"), c->case_no,
	         c->me->name && c->me->name[0] ? c->me->name : c->me->login, "");
	for (size_t n = strlen(done); n && done[n - 1] == ' '; n--)
		done[n - 1] = '\0';
	return cli_case_result(c, e, msg, done);
}

int cli_case_request(cli_case_ctx *c)
{
	char msg[1024] = "";
	lf_store_err e = lf_case_request_instruction(c->st, c->me, c->case_no, cli_case_opt(c, "leader"), msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The leader is asked for an instruction."));
}

int cli_case_own(cli_case_ctx *c)
{
	const char *leader = cli_case_opt(c, "leader");
	char msg[1024] = "";
	lf_store_err e = lf_case_set_owner(c->st, c->me, c->case_no, leader ? leader : c->me->login, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The owning leader is recorded."));
}

int cli_case_supervise(cli_case_ctx *c)
{
	char msg[1024] = "";
	const char *due = cli_case_opt(c, "due"), *level = cli_case_opt(c, "level");
	if (level && !due)
		return cli_case_usage(c, "%s", _("--level needs --due: the date the unit's written feedback is due"));
	if (due) {
		lf_store_err e = lf_case_supervise_notice(c->st, c->me, c->case_no, c->text, level, due, msg, sizeof msg);
		return cli_case_result(c, e, msg, _("The supervision notice is recorded; its feedback clock runs."));
	}
	lf_store_err e = lf_case_supervise(c->st, c->me, c->case_no, c->text, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The supervision note is recorded."));
}

int cli_case_hearing_start(cli_case_ctx *c)
{
	char msg[1024] = "";
	lf_store_err e = lf_case_hearing(c->st, c->me, c->case_no, true, c->text, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The hearing has begun; the re-review's term is paused."));
}

int cli_case_hearing_end(cli_case_ctx *c)
{
	char msg[1024] = "";
	lf_store_err e = lf_case_hearing(c->st, c->me, c->case_no, false, c->text, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The hearing has ended; the re-review's term counts again."));
}

int cli_case_supervise_feedback(cli_case_ctx *c)
{
	char msg[1024] = "";
	lf_store_err e = lf_case_supervise_feedback(c->st, c->me, c->case_no, c->text, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The unit's feedback on the supervision is recorded."));
}

int cli_case_extend(cli_case_ctx *c)
{
	int days = 0;
	/* The number's shape here; its range (at most 30) is core's rule. */
	int rc = cli_case_int_opt(c, "days", -1000000, 1000000, &days);
	if (rc)
		return rc;
	char msg[1024] = "";
	lf_store_err e = lf_case_extend(c->st, c->me, c->case_no, days, cli_case_opt(c, "approver"), c->text, msg,
	                                sizeof msg);
	return cli_case_result(c, e, msg, _("The handling term is extended."));
}

/* yes / no as 1 / 0; absent -1 (left as it is); 2 for anything else. */
static int yes_no(const char *v)
{
	if (!v)
		return -1;
	if (!strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "是"))
		return 1;
	if (!strcmp(v, "no") || !strcmp(v, "0") || !strcmp(v, "否"))
		return 0;
	return 2;
}

int cli_case_flag_step(cli_case_ctx *c)
{
	int urgent = yes_no(cli_case_opt(c, "urgent")), major = yes_no(cli_case_opt(c, "major"));
	if (urgent == 2 || major == 2 || (urgent < 0 && major < 0))
		return cli_case_usage(c, "%s", _("give --urgent yes|no, --major yes|no or both"));
	char msg[1024] = "";
	lf_store_err e = lf_case_set_flags(c->st, c->me, c->case_no, urgent, major, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The flags are set."));
}

int cli_case_annotate(cli_case_ctx *c)
{
	char msg[1024] = "";
	lf_store_err e = lf_case_annotate(c->st, c->me, c->case_no, c->text, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The annotation is added."));
}

int cli_case_headcount(cli_case_ctx *c)
{
	int n = 0;
	int rc = cli_case_int_opt(c, "count", -1000000, 1000000, &n);
	if (rc)
		return rc;
	char msg[1024] = "";
	lf_store_err e = lf_case_set_headcount(c->st, c->me, c->case_no, n, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The headcount is set."));
}

int cli_case_representative(cli_case_ctx *c)
{
	char msg[1024] = "";
	lf_store_err e = lf_case_add_representative(c->st, c->me, c->case_no, cli_case_opt(c, "id-number"),
	                                            cli_case_opt(c, "name"), cli_case_opt(c, "sex"),
	                                            cli_case_opt(c, "phone"), cli_case_opt(c, "address"), msg,
	                                            sizeof msg);
	return cli_case_result(c, e, msg, _("The representative is added."));
}

int cli_case_visit(cli_case_ctx *c)
{
	static const struct {
		const char *word;
		lf_visit_step step;
		const char *done;
	} visits[] = {
		{"wait", LF_VISIT_WAIT, N_("On today's waiting list.")},
		{"interview", LF_VISIT_INTERVIEW, N_("Being interviewed.")},
		{"visit-done", LF_VISIT_DONE, N_("The visit is done.")},
		{"return", LF_VISIT_RETURNED, N_("Persuaded to return.")},
	};
	for (size_t i = 0; i < sizeof visits / sizeof visits[0]; i++)
		if (!strcmp(c->step, visits[i].word)) {
			char msg[1024] = "";
			lf_store_err e = lf_case_visit(c->st, c->me, c->case_no, visits[i].step, msg, sizeof msg);
			return cli_case_result(c, e, msg, _(visits[i].done));
		}
	return cli_case_usage(c, "%s", _("no such step"));
}
