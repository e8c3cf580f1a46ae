/* The clocks of a case for laifang case show --json. For now a case keeps
 * one deadline (due_on with its rule), so this gives at most one clock,
 * built from it: the rule, when it started (registration for route, the
 * acceptance for handle and extend, the latest instruction for report),
 * the due date, running or missed on today, and the rule's basis. When
 * the case holds real clocks side by side, this one function is replaced
 * by one that lists them all in the same shape. */
#include <jansson.h>
#include <string.h>

#include "case_internal.h"
#include "laifang/date.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"

typedef struct start_scan {
	const char *rule;
	char at[LF_DATE_LEN];
} start_scan;

/* The day of the latest event that starts the rule's term. */
static int find_start(const lf_event *e, void *ud)
{
	start_scan *s = ud;
	const char *kind = !strcmp(s->rule, "report") ? "instruction" : "accept";
	if (e->kind && e->at && !strcmp(e->kind, kind))
		snprintf(s->at, sizeof s->at, "%.10s", e->at);
	return 0;
}

struct json_t *cli_case_clocks_json(lf_store *st, const lf_case *c, const lf_case_flow *fl)
{
	json_t *clocks = json_array();
	lf_date due;
	if (!clocks || !fl->due_on[0] || !lf_date_parse(fl->due_on, &due))
		return clocks;
	const lf_deadline_rule *rule = NULL;
	for (int i = 0; i < LF_DL_COUNT; i++) {
		const lf_deadline_rule *r = lf_deadline_rule_get((lf_deadline_id)i);
		if (r && !strcmp(r->key, fl->due_rule))
			rule = r;
	}
	start_scan s = {.rule = fl->due_rule};
	if (!strcmp(fl->due_rule, "route"))
		snprintf(s.at, sizeof s.at, "%s", c->received_on ? c->received_on : "");
	else
		lf_store_case_events(st, fl->case_id, find_start, &s);
	json_t *k = json_object();
	json_object_set_new(k, "rule", json_string(fl->due_rule));
	json_object_set_new(k, "label", rule ? json_string(_(rule->label)) : json_null());
	json_object_set_new(k, "start", s.at[0] ? json_string(s.at) : json_null());
	json_object_set_new(k, "due", json_string(fl->due_on));
	json_object_set_new(k, "state", json_string(lf_date_cmp(due, lf_date_today()) < 0 ? "missed" : "running"));
	json_object_set_new(k, "basis", rule ? json_string(_(rule->basis)) : json_null());
	json_array_append_new(clocks, k);
	return clocks;
}
