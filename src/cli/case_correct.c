/* laifang case correct CASE_NO --field F --value TEXT: a saved
 * registration's words corrected (issue 11), through core (correct.h):
 * the clerk who registered the case or a supervisor, until the case is
 * screened; the old value stays in the timeline and the audit log. */
#include "case_fix.h"

#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/correct.h"
#include "laifang/i18n.h"

bool cli_case_fix_global(int argc, char **argv, int *i)
{
	static const char *const with_value[] = {"--db", "--user", "--lang"};
	const char *a = argv[*i];
	if (!strcmp(a, "--password-stdin"))
		return true;
	for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++) {
		size_t n = strlen(with_value[k]);
		if (strncmp(a, with_value[k], n))
			continue;
		if (a[n] == '=')
			return true;
		if (a[n] == '\0') {
			if (*i + 1 < argc)
				(*i)++;
			return true;
		}
	}
	return false;
}

/* "--opt VALUE" or "--opt=VALUE" at argv[*i]: the value (advancing *i), or
 * NULL when argv[*i] is not this option. *missing when the value is. */
static const char *value_of(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

static int usage(FILE *err)
{
	fprintf(err, "%s", _("laifang: usage: laifang [--user LOGIN [--password-stdin]] case correct CASE_NO "
	                     "--field name|sex|phone|address|content --value TEXT|--value-file FILE\n"));
	return 2;
}

int cli_case_correct(int argc, char **argv, lf_store *st, const lf_user *me, FILE *out, FILE *err)
{
	const char *case_no = NULL, *field = NULL, *value = NULL, *file = NULL;
	for (int i = 0; i < argc; i++) {
		bool missing = false;
		const char *v;
		if (cli_case_fix_global(argc, argv, &i))
			continue;
		if ((v = value_of(argc, argv, &i, "--field", &missing)))
			field = v;
		else if ((v = value_of(argc, argv, &i, "--value-file", &missing)))
			file = v;
		else if ((v = value_of(argc, argv, &i, "--value", &missing)))
			value = v;
		else if (missing) {
			fprintf(err, _("laifang: %s needs a value\n"), argv[i]);
			return 2;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(err, _("laifang: unknown option %s (see laifang --help)\n"), argv[i]);
			return usage(err);
		} else if (!case_no)
			case_no = argv[i];
		else
			return usage(err);
	}
	if (!case_no || !field || (!value && !file) || (value && file))
		return usage(err);
	if (!lf_correct_field_known(field)) {
		fprintf(err, _("laifang: --field is one of name, sex, phone, address, content; not \"%s\"\n"), field);
		return 2;
	}
	char *text = NULL;
	if (file) {
		size_t len = 0;
		text = lf_cli_slurp(file, &len);
		if (!text) {
			fprintf(err, _("laifang: cannot read %s\n"), file);
			return 2;
		}
		/* One trailing newline is the file's, not the text's. */
		if (len && text[len - 1] == '\n')
			text[--len] = '\0';
		value = text;
	}
	char msg[1024] = "";
	lf_store_err e = lf_case_correct(st, me, case_no, field, value, NULL, msg, sizeof msg);
	free(text);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	if (msg[0])
		fprintf(err, "laifang: %s\n", msg); /* a warning of the field's check: saved all the same */
	fprintf(out, _("Case %s: %s corrected; the old value is kept in the timeline.\n"), case_no, field);
	return 0;
}
