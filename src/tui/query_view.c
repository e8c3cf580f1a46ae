/* 查询 (issue 13): a clerk on the phone types the caller's query code and
 * reads them the public facts of the case, as `laifang query` prints them. */
#include "tui_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/clocks.h"
#include "laifang/i18n.h"
#include "laifang/query.h"
#include "laifang/workflow.h"

void lf_query_dialog(lf_tui *t)
{
	char typed[64] = "";
	if (!lf_prompt_line(_("Query by code (查询)"), _("Query code"), false, typed, sizeof typed) || !typed[0])
		return;
	lf_query_view v;
	char msg[512];
	if (lf_query_lookup(t->st, t->me, typed, &v, msg, sizeof msg) != LF_STORE_OK) {
		lf_dialog_text(_("Query by code (查询)"), msg);
		return;
	}
	lf_case_state s;
	const char *state = lf_state_parse(v.status, &s) ? lf_state_label(s) : v.status;
	char due[128], text[1024];
	if (v.due_on[0])
		snprintf(due, sizeof due, "%s (%s)%s", v.due_on, lf_clock_rule_label_key(v.due_rule),
		         v.due_estimated ? _(" estimated") : "");
	else
		snprintf(due, sizeof due, "—");
	snprintf(text, sizeof text, _("Case number:   %s\n"), v.case_no);
	size_t n = strlen(text);
	snprintf(text + n, sizeof text - n, _("Received on:   %s\n"), v.received_on);
	n = strlen(text);
	snprintf(text + n, sizeof text - n, _("State:         %s\n"), state);
	n = strlen(text);
	snprintf(text + n, sizeof text - n, _("Latest step:   %s (%s)\n"), lf_event_label(v.step[0] ? v.step : "register"),
	         v.step[0] ? v.step_on : v.received_on);
	n = strlen(text);
	snprintf(text + n, sizeof text - n, _("Handled by:    %s\n"), v.unit[0] ? v.unit : "—");
	n = strlen(text);
	snprintf(text + n, sizeof text - n, _("Due by:        %s\n"), due);
	lf_dialog_text(_("Query by code (查询)"), text);
}
