/* A re-review's hearing (听证): 《信访工作条例》第三十六条第二款 lets the
 * re-reviewing office hold one as 第三十一条第六项 describes, and the time it
 * takes is not counted in the 30 days of the re-review. Its beginning and
 * end are events ("hearing_start", "hearing_end") on the case waiting for
 * its re-review opinion; between them the re-review clock is paused
 * (clocks.c), and the days are added to its term when it ends. Recorded by
 * those who give the re-review opinion. */
#include "caseflow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_clocks.h"

#define HEARING_MAX_CHARS 2000

static int paused_rereview(const lf_clock_row *r, void *ud)
{
	if (r->rule && !strcmp(r->rule, "rereview") && r->state && !strcmp(r->state, "paused")) {
		*(bool *)ud = true;
		return 1;
	}
	return 0;
}

lf_store_err lf_case_hearing(lf_store *st, const lf_user *actor, const char *case_id, bool begin, const char *text,
                             char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_REVIEW_DECIDE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *note = NULL;
	/* What the hearing is about (its start), what came of it (its end). */
	e = cf_text(st, text, true, !begin, HEARING_MAX_CHARS, begin ? N_("hearing") : N_("outcome of the hearing"),
	            &note, msg, len);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK && flow.state != LF_ST_REREVIEW_REQUESTED)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("a hearing is held on a case awaiting its re-review opinion (待复核); this one is %s"),
		              lf_state_label(flow.state));
	bool open = false;
	if (e == LF_STORE_OK && lf_store_case_clocks(st, flow.case_id, paused_rereview, &open) != LF_STORE_OK)
		e = cf_passed(st, lf_store_errcode(st), msg, len);
	if (e == LF_STORE_OK && begin && open)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("a hearing of this case has begun and not ended"));
	if (e == LF_STORE_OK && !begin && !open)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("no hearing of this case has begun"));
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = begin ? "hearing_start" : "hearing_end", .text = note, .urgent = -1, .major = -1};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	free(note);
	return e;
}
