/* laifang case repeat CASE_NO --yes|--no: whether a visit is the same
 * matter as an earlier one (重复访), decided or corrected after the sheet
 * was saved (issue 11), through core (correct.h); audited, on the timeline
 * as old → new. */
#include "case_fix.h"

#include <string.h>

#include "cli_internal.h"
#include "laifang/correct.h"
#include "laifang/i18n.h"

static int usage(FILE *err)
{
	fprintf(err, "%s", _("laifang: usage: laifang [--user LOGIN [--password-stdin]] case repeat CASE_NO --yes|--no\n"));
	return 2;
}

int cli_case_repeat(int argc, char **argv, lf_store *st, const lf_user *me, FILE *out, FILE *err)
{
	const char *case_no = NULL;
	int yes = -1;
	for (int i = 0; i < argc; i++) {
		if (cli_case_fix_global(argc, argv, &i))
			continue;
		if (!strcmp(argv[i], "--yes") || !strcmp(argv[i], "--no")) {
			int want = argv[i][2] == 'y';
			if (yes >= 0 && yes != want)
				return usage(err);
			yes = want;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(err, _("laifang: unknown option %s (see laifang --help)\n"), argv[i]);
			return usage(err);
		} else if (!case_no)
			case_no = argv[i];
		else
			return usage(err);
	}
	if (!case_no || yes < 0)
		return usage(err);
	char msg[1024] = "";
	lf_store_err e = lf_case_set_repeat(st, me, case_no, yes == 1, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, yes ? _("Case %s is marked as a repeat petition (重复访).\n")
	                 : _("Case %s is marked as not a repeat petition.\n"),
	        case_no);
	return 0;
}
