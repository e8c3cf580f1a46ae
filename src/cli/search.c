/* laifang --user U search QUERY: the TUI's search for scripts and tests,
 * one hit a line. */
#include "laifang/office.h"
#include "laifang/cli.h"

#include <stdio.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/i18n.h"
#include "laifang/search.h"
#include "laifang/workflow.h"

#define MAX_ROWS 1000

/* The text with its match marks as 【】 when to a file, bold on a terminal. */
static void put_marked(FILE *out, const char *s, bool tty)
{
	for (; s && *s; s++) {
		if (*s == LF_SEARCH_MARK_ON)
			fputs(tty ? "\033[1m" : "【", out);
		else if (*s == LF_SEARCH_MARK_OFF)
			fputs(tty ? "\033[0m" : "】", out);
		else
			fputc(*s, out);
	}
}

typedef struct printer {
	FILE *out;
	bool tty;
} printer;

static int print_row(const lf_search_row *r, void *ud)
{
	printer *p = ud;
	lf_case_state state;
	const char *status = r->status && lf_state_parse(r->status, &state) ? lf_state_label(state) : r->status;
	fprintf(p->out, "%s\t%s\t", r->case_no, r->received_on ? r->received_on : "");
	put_marked(p->out, r->name, p->tty);
	fprintf(p->out, "\t%s\t%s\t", r->id_number ? r->id_number : "", status ? status : "");
	put_marked(p->out, r->snippet, p->tty);
	fputc('\n', p->out);
	return 0;
}

int lf_cli_search(lf_store *st, const lf_user *actor, const char *query, FILE *out, FILE *err)
{
	printer p = {out, false};
	char msg[768];
	int n = 0;
	/* One ranked statement, its rows printed as it steps (issue 16: paging
	 * by 50 ranked the whole search again for every page). */
	lf_store_err e = lf_search(st, actor, query, NULL, MAX_ROWS, print_row, &p, &n, msg, sizeof msg);
	if (e != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", msg[0] ? msg : lf_office_errmsg(st));
		return lf_cli_status(e);
	}
	if (n == 0)
		fprintf(err, "%s", _("laifang: nothing found\n"));
	return 0;
}
