/* laifang case from-lower (issue 13, 第三十五条): a registered case that a
 * lower office sent up for 复查, with the original case's office and
 * number, its written answer and the answer's documents. Office checks
 * everything (review_origin.h); only the command line's shape is here. */
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "laifang/i18n.h"
#include "laifang/review_origin.h"

#define MAX_FILES 20

int cli_case_from_lower(cli_case_ctx *c)
{
	const char *spec = cli_case_opt(c, "review-of"), *list = cli_case_opt(c, "files");
	if (!spec || !spec[0])
		return cli_case_usage(c, "%s", _("from-lower needs --review-of OFFICE:CASE_NO"));
	/* --files a.pdf,b.jpg: the paths, split at the commas. */
	char *copy = list ? strdup(list) : NULL;
	const char *paths[MAX_FILES];
	size_t n = 0;
	if (list && !copy)
		return cli_case_result(c, LF_STORE_IO, _("out of memory"), "");
	for (char *p = copy, *save = NULL, *tok; p && (tok = strtok_r(p, ",", &save)); p = NULL) {
		if (n == MAX_FILES) {
			free(copy);
			return cli_case_usage(c, _("--files: at most %d files"), MAX_FILES);
		}
		paths[n++] = tok;
	}
	if (list && !n) {
		free(copy);
		return cli_case_usage(c, "%s", _("--files needs at least one path"));
	}
	lf_origin_args a = {.review_of = spec, .answer = c->text, .files = paths, .n_files = n};
	char msg[2048] = "", done[512];
	lf_store_err e = lf_review_origin_record(c->st, c->me, c->case_no, &a, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: received for review from %s."), c->case_no, spec);
	free(copy);
	return cli_case_result(c, e, msg, done);
}
