/* 性别 from the ID number on the sheet (validate.h, lf_sex_fill). */
#include "laifang/validate.h"

#include <string.h>

const char *lf_sex_fill(const char *id_number, lf_date today, const char *sex_now, const char *filled_before)
{
	const char *now = sex_now ? sex_now : "";
	bool ours = !*now || (filled_before && *filled_before && !strcmp(now, filled_before));
	if (!ours)
		return NULL; /* the clerk chose: never overwritten */
	const char *want = "";
	lf_check c;
	if (id_number && *id_number && lf_check_id_number(id_number, today, &c) != LF_INVALID) {
		char sex = lf_id_sex(c.normalized);
		want = sex == 'M' ? "男" : sex == 'F' ? "女" : "";
	}
	if (!*want && !*now)
		return NULL; /* empty stays empty */
	return strcmp(want, now) ? want : NULL;
}
