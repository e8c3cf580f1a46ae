/* laifang exchange key|trust|peer|export|import (issue 14): a transferred
 * or assigned case and its answers between offices, by a signed file or,
 * for an office on the same server, straight into its database. */
#include "laifang/cli.h"

#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/exchange.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/paths.h"

#define MAX_FILES 16

typedef struct xargs {
	const char *db, *login, *out, *to, *kind;
	bool pw_stdin, answer, help;
	const char *files[MAX_FILES];
	size_t n_files;
	const char *pos[4];
	int n_pos;
} xargs;

static void help(FILE *f)
{
	fprintf(f, "%s", _("Usage: laifang [--user LOGIN [--password-stdin]] exchange COMMAND\n"
	                   "A transferred or assigned case (转送, 交办) and its answers between laifang\n"
	                   "offices, as packages signed with each office's key.\n"
	                   "  exchange key                 this office's public key, for the others to trust\n"
	                   "  exchange trust NAME KEY      trust the office NAME (its office_name) and its key\n"
	                   "  exchange peer NAME DB        NAME is on the same server: its database (a\n"
	                   "                               postgresql: string or a path; - for none)\n"
	                   "  exchange export CASE_NO [--out FILE] [--to NAME] [--attach FILE]...\n"
	                   "                               send a case transferred or assigned to NAME\n"
	                   "                               (by default the unit it went to): into FILE,\n"
	                   "                               or into NAME's database on the same server\n"
	                   "  exchange export CASE_NO --answer [--kind accepted|returned|result] [--out FILE]\n"
	                   "                               answer the office a case came from\n"
	                   "  exchange import FILE         a package from another office\n"
	                   "key, trust and peer need the role admin; export a supervisor; import a clerk\n"
	                   "or a supervisor.\n"));
}

static int parse(int argc, char **argv, xargs *x)
{
	bool seen = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (lf_cli_opt_is(a, "--db"))
			slot = &x->db;
		else if (lf_cli_opt_is(a, "--user"))
			slot = &x->login;
		else if (lf_cli_opt_is(a, "--lang")) {
			if (!lf_cli_opt_value(argc, argv, &i))
				return 2;
			continue;
		} else if (lf_cli_opt_is(a, "--out") || lf_cli_opt_is(a, "--output"))
			slot = &x->out;
		else if (lf_cli_opt_is(a, "--to"))
			slot = &x->to;
		else if (lf_cli_opt_is(a, "--kind"))
			slot = &x->kind;
		else if (lf_cli_opt_is(a, "--attach")) {
			const char *v = lf_cli_opt_value(argc, argv, &i);
			if (!v || x->n_files >= MAX_FILES) {
				fprintf(stderr, "%s", _("laifang: exchange: --attach needs a file (at most 16)\n"));
				return 2;
			}
			x->files[x->n_files++] = v;
			continue;
		} else if (!strcmp(a, "--password-stdin")) {
			x->pw_stdin = true;
			continue;
		} else if (!strcmp(a, "--answer")) {
			x->answer = true;
			continue;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			x->help = true;
			continue;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, _("laifang: exchange: unknown option %s (see laifang exchange --help)\n"), a);
			return 2;
		} else if (!seen && !strcmp(a, "exchange")) {
			seen = true;
			continue;
		} else if (x->n_pos < 4) {
			x->pos[x->n_pos++] = a;
			continue;
		} else {
			fprintf(stderr, "%s", _("laifang: too many arguments (see laifang --help)\n"));
			return 2;
		}
		if (!(*slot = lf_cli_opt_value(argc, argv, &i))) {
			fprintf(stderr, _("laifang: %s needs a value\n"), a);
			return 2;
		}
	}
	return 0;
}

bool lf_cli_exchange_wanted(int argc, char **argv)
{
	const char *w = lf_cli_first_word(argc, argv);
	return w && !strcmp(w, "exchange");
}

