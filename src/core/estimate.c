/* Due dates in an estimated year, marked as such (estimate.h). */
#include "laifang/estimate.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

bool lf_due_estimated(const lf_calendar *cal, const char *due)
{
	lf_date d;
	return due && lf_date_parse(due, &d) && lf_calendar_is_estimated(cal, d);
}

const char *lf_due_label(const lf_calendar *cal, const char *due, char *buf, size_t len)
{
	if (!len)
		return buf;
	if (lf_due_estimated(cal, due))
		snprintf(buf, len, _("%s (estimated)"), due);
	else
		snprintf(buf, len, "%s", due ? due : "");
	return buf;
}
