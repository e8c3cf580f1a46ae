/* A training database: its cases are dated on one fixed day, so a class can
 * follow a printed exercise whatever day it meets. The day is a property of
 * the database, set only when it is created (init --training DAY) and
 * never by a setting or the environment, so a production database cannot
 * be moved in time. Logins, lock-outs and audit entries keep the real clock. */
#include "laifang/office.h"
#include "laifang/cli.h"

#include <stdio.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/settings.h"

int lf_cli_init_training(lf_store *st, const char *day, FILE *out, FILE *err)
{
	lf_date d;
	if (!day || !lf_date_parse(day, &d)) {
		fprintf(err, _("laifang: --training needs a date (YYYY-MM-DD), not \"%s\"\n"), day ? day : "");
		return 2;
	}
	char text[LF_DATE_LEN];
	lf_date_format(d, text);
	if (lf_training_day_set(st, text) != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", lf_office_errmsg(st));
		return 2;
	}
	lf_date_set_training(&d);
	fprintf(out, _("This is a training database: its cases are dated %s.\n"), text);
	return 0;
}

void lf_cli_training_apply(lf_store *st)
{
	char text[32];
	lf_date d;
	if (lf_training_day(st, text, sizeof text) && lf_date_parse(text, &d))
		lf_date_set_training(&d);
	else
		lf_date_set_training(NULL);
}
