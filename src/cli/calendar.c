/* laifang calendar import FILE: a new year's holiday arrangement. */
#include "laifang/office.h"
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/caseflow.h"
#include "laifang/i18n.h"

int lf_cli_calendar_import(lf_store *st, const lf_user *actor, const char *path, FILE *out, FILE *err)
{
	/* Say no before reading anything. */
	if (!lf_cli_allowed(actor, LF_PERM_ADMINISTER, err))
		return 1;
	size_t len;
	char *text = lf_cli_slurp(path, &len);
	if (!text) {
		fprintf(err, _("%s: cannot read the file: %s\n"), path, strerror(errno));
		return 2;
	}
	lf_calendar_import_result r;
	char msg[512] = "";
	lf_store_err e = lf_calendar_import_file(st, actor, text, len, &r, msg, sizeof msg);
	free(text);
	if (e != LF_STORE_OK) {
		fprintf(err, "%s: %s\n", path, msg[0] ? msg : lf_office_errmsg(st));
		return lf_cli_status(e);
	}
	fprintf(out, _("%s: %d days added; the calendar now covers the years up to %d\n"), path, r.days,
	        lf_calendar_last_year(lf_office_calendar(st)));
	/* What the published arrangement changed: days that were estimated (or
	 * listed otherwise) and the running deadlines counted over them. */
	fprintf(out, _("%s: %d days changed their working-day status; %d deadlines counted again\n"), path, r.changed,
	        r.moved);
	return 0;
}
