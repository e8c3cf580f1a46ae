/* laifang suggestion add|adopt|list (issue 13, 《信访工作条例》第四十一条（三））:
 * the petition office's suggestions and whether they were adopted, for the
 * annual report (suggestion.h). Options of their own, so main hands the
 * command over as it does for laifang case. */
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/paths.h"
#include "laifang/suggestion.h"
#include "laifang/text.h"

typedef struct sargs {
	const char *db, *login, *kind, *to, *text, *on, *result, *year;
	bool pw_stdin, help;
	const char *pos[3];
	int n_pos;
} sargs;

static void help(FILE *f)
{
	fprintf(f, "%s", _("Usage: laifang [--user LOGIN [--password-stdin]] suggestion COMMAND\n"
	                   "The petition office's suggestions and whether they were adopted, for the annual\n"
	                   "report (《信访工作条例》第四十一条（三）).\n"
	                   "  suggestion add --kind improve|policy|accountability --to ORGAN --text TEXT [--on DATE]\n"
	                   "                      record a suggestion made (改进工作, 完善政策, 追究责任)\n"
	                   "  suggestion adopt ID --result adopted|partly|rejected [--on DATE] [--text NOTE]\n"
	                   "                      record whether it was adopted (ID: at least its first 8 characters)\n"
	                   "  suggestion list [--year YYYY]\n"
	                   "add and adopt for supervisors and leaders; list for those who may read the statistics.\n"));
}

static int parse(int argc, char **argv, sargs *x)
{
	static const char *const names[] = {"--db", "--user", "--kind", "--to", "--text", "--on", "--result", "--year"};
	bool seen = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], **slot = NULL;
		const char **slots[] = {&x->db, &x->login, &x->kind, &x->to, &x->text, &x->on, &x->result, &x->year};
		for (size_t k = 0; k < sizeof names / sizeof *names && !slot; k++)
			if (lf_cli_opt_is(a, names[k]))
				slot = slots[k];
		if (slot) {
			if (!(*slot = lf_cli_opt_value(argc, argv, &i))) {
				fprintf(stderr, _("laifang: %s needs a value\n"), a);
				return 2;
			}
		} else if (lf_cli_opt_is(a, "--lang")) {
			if (!lf_cli_opt_value(argc, argv, &i))
				return 2;
		} else if (!strcmp(a, "--password-stdin"))
			x->pw_stdin = true;
		else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			x->help = true;
		else if (a[0] == '-' && a[1]) {
			fprintf(stderr, _("laifang: unknown option %s (see laifang --help)\n"), a);
			return 2;
		} else if (!seen && !strcmp(a, "suggestion"))
			seen = true;
		else if (x->n_pos < 3)
			x->pos[x->n_pos++] = a;
		else {
			fprintf(stderr, "%s", _("laifang: too many arguments (see laifang --help)\n"));
			return 2;
		}
	}
	return 0;
}

bool lf_cli_suggestion_wanted(int argc, char **argv)
{
	const char *w = lf_cli_first_word(argc, argv);
	return w && !strcmp(w, "suggestion");
}

static int print_one(const lf_suggestion *g, void *ud)
{
	FILE *f = ud;
	/* id (its first 8 characters are enough to adopt it), day, kind, to whom, outcome, what. */
	fprintf(f, "%.8s\t%s\t%s\t%s\t%s%s%s\t%s\n", g->id, g->made_on, lf_suggestion_kind_word(g->kind), g->addressee,
	        lf_suggestion_outcome_word(g->outcome), g->outcome_on ? " " : "", g->outcome_on ? g->outcome_on : "",
	        g->text);
	return 0;
}

int lf_cli_suggestion(lf_store *st, const lf_user *actor, const char *cmd, const char *id, const char *kind,
                      const char *to, const char *text, const char *on, const char *result, const char *year,
                      FILE *out, FILE *err)
{
	char msg[1024] = "";
	lf_store_err e;
	if (!strcmp(cmd, "add")) {
		char new_id[37];
		e = lf_suggestion_add(st, actor, kind, on, to, text, new_id, msg, sizeof msg);
		if (e == LF_STORE_OK)
			fprintf(out, _("suggestion %s recorded\n"), new_id);
	} else if (!strcmp(cmd, "adopt")) {
		e = lf_suggestion_adopt(st, actor, id, result, on, text, msg, sizeof msg);
		if (e == LF_STORE_OK)
			fprintf(out, _("suggestion %s: outcome recorded\n"), id);
	} else {
		int y = 0;
		if (year) {
			char *end;
			errno = 0;
			long v = strtol(year, &end, 10);
			if (errno || *end || v < 2000 || v > 2100) {
				fprintf(err, "%s", _("laifang: --year is from 2000 to 2100 and --month from 1 to 12\n"));
				return 1;
			}
			y = (int)v;
		}
		e = lf_suggestion_list(st, actor, y, print_one, out, msg, sizeof msg);
	}
	return e == LF_STORE_OK ? 0 : lf_cli_fail(st, e, msg, err);
}

int lf_cli_suggestion_main(int argc, char **argv)
{
	sargs x;
	memset(&x, 0, sizeof x);
	int rc = parse(argc, argv, &x);
	if (rc)
		return rc;
	lf_cli_clean_stdout();
	if (x.help) {
		help(stdout);
		return 0;
	}
	const char *cmd = x.n_pos ? x.pos[0] : "";
	bool add = !strcmp(cmd, "add"), adopt = !strcmp(cmd, "adopt"), list = !strcmp(cmd, "list");
	bool ok = (add && x.n_pos == 1 && !x.result && !x.year) ||
	          (adopt && x.n_pos == 2 && !x.kind && !x.to && !x.year && x.result) ||
	          (list && x.n_pos == 1 && !x.kind && !x.to && !x.text && !x.on && !x.result);
	if (!ok) {
		help(stderr);
		return 2;
	}
	lf_store *st;
	lf_user me = {0};
	rc = lf_cli_handover_open(x.db, x.login, x.pw_stdin, "suggestion", "suggestion COMMAND", &st, &me);
	if (rc)
		return rc;
	rc = lf_cli_suggestion(st, &me, cmd, adopt ? x.pos[1] : NULL, x.kind, x.to, x.text, x.on, x.result, x.year,
	                       stdout, stderr);
	return lf_cli_handover_close(st, &me, rc);
}
