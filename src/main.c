/* laifang: arguments → the terminal desk or a batch command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/cli.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"
#include "laifang/store.h"
#include "laifang/tui.h"

#ifndef LAIFANG_VERSION
#define LAIFANG_VERSION "0.0.0"
#endif

static void usage(FILE *f)
{
	fprintf(f, "%s", _("Usage: laifang [OPTION]... [COMMAND [ARG]...]\n"
	                   "A terminal case desk for petition reception offices.\n"
	                   "\n"
	                   "Without a command, laifang opens the desk (the visitor registration sheet).\n"
	                   "\n"
	                   "Commands:\n"
	                   "  import FILE            register visits from a CSV or JSON file (- reads\n"
	                   "                         standard input), keyed by the sheet's field ids;\n"
	                   "                         one bad row and nothing is written; problems are\n"
	                   "                         reported as FILE:LINE: label (field id): reason\n"
	                   "  export --format FMT    print every case as json or csv\n"
	                   "  check                  verify the database; exit status 1 on any problem\n"
	                   "\n"
	                   "Options:\n"
	                   "  --db FILE      use this database (default: $LAIFANG_DB, else\n"
	                   "                 $XDG_DATA_HOME/laifang/laifang.db)\n"
	                   "  --lang LANG    interface language: zh_CN (default) or en\n"
	                   "  --help         show this help and exit\n"
	                   "  --version      show the version and exit\n"));
}

/* The value of an option given as "--opt VALUE" or "--opt=VALUE"; advances *i. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		fprintf(stderr, _("laifang: %s needs a value\n"), name);
		exit(2);
	}
	return argv[++*i];
}

int main(int argc, char **argv)
{
	const char *db_arg = NULL, *lang = NULL, *format = NULL;
	const char *positional[8];
	int n_pos = 0;
	bool help = false, version = false;

	/* The language must be known before any message, so look for it first. */
	for (int i = 1; i < argc; i++) {
		const char *v = option_value(argc, argv, &i, "--lang");
		if (v)
			lang = v;
	}
	bool utf8 = lf_i18n_init(lang);

	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = option_value(argc, argv, &i, "--db")))
			db_arg = v;
		else if ((v = option_value(argc, argv, &i, "--lang")))
			;
		else if ((v = option_value(argc, argv, &i, "--format")))
			format = v;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			help = true;
		else if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V"))
			version = true;
		else if (!strcmp(argv[i], "--")) {
			while (++i < argc && n_pos < 8)
				positional[n_pos++] = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, _("laifang: unknown option %s (see laifang --help)\n"), argv[i]);
			return 2;
		} else if (n_pos < 8)
			positional[n_pos++] = argv[i];
		else {
			fprintf(stderr, _("laifang: too many arguments (see laifang --help)\n"));
			return 2;
		}
	}
	if (help) {
		usage(stdout);
		return 0;
	}
	if (version) {
		printf("laifang %s\n", LAIFANG_VERSION);
		return 0;
	}

	const char *cmd = n_pos > 0 ? positional[0] : NULL;
	if (cmd && strcmp(cmd, "import") && strcmp(cmd, "export") && strcmp(cmd, "check")) {
		fprintf(stderr, _("laifang: unknown command %s (see laifang --help)\n"), cmd);
		return 2;
	}
	if (cmd && !strcmp(cmd, "import") && n_pos != 2) {
		fprintf(stderr, _("laifang: import needs one FILE\n"));
		return 2;
	}
	if (cmd && !strcmp(cmd, "export") && !format) {
		fprintf(stderr, _("laifang: export needs --format json or --format csv\n"));
		return 2;
	}
	if (!cmd && !utf8) {
		fprintf(stderr, "laifang: the terminal's locale is not UTF-8, so Chinese text cannot be shown.\n"
		                "Set a UTF-8 locale, for example: export LANG=C.UTF-8\n");
		return 2;
	}

	char *db_path = lf_path_database(db_arg);
	if (!db_path) {
		fprintf(stderr, _("laifang: cannot tell where the database goes: HOME is not set; use --db FILE\n"));
		return 2;
	}
	lf_store_err err;
	char msg[512];
	lf_store *st = lf_store_open(db_path, &err, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "laifang: %s\n", msg);
		free(db_path);
		return 2;
	}

	int rc;
	if (!cmd)
		rc = lf_tui_run(st, db_path, lf_os_user());
	else if (!strcmp(cmd, "import"))
		rc = lf_cli_import(st, positional[1], lf_os_user(), stdout, stderr);
	else if (!strcmp(cmd, "export"))
		rc = lf_cli_export(st, format, stdout, stderr);
	else
		rc = lf_cli_check(st, stdout, stderr);

	lf_store_close(st);
	free(db_path);
	return rc;
}
