/* laifang stats: the figures of a month or a year as text with bar charts
 * or as CSV; laifang category: the office's list of categories. */
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "laifang/i18n.h"
#include "laifang/safe_file.h"
#include "laifang/stats.h"
#include "laifang/text.h"
#include "laifang/store_stats.h"

static bool whole_number(const char *s, int lo, int hi, int *out)
{
	char *end;
	if (!s || !*s)
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static void print_line(const char *line, bool heading, void *ud)
{
	FILE *f = ud;
	if (heading)
		fputs("\n", f);
	fprintf(f, "%s\n", line);
}

/* Write the figures to f (text or CSV); 0, or -1 when f failed. */
static int write_stats(const lf_stats *s, bool csv, FILE *f)
{
	if (csv)
		return lf_stats_write_csv(s, f);
	lf_stats_render(s, 80, print_line, f);
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}

int lf_cli_stats(lf_store *st, const lf_user *actor, const char *year, const char *month, const char *format,
                 const char *output, FILE *out, FILE *err)
{
	int y, m = 0;
	bool csv = format && !strcmp(format, "csv");
	if (format && !csv && strcmp(format, "text")) {
		fprintf(err, _("laifang: unknown stats format %s (use text or csv)\n"), format);
		return 2;
	}
	if (!whole_number(year, 2000, 2100, &y) || (month && !whole_number(month, 1, 12, &m))) {
		fprintf(err, "%s", _("laifang: --year is from 2000 to 2100 and --month from 1 to 12\n"));
		return 1;
	}
	char msg[512];
	lf_stats s;
	lf_store_err e = lf_stats_compute(st, actor, y, m, &s, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	int rc = 0;
	if (output) {
		lf_safe_file sf;
		FILE *f = lf_safe_open(&sf, output);
		if (!f) {
			fprintf(err, _("laifang: cannot create %s: %s\n"), output, lf_safe_strerror(errno));
			rc = 2;
		} else if (write_stats(&s, csv, f) != 0 || lf_safe_commit(&sf, output) != 0) {
			fprintf(err, _("laifang: cannot write %s: %s\n"), output, lf_safe_strerror(errno));
			lf_safe_abort(&sf);
			rc = 2;
		} else
			fprintf(out, _("wrote the figures to %s\n"), output);
	} else if (write_stats(&s, csv, out) != 0) {
		fprintf(err, "%s", _("laifang: cannot write the figures (disk full, or the reader went away?)\n"));
		rc = 2;
	}
	lf_stats_free(&s);
	return rc;
}

/* ---- categories ---------------------------------------------------------------- */

static int print_category(const lf_category *c, void *ud)
{
	FILE *f = ud;
	fprintf(f, "%d\t%s%s\n", c->position, c->name, c->active ? "" : _(" (inactive)"));
	return 0;
}

int lf_cli_category_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err)
{
	lf_store_err e = lf_category_list(st, actor, print_category, out);
	return e == LF_STORE_OK ? 0 : lf_cli_fail(st, e, NULL, err);
}

int lf_cli_category_add(lf_store *st, const lf_user *actor, const char *name, FILE *out, FILE *err)
{
	char msg[512];
	lf_store_err e = lf_category_add(st, actor, name, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	char shown[256];
	fprintf(out, _("added the category %s\n"), lf_text_echo(shown, sizeof shown, name));
	return 0;
}

int lf_cli_category_import(lf_store *st, const lf_user *actor, const char *path, FILE *out, FILE *err)
{
	char msg[512];
	int added, skipped;
	/* Refused before the file is read. */
	if (!lf_cli_allowed(actor, LF_PERM_ADMINISTER, err))
		return 1;
	size_t len;
	char *text = lf_cli_slurp(path, &len);
	if (!text) {
		fprintf(err, _("laifang: cannot read %s: %s\n"), path, strerror(errno));
		return 2;
	}
	lf_store_err e = lf_category_import(st, actor, text, len, &added, &skipped, msg, sizeof msg);
	free(text);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("added %d categories (%d already there)\n"), added, skipped);
	return 0;
}

int lf_cli_category_set(lf_store *st, const lf_user *actor, const char *case_no, const char *name, FILE *out,
                        FILE *err)
{
	char msg[512];
	lf_store_err e = lf_category_set_case(st, actor, case_no, name, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	if (name && *name)
		fprintf(out, _("case %s: category %s\n"), case_no, name);
	else
		fprintf(out, _("case %s: no category\n"), case_no);
	return 0;
}
