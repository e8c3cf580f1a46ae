/* 同一事项正在办理 (《信访工作条例》第十九条第三款): a matter already
 * accepted or being handled, brought again within its time limit, is not
 * accepted again by the office above. At intake the clerk is told that the
 * visitor has matters in progress; the clerk judges whether this visit is
 * the same matter (a warning only, like the re-review note). */
#include "laifang/review.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

/* Registered but not yet screened, screened and routed, handled, or waiting
 * for a review's opinion: the office has not given its last word. A replied,
 * declined, referred, reviewed or archived case is not in progress. */
bool lf_status_in_progress(const char *status)
{
	static const char *const in_progress[] = {
		"registered", "accepted", "in_house",         "transferred",        "assigned",
		"handling",   "reported", "review_requested", "rereview_requested",
	};
	for (size_t i = 0; status && i < sizeof in_progress / sizeof in_progress[0]; i++)
		if (!strcmp(status, in_progress[i]))
			return true;
	return false;
}

const char *lf_same_matter_note(int in_progress, char *buf, size_t len)
{
	if (!buf || !len)
		return NULL;
	buf[0] = '\0';
	if (in_progress <= 0)
		return buf;
	snprintf(buf, len,
	         _("Matters of this visitor still being handled (同一事项正在办理): %d. The same matter brought again "
	           "within its time limit is not accepted again (Regulations on Letters and Visits, art. 19, para. 3). "
	           "Judge whether this is the same matter."),
	         in_progress);
	return buf;
}
