/* laifang case evaluate | redo (issue 13, 可评价): the petitioner's
 * evaluation of the answer, for the petition office and for the handling
 * unit, and the supervisor's 重办 after a 不满意. Options into core's
 * arguments; core checks the rest (case_eval.h, workflow.h). */
#include <stdio.h>

#include "case_internal.h"
#include "laifang/case_eval.h"
#include "laifang/i18n.h"

int cli_case_evaluate(cli_case_ctx *c)
{
	const char *office = cli_case_opt(c, "office"), *unit = cli_case_opt(c, "unit");
	if (!office || !unit)
		return cli_case_usage(c, "%s",
		                      _("give both: --office satisfied|basically|dissatisfied --unit "
		                        "satisfied|basically|dissatisfied"));
	const char *reason = cli_case_opt(c, "reason");
	char msg[1024] = "", done[256];
	lf_store_err e = lf_case_evaluate(c->st, c->me, c->case_no, office, unit, reason ? reason : c->text, msg,
	                                  sizeof msg);
	snprintf(done, sizeof done, _("Case %s: the petitioner's evaluation is recorded."), c->case_no);
	return cli_case_result(c, e, msg, done);
}

int cli_case_redo(cli_case_ctx *c)
{
	int rc = cli_case_date_opt(c, "due");
	if (rc)
		return rc;
	if (!cli_case_opt(c, "due"))
		return cli_case_usage(c, "%s", _("redo needs --due YYYY-MM-DD: when the unit answers again"));
	lf_step_args a = {.due = cli_case_opt(c, "due"),
	                  .reason = cli_case_opt(c, "reason"),
	                  .allow_nonworking = cli_case_flag(c, "allow-nonworking")};
	char msg[2048] = "", done[512];
	lf_store_err e = lf_case_step(c->st, c->me, c->case_no, LF_STEP_REDO, &a, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: %s done."), c->case_no, _(lf_step_get(LF_STEP_REDO)->label));
	return cli_case_result(c, e, msg, done);
}
