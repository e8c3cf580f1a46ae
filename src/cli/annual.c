/* laifang stats --annual YEAR [--csv | --pdf] [-o FILE] (issue 13): the
 * annual report of 《信访工作条例》第四十一条 as text with bars, as CSV or as
 * a printable PDF (annual.h). main hands the command over when it sees
 * --annual, as it does for laifang case: the report has options of its own. */
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/annual.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/paths.h"
#include "laifang/safe_file.h"

static void print_line(const char *line, bool heading, void *ud)
{
	FILE *f = ud;
	if (heading)
		fputs("\n", f);
	fprintf(f, "%s\n", line);
}

static int write_report(const lf_annual *a, bool csv, FILE *f)
{
	if (csv)
		return lf_annual_write_csv(a, f);
	lf_annual_render(a, 80, print_line, f);
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}

int lf_cli_annual(lf_store *st, const lf_user *actor, const char *year, const char *format, const char *output,
                  FILE *out, FILE *err)
{
	const char *fmt = format ? format : "text";
	bool csv = !strcmp(fmt, "csv"), pdf = !strcmp(fmt, "pdf");
	if (!csv && !pdf && strcmp(fmt, "text")) {
		fprintf(err, _("laifang: unknown stats format %s (use text or csv)\n"), fmt);
		return 2;
	}
	char *end = NULL;
	errno = 0;
	long y = year && *year ? strtol(year, &end, 10) : 0;
	if (!year || !*year || errno || *end || y < 2000 || y > 2100) {
		fprintf(err, "%s", _("laifang: --annual takes a year from 2000 to 2100\n"));
		return 1;
	}
	if (pdf && (!output || !*output)) {
		fprintf(err, "%s", _("laifang: stats --annual --pdf needs -o FILE.pdf\n"));
		return 2;
	}
	char msg[512];
	lf_annual a;
	lf_store_err e = lf_annual_compute(st, actor, (int)y, &a, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	int rc = 0;
	if (pdf) {
		char why[512];
		if (!lf_paper_annual_pdf(&a, output, why, sizeof why)) {
			fprintf(err, "laifang: %s\n", why);
			rc = 2;
		} else
			fprintf(out, _("wrote the annual report to %s\n"), output);
	} else if (output) {
		lf_safe_file sf;
		FILE *f = lf_safe_open(&sf, output);
		if (!f) {
			fprintf(err, _("laifang: cannot create %s: %s\n"), output, lf_safe_strerror(errno));
			rc = 2;
		} else if (write_report(&a, csv, f) != 0 || lf_safe_commit(&sf, output) != 0) {
			fprintf(err, _("laifang: cannot write %s: %s\n"), output, lf_safe_strerror(errno));
			lf_safe_abort(&sf);
			rc = 2;
		} else
			fprintf(out, _("wrote the annual report to %s\n"), output);
	} else if (write_report(&a, csv, out) != 0) {
		fprintf(err, "%s", _("laifang: cannot write the figures (disk full, or the reader went away?)\n"));
		rc = 2;
	}
	lf_annual_free(&a);
	return rc;
}

/* ---- the command line ------------------------------------------------------------ */

typedef struct aargs {
	const char *db, *login, *year, *output, *format;
	bool pw_stdin, help;
	int n_pos;
} aargs;

static void help(FILE *f)
{
	fprintf(f, "%s", _("Usage: laifang [--user LOGIN [--password-stdin]] stats --annual YYYY [--csv | --pdf] [-o FILE]\n"
	                   "The annual report of the petition office (《信访工作条例》第四十一条): the year's\n"
	                   "matters by channel, category and month, the units most petitioned about, the\n"
	                   "transfers, assignments and supervision, as text with bars, as CSV (--csv) or\n"
	                   "as a printable PDF (--pdf -o FILE.pdf). For those who may read the statistics.\n"));
}

static int parse(int argc, char **argv, aargs *x)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], **slot = NULL;
		if (lf_cli_opt_is(a, "--db"))
			slot = &x->db;
		else if (lf_cli_opt_is(a, "--user"))
			slot = &x->login;
		else if (lf_cli_opt_is(a, "--annual"))
			slot = &x->year;
		else if (lf_cli_opt_is(a, "--output") || lf_cli_opt_is(a, "-o"))
			slot = &x->output;
		else if (lf_cli_opt_is(a, "--format"))
			slot = &x->format;
		else if (lf_cli_opt_is(a, "--lang")) {
			if (!lf_cli_opt_value(argc, argv, &i))
				return 2;
			continue;
		} else if (!strcmp(a, "--csv") || !strcmp(a, "--pdf")) {
			if (x->format && strcmp(x->format, a + 2)) {
				fprintf(stderr, "%s", _("laifang: give one of --csv and --pdf\n"));
				return 2;
			}
			x->format = a + 2;
			continue;
		} else if (!strcmp(a, "--password-stdin")) {
			x->pw_stdin = true;
			continue;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			x->help = true;
			continue;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, _("laifang: unknown option %s (see laifang --help)\n"), a);
			return 2;
		} else {
			if (x->n_pos++ == 0 && !strcmp(a, "stats"))
				continue;
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

bool lf_cli_annual_wanted(int argc, char **argv)
{
	bool stats = false;
	for (int i = 1; i < argc; i++) {
		if (lf_cli_opt_is(argv[i], "--db") || lf_cli_opt_is(argv[i], "--user") || lf_cli_opt_is(argv[i], "--lang")) {
			i += strchr(argv[i], '=') == NULL;
			continue;
		}
		if (!strcmp(argv[i], "--password-stdin"))
			continue;
		if (!stats) {
			if (strcmp(argv[i], "stats"))
				return false;
			stats = true;
		} else if (lf_cli_opt_is(argv[i], "--annual"))
			return true;
	}
	return false;
}

int lf_cli_annual_main(int argc, char **argv)
{
	aargs x;
	memset(&x, 0, sizeof x);
	int rc = parse(argc, argv, &x);
	if (rc)
		return rc;
	lf_cli_clean_stdout();
	if (x.help) {
		help(stdout);
		return 0;
	}
	lf_store *st;
	lf_user me = {0};
	rc = lf_cli_handover_open(x.db, x.login, x.pw_stdin, "stats", "stats --annual YYYY", &st, &me);
	if (rc)
		return rc;
	return lf_cli_handover_close(st, &me, lf_cli_annual(st, &me, x.year, x.format, x.output, stdout, stderr));
}
