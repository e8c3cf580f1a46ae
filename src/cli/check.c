/* laifang check: the store's integrity check, one line per problem. */
#include "laifang/cli.h"

#include "laifang/i18n.h"

static void print_problem(const char *problem, void *ud)
{
	fprintf((FILE *)ud, "%s\n", problem);
}

int lf_cli_check(lf_store *st, FILE *out, FILE *err)
{
	int n = lf_store_check(st, print_problem, out);
	if (n < 0) {
		fprintf(err, _("laifang: the check could not run: %s\n"), lf_store_errmsg(st));
		return 2;
	}
	if (n > 0) {
		fprintf(out, _("check: %d problem(s)\n"), n);
		return 1;
	}
	fprintf(out, "%s\n", _("check: database is consistent"));
	return 0;
}
