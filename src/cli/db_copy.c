/* laifang db copy [--from DB] --to postgresql:...|FILE [--attachments DIR]:
 * the office moves to a server or back to a file; the copy is checked on
 * arrival. */
#include "laifang/cli.h"

#include "cli_internal.h"

#include "laifang/audit.h"
#include "laifang/db_copy.h"
#include "laifang/i18n.h"

static void said(const char *problem, void *ud)
{
	fprintf(ud, "%s\n", problem);
}

int lf_cli_db_copy(lf_store *st, const lf_user *me, const char *to, const char *attach_dir, FILE *out, FILE *err)
{
	char msg[768] = "";
	long long rows = 0;
	int problems = 0;
	lf_store_err e = lf_office_db_copy(st, me, to, attach_dir, &rows, said, err, &problems, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	if (problems > 0) {
		fprintf(err, _("laifang: the copy was written but does not check: %d problem(s), above\n"), problems);
		return 1;
	}
	fprintf(out, _("copied %lld rows; the copy checks: its audit log, every row and every attached file\n"), rows);
	return 0;
}