/* The command's words: what it is and how many arguments it takes. */
static int arity(const char *cmd)
{
	static const struct {
		const char *w;
		int n;
	} t[] = {{"key", 0}, {"trust", 2}, {"peer", 2}, {"export", 1}, {"import", 1}};
	for (size_t i = 0; cmd && i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(t[i].w, cmd))
			return t[i].n;
	return -1;
}

static int outcome(lf_store *st, lf_store_err e, const char *msg)
{
	if (e == LF_STORE_OK)
		return 0;
	fprintf(stderr, "laifang: %s\n", msg && msg[0] ? msg : lf_office_errmsg(st));
	return lf_cli_status(e);
}

static int run(lf_store *st, const lf_user *me, const xargs *x)
{
	const char *cmd = x->pos[0];
	char msg[1024] = "";
	lf_store_err e;
	if (!strcmp(cmd, "key")) {
		char hex[LF_EXCHANGE_KEY_HEX];
		e = lf_exchange_key(st, me, hex, msg, sizeof msg);
		if (e == LF_STORE_OK)
			printf("%s\n", hex);
		return outcome(st, e, msg);
	}
	if (!strcmp(cmd, "trust")) {
		e = lf_exchange_trust(st, me, x->pos[1], x->pos[2], msg, sizeof msg);
		if (e == LF_STORE_OK)
			printf(_("%s is trusted: its packages are imported from now on\n"), x->pos[1]);
		return outcome(st, e, msg);
	}
	if (!strcmp(cmd, "peer")) {
		e = lf_exchange_peer(st, me, x->pos[1], x->pos[2], msg, sizeof msg);
		if (e == LF_STORE_OK)
			printf(_("%s: packages go %s\n"), x->pos[1],
			       strcmp(x->pos[2], "-") && x->pos[2][0] ? _("into its database on this server") : _("by file"));
		return outcome(st, e, msg);
	}
	lf_exchange_outcome o;
	if (!strcmp(cmd, "export")) {
		lf_exchange_args a = {.to = x->to, .answer = x->answer, .kind = x->kind, .files = x->files,
		                      .n_files = x->n_files, .out = x->out};
		e = lf_exchange_export(st, me, x->pos[1], &a, &o, msg, sizeof msg);
		if (e == LF_STORE_OK && o.delivered)
			printf(_("package %s (%s) delivered to %s: its case %s\n"), o.package_id, o.kind, o.peer, o.case_no);
		else if (e == LF_STORE_OK)
			printf(_("package %s (%s) for %s written to %s\n"), o.package_id, o.kind, o.peer, x->out);
		return outcome(st, e, msg);
	}
	e = lf_exchange_import(st, me, x->pos[1], &o, msg, sizeof msg);
	if (e == LF_STORE_OK)
		printf(_("package %s (%s) from %s imported: case %s\n"), o.package_id, o.kind, o.peer, o.case_no);
	return outcome(st, e, msg);
}

int lf_cli_exchange_main(int argc, char **argv)
{
	xargs x;
	memset(&x, 0, sizeof x);
	int rc = parse(argc, argv, &x);
	if (rc)
		return rc;
	lf_cli_clean_stdout();
	if (x.help) {
		help(stdout);
		return 0;
	}
	int n = x.n_pos ? arity(x.pos[0]) : -1;
	bool opts_ok = (x.pos[0] && !strcmp(x.pos[0], "export")) ||
	               (!x.out && !x.to && !x.kind && !x.answer && !x.n_files);
	if (n < 0 || x.n_pos != n + 1 || !opts_ok || (x.kind && !x.answer) || (x.answer && x.to)) {
		help(stderr);
		return 2;
	}
	lf_store *st;
	lf_user me = {0};
	rc = lf_cli_handover_open(x.db, x.login, x.pw_stdin, "exchange", "exchange COMMAND", &st, &me);
	if (rc)
		return rc;
	return lf_cli_handover_close(st, &me, run(st, &me, &x));
}
