/* The commands main hands over before its own parsing (exchange, view and
 * queue, suggestion, stats --annual) open the database and log in the same
 * way: the database named by --db or laifang.conf, refused plainly when
 * there is none; the training day applied; a login required. */
#include "laifang/cli.h"

#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/paths.h"

bool lf_cli_opt_is(const char *a, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(a, name, n) && (a[n] == '\0' || a[n] == '=');
}

const char *lf_cli_opt_value(int argc, char **argv, int *i)
{
	const char *eq = strchr(argv[*i], '=');
	if (eq)
		return eq + 1;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

const char *lf_cli_first_word(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (lf_cli_opt_is(argv[i], "--db") || lf_cli_opt_is(argv[i], "--user") || lf_cli_opt_is(argv[i], "--lang")) {
			i += strchr(argv[i], '=') == NULL;
			continue;
		}
		if (!strcmp(argv[i], "--password-stdin"))
			continue;
		return argv[i];
	}
	return NULL;
}

int lf_cli_handover_open(const char *db, const char *login, bool pw_stdin, const char *word, const char *usage,
                         lf_store **st, lf_user *me)
{
	*st = NULL;
	char *db_path = lf_cli_database(db);
	if (!db_path) {
		fprintf(stderr, "%s", _("laifang: cannot tell where the database goes: HOME is not set; use --db FILE\n"));
		return 2;
	}
	if (lf_office_absent(db_path)) {
		char shown[1024];
		lf_path_redact(db_path, shown, sizeof shown);
		fprintf(stderr, _("laifang: there is no database at %s; laifang init creates one\n"), shown);
		free(db_path);
		return 2;
	}
	char msg[512];
	lf_store_err err;
	lf_store *opened = lf_office_open(db_path, &err, msg, sizeof msg);
	free(db_path);
	if (!opened) {
		fprintf(stderr, "laifang: %s\n", msg);
		return 2;
	}
	lf_cli_training_apply(opened);
	if (!login) {
		fprintf(stderr, _("laifang: %s needs a login: laifang --user LOGIN %s (add --password-stdin to read the password from standard input)\n"),
		        word, usage);
		lf_office_close(opened);
		return 1;
	}
	int rc = lf_cli_login(opened, login, pw_stdin ? stdin : NULL, me, stderr);
	if (rc != 0) {
		lf_user_free(me);
		lf_office_close(opened);
		return rc;
	}
	*st = opened;
	return 0;
}

int lf_cli_handover_close(lf_store *st, lf_user *me, int rc)
{
	lf_user_free(me);
	if (fflush(stdout) != 0 && rc == 0)
		rc = 2;
	lf_office_close(st);
	return rc;
}
