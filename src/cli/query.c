/* laifang query CODE (issues 13, 15): a clerk on the phone reads what the
 * petitioner may know of the case of a query code, and nothing more. */
#include "laifang/cli.h"

#include "cli_internal.h"
#include "laifang/clocks.h"
#include "laifang/i18n.h"
#include "laifang/query.h"
#include "laifang/workflow.h"

int lf_cli_query(lf_store *st, const lf_user *actor, const char *code, FILE *out, FILE *err)
{
	lf_query_view v;
	char msg[512];
	lf_store_err e = lf_query_lookup(st, actor, code, &v, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	lf_case_state s;
	const char *state = lf_state_parse(v.status, &s) ? lf_state_label(s) : v.status;
	fprintf(out, _("Case number:   %s\n"), v.case_no);
	fprintf(out, _("Received on:   %s\n"), v.received_on);
	fprintf(out, _("State:         %s\n"), state);
	if (v.step[0])
		fprintf(out, _("Latest step:   %s (%s)\n"), lf_event_label(v.step), v.step_on);
	else
		fprintf(out, _("Latest step:   %s (%s)\n"), lf_event_label("register"), v.received_on);
	fprintf(out, _("Handled by:    %s\n"), v.unit[0] ? v.unit : "—");
	if (v.due_on[0])
		fprintf(out, _("Due by:        %s (%s)%s\n"), v.due_on, lf_clock_rule_label_key(v.due_rule),
		        v.due_estimated ? _(" estimated") : "");
	else
		fprintf(out, "%s", _("Due by:        —\n"));
	return 0;
}
