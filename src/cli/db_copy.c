/* laifang db copy --to postgresql:...: the office moves to a server. */
#include "laifang/cli.h"

#include "cli_internal.h"

#include "laifang/db_copy.h"
#include "laifang/i18n.h"

int lf_cli_db_copy(lf_store *st, const lf_user *me, const char *to, FILE *out, FILE *err)
{
	char msg[768] = "";
	long long rows = 0;
	lf_store_err e = lf_office_db_copy(st, me, to, &rows, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("copied %lld rows; check the copy with: laifang --db DESTINATION check\n"), rows);
	return 0;
}
