/* 同一事项正在办理 (《信访工作条例》第十九条第三款) at registration: how many
 * of the visitor's earlier cases (by ID number) the office still has in
 * hand, for the sheet's and the import's note. A warning only: the clerk
 * judges whether this visit is the same matter (correct.h). */
#include "laifang/correct.h"

#include <stdio.h>

#include "laifang/review.h"

#define LOOKED_AT 200 /* earlier cases read; a visitor with more is rare */

static int count_in_progress(const lf_earlier_case *c, void *ud)
{
	if (lf_status_in_progress(c->status))
		(*(int *)ud)++;
	return 0;
}

int lf_visitor_in_progress(lf_store *st, const lf_user *actor, const char *id_number, const char *exclude,
                           char *note, size_t len)
{
	if (note && len)
		note[0] = '\0';
	if (!id_number || !id_number[0])
		return 0;
	int n = 0, total = 0;
	char why[512];
	if (lf_visitor_earlier_cases(st, actor, id_number, exclude, LOOKED_AT, count_in_progress, &n, &total, why,
	                             sizeof why) != LF_STORE_OK)
		return 0;
	if (n > 0 && note && len)
		lf_same_matter_note(n, note, len);
	return n;
}
