/* A case's clocks as JSON for the command line (export, case show):
 * [{"rule","label","start","due","state","basis","stop","stop_reason","estimated"}]. */
#include "cli_internal.h"

#include <jansson.h>

#include "laifang/clocks.h"
#include "laifang/case_clocks.h"

static int add_clock(const lf_clock_row *r, void *ud)
{
	json_t *a = ud, *o = json_object();
	if (!o)
		return 1;
	json_object_set_new(o, "rule", json_string(r->rule ? r->rule : ""));
	json_object_set_new(o, "label", json_string(r->rule ? lf_clock_rule_label_key(r->rule) : ""));
	json_object_set_new(o, "start", json_string(r->start ? r->start : ""));
	json_object_set_new(o, "due", json_string(r->due ? r->due : ""));
	json_object_set_new(o, "state", json_string(r->state ? r->state : ""));
	json_object_set_new(o, "basis", json_string(r->basis ? r->basis : ""));
	json_object_set_new(o, "stop", r->stop ? json_string(r->stop) : json_null());
	json_object_set_new(o, "stop_reason", r->stop_reason ? json_string(r->stop_reason) : json_null());
	json_object_set_new(o, "estimated", json_boolean(r->estimated));
	return json_array_append_new(a, o) < 0;
}

json_t *lf_cli_clocks_json(lf_store *st, const lf_user *actor, const char *case_id)
{
	json_t *a = json_array();
	char msg[512] = "";
	if (a && lf_case_clocks(st, actor, case_id, add_clock, a, msg, sizeof msg) != LF_STORE_OK) {
		json_decref(a);
		return NULL;
	}
	return a;
}
