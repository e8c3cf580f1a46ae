/* A back-dated registration (validate.h, lf_backdated). */
#include "laifang/validate.h"

bool lf_backdated(lf_date received, lf_date today, long *days)
{
	long back = lf_date_days(today) - lf_date_days(received);
	if (days)
		*days = back;
	return back > LF_BACKDATE_ASK_DAYS;
}
