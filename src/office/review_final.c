/* After a re-review (复核) the same facts and reasons are not accepted
 * again (《信访工作条例》第三十六条): at registration, whether the visitor
 * (by ID number) has a case whose re-review opinion was given, for the
 * sheet's note. A warning only: the clerk judges whether it is the same
 * matter (correct.h). */
#include "laifang/correct.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/review.h"
#include "laifang/store_flow.h"

#define LOOKED_AT 200 /* earlier cases read; a visitor with more is rare */

typedef struct final_scan {
	bool found;
	char **archived; /* archived cases: their timeline says whether re-reviewed */
	size_t n, cap;
} final_scan;

static int each_case(const lf_earlier_case *c, void *ud)
{
	final_scan *x = ud;
	if (!c->status)
		return 0;
	if (!strcmp(c->status, "rereviewed")) {
		x->found = true;
		return 1;
	}
	if (!strcmp(c->status, "archived") && c->case_id) {
		if (x->n == x->cap) {
			size_t cap = x->cap ? x->cap * 2 : 8;
			char **g = realloc(x->archived, cap * sizeof *g);
			if (!g)
				return 0;
			x->archived = g;
			x->cap = cap;
		}
		if ((x->archived[x->n] = strdup(c->case_id)))
			x->n++;
	}
	return 0;
}

static int rereview_decided(const lf_event *e, void *ud)
{
	if (e->kind && !strcmp(e->kind, "rereview_decide")) {
		*(bool *)ud = true;
		return 1;
	}
	return 0;
}

bool lf_visitor_review_final(lf_store *st, const lf_user *actor, const char *id_number, const char *exclude,
                             char *note, size_t len)
{
	if (note && len)
		note[0] = '\0';
	if (!id_number || !id_number[0])
		return false;
	final_scan x = {0};
	int total = 0;
	char why[512];
	if (lf_visitor_earlier_cases(st, actor, id_number, exclude, LOOKED_AT, each_case, &x, &total, why,
	                             sizeof why) != LF_STORE_OK)
		x.found = false;
	for (size_t i = 0; i < x.n; i++) {
		if (!x.found)
			lf_store_case_events(st, x.archived[i], rereview_decided, &x.found);
		free(x.archived[i]);
	}
	free(x.archived);
	if (x.found && note && len)
		snprintf(note, len, "%s", lf_review_final_note());
	return x.found;
}
