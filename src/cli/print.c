/* laifang print: a case's registration sheet or a notice to the visitor
 * as PDF (and the blank sheet), through the same core call as the print
 * key of the case screen. */
#include "laifang/cli.h"

#include <string.h>

#include "cli_internal.h"
#include "laifang/i18n.h"
#include "laifang/paper.h"

int lf_cli_print(lf_store *st, const lf_user *actor, const char *case_no, bool sheet, const char *notice,
                 bool blank, const char *output, FILE *out, FILE *err)
{
	int what = (sheet ? 1 : 0) + (notice ? 1 : 0) + (blank ? 1 : 0);
	if (what != 1) {
		fprintf(err, "%s", _("laifang: print needs one of --sheet, --notice KIND or --blank\n"));
		return 2;
	}
	if (!output || !output[0]) {
		fprintf(err, "%s", _("laifang: print needs the output file: -o FILE.pdf\n"));
		return 2;
	}
	if (blank && case_no) {
		fprintf(err, "%s", _("laifang: print --blank takes no case number\n"));
		return 2;
	}
	if (!blank && !case_no) {
		fprintf(err, "%s", _("laifang: print needs a case number: print CASE_NO --sheet|--notice KIND -o FILE.pdf\n"));
		return 2;
	}
	lf_paper_kind kind = blank ? LF_PAPER_BLANK : LF_PAPER_SHEET;
	/* --notice decline:GROUND: the ground whose route the notice gives (issue 15). */
	char key[32] = "";
	const char *ground = notice ? strchr(notice, ':') : NULL;
	if (notice)
		snprintf(key, sizeof key, "%.*s", (int)(ground ? (size_t)(ground - notice) : strlen(notice)), notice);
	if (ground)
		ground++;
	if (notice && !lf_paper_notice_parse(key, &kind)) {
		fprintf(err, _("laifang: unknown notice %s: accept, decline, transfer, assign, extend, refer, refer_law, "
		               "answer, review, rereview, evaluation, supervise[:N] or agreement[:N]\n"),
		        notice);
		return 2;
	}
	char msg[768];
	lf_store_err e = lf_paper_print_notice(st, actor, case_no, kind, ground, output, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	if (blank)
		fprintf(out, _("The blank %s is in %s\n"), lf_paper_title(kind), output);
	else
		fprintf(out, _("The %s of case %s is in %s\n"), lf_paper_title(kind), case_no, output);
	return 0;
}

int lf_cli_print_log(lf_store *st, const lf_user *actor, const char *day, bool other, const char *output,
                     FILE *out, FILE *err)
{
	if (other) {
		fprintf(err, "%s", _("laifang: print --log takes no case number, --sheet, --notice or --blank\n"));
		return 2;
	}
	if (!output || !output[0]) {
		fprintf(err, "%s", _("laifang: print needs the output file: -o FILE.pdf\n"));
		return 2;
	}
	if (!day || !day[0]) {
		fprintf(err, "%s", _("laifang: print --log needs the day (YYYY-MM-DD), or --blank for the blank log\n"));
		return 2;
	}
	char msg[768];
	lf_store_err e = lf_paper_print_log(st, actor, day, output, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("The reception log of %s is in %s\n"), day, output);
	return 0;
}

int lf_cli_print_receipt(lf_store *st, const lf_user *actor, const char *case_no, bool other, const char *output,
                         FILE *out, FILE *err)
{
	if (other) {
		fprintf(err, "%s", _("laifang: print --receipt takes no --sheet, --notice, --blank or --log\n"));
		return 2;
	}
	if (!case_no) {
		fprintf(err, "%s", _("laifang: print --receipt needs a case number: print CASE_NO --receipt -o FILE.pdf\n"));
		return 2;
	}
	if (!output || !output[0]) {
		fprintf(err, "%s", _("laifang: print needs the output file: -o FILE.pdf\n"));
		return 2;
	}
	char msg[768];
	lf_store_err e = lf_paper_print_receipt(st, actor, case_no, output, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("The receipt of case %s is in %s\n"), case_no, output);
	return 0;
}

int lf_cli_print_log_blank(lf_store *st, const lf_user *actor, bool other, const char *output, FILE *out,
                           FILE *err)
{
	if (other) {
		fprintf(err, "%s", _("laifang: print --log --blank takes no day, case number, --sheet or --notice\n"));
		return 2;
	}
	if (!output || !output[0]) {
		fprintf(err, "%s", _("laifang: print needs the output file: -o FILE.pdf\n"));
		return 2;
	}
	char msg[768];
	lf_store_err e = lf_paper_print_log_blank(st, actor, output, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("The blank reception-day log is in %s\n"), output);
	return 0;
}
