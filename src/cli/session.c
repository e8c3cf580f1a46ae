/* Logging in from the command line (--user, --password-stdin), the first
 * administrator (laifang init), and what every command shares: reading a
 * new password, turning a result into an exit status. */
#include "laifang/office.h"
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/text.h"

int lf_cli_status(lf_store_err e)
{
	switch (e) {
	case LF_STORE_OK:
		return 0;
	case LF_STORE_DENIED:
	case LF_STORE_INVALID:
	case LF_STORE_CONFLICT:
	case LF_STORE_NOTFOUND:
	case LF_STORE_SESSION: /* the account changed since the login: refused */
		return 1;
	default:
		return 2;
	}
}

int lf_cli_fail(lf_store *st, lf_store_err e, const char *msg, FILE *err)
{
	if (msg && msg[0])
		fprintf(err, "laifang: %s\n", msg);
	else
		fprintf(err, "laifang: %s\n", lf_office_errmsg(st));
	return lf_cli_status(e);
}

bool lf_cli_allowed(const lf_user *actor, lf_perm perm, FILE *err)
{
	char msg[256] = "";
	if (lf_require(actor, perm, msg, sizeof msg))
		return true;
	fprintf(err, "laifang: %s\n", msg[0] ? msg : _("not allowed"));
	return false;
}

char *lf_cli_new_password(const char *login, FILE *pw_in, FILE *err, int *rc)
{
	char prompt[160];
	snprintf(prompt, sizeof prompt, _("New password for %s: "), login);
	char *pw = lf_password_read(prompt, pw_in);
	if (!pw) {
		fprintf(err, "%s\n", pw_in ? _("laifang: the new password is missing: --password-stdin reads it from the line after the password of --user")
		                           : _("laifang: no new password given (without a terminal, use --password-stdin)"));
		*rc = 1;
		return NULL;
	}
	char why[256];
	if (!lf_password_acceptable(pw, why, sizeof why)) {
		fprintf(err, "laifang: %s\n", why);
		lf_password_free(pw);
		*rc = 1;
		return NULL;
	}
	if (pw_in) /* a script gives it once */
		return pw;
	char *again = lf_password_read(_("The same password again: "), NULL);
	bool same = again && !strcmp(again, pw);
	if (again)
		lf_password_free(again);
	if (!same) {
		fprintf(err, "%s\n", _("laifang: the two passwords differ; nothing was changed"));
		lf_password_free(pw);
		*rc = 1;
		return NULL;
	}
	return pw;
}

int lf_cli_login(lf_store *st, const char *login, FILE *pw_in, lf_user *user, FILE *err)
{
	char prompt[160];
	snprintf(prompt, sizeof prompt, _("Password for %s: "), login);
	char *pw = lf_password_read(prompt, pw_in);
	if (!pw) {
		fprintf(err, "%s\n", pw_in ? _("laifang: no password: with --password-stdin the first line of standard input is the password of --user")
		                           : _("laifang: no password given (without a terminal, use --password-stdin)"));
		return 1;
	}
	char msg[256] = "";
	lf_login_result r = lf_login(st, login, pw, user, msg, sizeof msg);
	lf_password_free(pw);
	if (r == LF_LOGIN_OK)
		return 0;
	fprintf(err, "laifang: %s\n", msg[0] ? msg : _("login failed"));
	return r == LF_LOGIN_ERROR ? 2 : 1;
}

/* One line from in, without its line end and trimmed; NULL at end of input. */
static char *ask_line(const char *prompt, FILE *in, FILE *err)
{
	fputs(prompt, err);
	fflush(err);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, in);
	if (n < 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	lf_text_trim(line);
	return line;
}

int lf_cli_init(lf_store *st, const char *login, const char *name, FILE *in, FILE *pw_in, FILE *out,
                FILE *err)
{
	int n = lf_office_user_count(st);
	if (n < 0) {
		fprintf(err, "laifang: %s\n", lf_office_errmsg(st));
		return 2;
	}
	if (n > 0) {
		fprintf(err, "%s\n", _("laifang: this database already has users; an administrator adds more with laifang user add"));
		return 1;
	}
	int rc = 1;
	char *asked_login = NULL, *asked_name = NULL, *pw = NULL;
	char why[256];
	if (!login) {
		asked_login = ask_line(_("Administrator's login (letters a-z, digits, . _ -): "), in, err);
		if (!asked_login || !asked_login[0]) {
			fprintf(err, "\n%s\n", _("laifang: no login given; nothing was created"));
			goto cleanup;
		}
		login = asked_login;
	}
	if (!lf_login_acceptable(login, why, sizeof why)) {
		fprintf(err, "laifang: %s\n", why);
		goto cleanup;
	}
	if (!name) {
		asked_name = ask_line(_("Full name (as signatures show it): "), in, err);
		if (!asked_name) {
			fprintf(err, "\n%s\n", _("laifang: no name given; nothing was created"));
			goto cleanup;
		}
		name = asked_name;
	}
	pw = lf_cli_new_password(login, pw_in, err, &rc);
	if (!pw)
		goto cleanup;
	char msg[256] = "";
	lf_store_err e = lf_people_init_admin(st, login, name, pw, msg, sizeof msg);
	if (e != LF_STORE_OK) {
		rc = lf_cli_fail(st, e, msg, err);
		goto cleanup;
	}
	fprintf(out, _("administrator %s created; log in with laifang --user %s\n"), login, login);
	rc = 0;
cleanup:
	if (pw)
		lf_password_free(pw);
	free(asked_login);
	free(asked_name);
	return rc;
}

/* The whole file (or standard input for "-") in memory. */
char *lf_cli_slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return NULL;
	errno = 0;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		char *b = realloc(buf, cap * 2);
		if (!b) {
			free(buf);
			buf = NULL;
			errno = ENOMEM;
			break;
		}
		buf = b;
		cap *= 2;
	}
	if (buf && ferror(f)) {
		int e = errno ? errno : EIO; /* EISDIR for a directory */
		free(buf);
		buf = NULL;
		errno = e;
	}
	int saved = errno;
	if (f != stdin)
		fclose(f);
	errno = saved;
	*len = n;
	return buf;
}
