/* laifang check: the store's integrity check, one line per problem; the
 * head of the audit log to keep outside the database (--head), and the
 * comparison with a head kept earlier (--expect SEQ:HASH). */
#include "laifang/office.h"
#include "laifang/cli.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/audit.h"
#include "laifang/text.h"

/* A problem names rows by what the file holds (a login, a setting's key,
 * an attachment's name): whoever wrote the file chose those bytes, and an
 * escape sequence could erase the lines above it on the terminal. */
static void print_problem(const char *problem, void *ud)
{
	char shown[2048];
	fprintf((FILE *)ud, "%s\n", lf_text_echo(shown, sizeof shown, problem));
}

int lf_cli_check(lf_store *st, FILE *out, FILE *err)
{
	return lf_cli_check_head(st, false, NULL, out, err);
}

/* "SEQ:HASH": seq >= 1 and 64 lowercase hex digits. */
static bool parse_head(const char *text, long long *seq, char hash[65])
{
	char *end = NULL;
	if (!text || *text < '0' || *text > '9')
		return false;
	long long n = strtoll(text, &end, 10);
	if (n < 1 || !end || *end != ':' || strlen(end + 1) != 64 || strspn(end + 1, "0123456789abcdef") != 64)
		return false;
	*seq = n;
	memcpy(hash, end + 1, 65);
	return true;
}

int lf_cli_check_head(lf_store *st, bool head, const char *expect, FILE *out, FILE *err)
{
	long long seq = 0;
	char hash[65] = "", shown[4096];
	if (expect && !parse_head(expect, &seq, hash)) {
		fprintf(err, _("laifang: --expect takes the head as laifang check --head prints it, SEQ:HASH "
		               "(a number, a colon, 64 hex digits), not \"%s\"\n"),
		        lf_text_echo(shown, sizeof shown, expect));
		return 2;
	}
	/* --head prints nothing but the head, and only of a log that checks. */
	int n = lf_audit_check(st, seq, expect ? hash : NULL, print_problem, head ? err : out);
	if (n < 0) {
		fprintf(err, _("laifang: the check could not run: %s\n"), lf_office_errmsg(st));
		return 2;
	}
	if (lf_audit_key_by_setting(st)) {
		char path[4096];
		lf_audit_seal_state(st, path, sizeof path);
		fprintf(err, _("laifang: note: the office key was read from %s, the file the setting audit_key_file "
		               "names; a path kept inside the database can be pointed at another key by whoever "
		               "writes the file, so compare with the head you keep (check --expect)\n"),
		        lf_text_echo(shown, sizeof shown, path));
	}
	if (n > 0) {
		fprintf(head ? err : out, _("check: %d problem(s)\n"), n);
		return 1;
	}
	if (head) {
		long long at = 0;
		char h[65];
		if (lf_audit_head(st, &at, h) != LF_STORE_OK) {
			fprintf(err, _("laifang: the check could not run: %s\n"), lf_office_errmsg(st));
			return 2;
		}
		fprintf(out, "%lld:%s\n", at, h);
		return 0;
	}
	fprintf(out, "%s\n", _("check: database is consistent"));
	return 0;
}
