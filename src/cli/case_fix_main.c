/* `laifang case correct` and `laifang case repeat` reached from main.c
 * before its own parsing (main.c knows neither the words nor their
 * options). A stopgap until src/cli/case.c dispatches every `case STEP`:
 * then main.c's one call here goes, and case.c calls cli_case_correct and
 * cli_case_repeat (case_fix.h) itself. */
#include "case_fix.h"

#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/cli.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"

/* The value of a global option anywhere on the line ("--db X", "--db=X"). */
static const char *global(int argc, char **argv, const char *name)
{
	const char *v = NULL;
	size_t n = strlen(name);
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], name, n))
			continue;
		if (argv[i][n] == '=')
			v = argv[i] + n + 1;
		else if (argv[i][n] == '\0' && i + 1 < argc)
			v = argv[++i];
	}
	return v;
}

bool lf_cli_case_fix_main(int argc, char **argv, int *rc)
{
	/* The first two words that are not options (nor an option's value). */
	int word[2] = {0, 0}, n = 0;
	for (int i = 1; i < argc && n < 2; i++) {
		if (cli_case_fix_global(argc, argv, &i))
			continue;
		if (argv[i][0] == '-')
			return false; /* an option before the words: not ours */
		word[n++] = i;
	}
	if (n < 2 || strcmp(argv[word[0]], "case") ||
	    (strcmp(argv[word[1]], "correct") && strcmp(argv[word[1]], "repeat")))
		return false;
	bool correct = !strcmp(argv[word[1]], "correct");
	int first = word[1] + 1;

	lf_cli_clean_stdout();
	const char *login = global(argc, argv, "--user");
	if (!login) {
		fprintf(stderr, _("laifang: %s needs a login: laifang --user LOGIN %s (add --password-stdin to read the password from standard input)\n"),
		        "case", correct ? "case correct CASE_NO --field F --value TEXT" : "case repeat CASE_NO --yes|--no");
		*rc = 1;
		return true;
	}
	char *db_path = lf_path_database(global(argc, argv, "--db"));
	if (!db_path) {
		fprintf(stderr, "%s", _("laifang: cannot tell where the database goes: HOME is not set; use --db FILE\n"));
		*rc = 2;
		return true;
	}
	lf_store_err err;
	char msg[512];
	lf_store *st = lf_store_open(db_path, &err, msg, sizeof msg);
	free(db_path);
	if (!st) {
		fprintf(stderr, "laifang: %s\n", msg);
		*rc = 2;
		return true;
	}
	lf_cli_training_apply(st);
	bool pw_stdin = false;
	for (int i = 1; i < argc; i++)
		pw_stdin |= !strcmp(argv[i], "--password-stdin");
	lf_user me = {0};
	*rc = lf_cli_login(st, login, pw_stdin ? stdin : NULL, &me, stderr);
	if (*rc == 0)
		*rc = correct ? cli_case_correct(argc - first, argv + first, st, &me, stdout, stderr)
		              : cli_case_repeat(argc - first, argv + first, st, &me, stdout, stderr);
	lf_user_free(&me);
	lf_store_close(st);
	return true;
}
