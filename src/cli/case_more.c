/* laifang case correct | repeat | agency | archive-check | approve |
 * unrated | co-units (issue 11): the steps the rest of issue 11 added,
 * taken from the command line through the same dispatch as every step
 * (case.c), each calling the core function the desk calls. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "case_internal.h"
#include "laifang/office.h"
#include "laifang/agency.h"
#include "laifang/caseops.h"
#include "cli_internal.h"
#include "laifang/correct.h"
#include "laifang/i18n.h"

int cli_case_correct(cli_case_ctx *c)
{
	const char *field = cli_case_opt(c, "field");
	const char *value = cli_case_opt(c, "value");
	if (!value)
		value = c->text; /* --text-file: a long content */
	if (!field || !value)
		return cli_case_usage(c, "%s", _("correct needs --field and --value (or --text-file)"));
	if (!lf_correct_field_known(field))
		return cli_case_usage(c, _("--field is one of name, sex, phone, address, content; not \"%s\""), field);
	char msg[1024] = "", done[256];
	lf_store_err e = lf_case_correct(c->st, c->me, c->case_no, field, value, NULL, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: %s corrected; the old value is kept in the timeline."), c->case_no,
	         field);
	return cli_case_result(c, e, msg, done);
}

int cli_case_repeat(cli_case_ctx *c)
{
	bool yes = cli_case_flag(c, "yes"), no = cli_case_flag(c, "no");
	if (yes == no)
		return cli_case_usage(c, "%s", _("repeat takes --yes or --no"));
	char msg[1024] = "", done[256];
	lf_store_err e = lf_case_set_repeat(c->st, c->me, c->case_no, yes, msg, sizeof msg);
	snprintf(done, sizeof done,
	         yes ? _("Case %s is marked as a repeat petition (重复访).") : _("Case %s is marked as not a repeat petition."),
	         c->case_no);
	return cli_case_result(c, e, msg, done);
}

int cli_case_agency(cli_case_ctx *c)
{
	const char *receipt = cli_case_opt(c, "receipt"), *date = cli_case_opt(c, "date");
	int kinds = (receipt != NULL) + cli_case_flag(c, "accept") + cli_case_flag(c, "object") + cli_case_flag(c, "result");
	if (kinds != 1)
		return cli_case_usage(c, "%s", _("agency takes one of --receipt DATE, --accept, --object, --result"));
	lf_agency_kind k = receipt ? LF_AGENCY_RECEIPT
	                   : cli_case_flag(c, "accept") ? LF_AGENCY_ACCEPT
	                   : cli_case_flag(c, "object") ? LF_AGENCY_OBJECT
	                                                : LF_AGENCY_RESULT;
	if ((receipt && date) || (k != LF_AGENCY_RESULT && cli_case_opt(c, "file")))
		return cli_case_usage(c, "%s", _("--date goes with --accept, --object or --result; --file with --result"));
	int rc;
	if ((rc = cli_case_date_opt(c, "receipt")) || (rc = cli_case_date_opt(c, "date")))
		return rc;
	lf_agency_args a = {.date = receipt ? receipt : date, .file = cli_case_opt(c, "file")};
	if (k == LF_AGENCY_OBJECT)
		a.reason = c->text;
	else
		a.text = c->text;
	char msg[1024] = "", done[256];
	lf_store_err e = lf_case_agency(c->st, c->me, c->case_no, k, &a, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: %s recorded."), c->case_no, lf_agency_kind_label(k));
	return cli_case_result(c, e, msg, done);
}

/* Not a step but a question: exit 0 when the file is complete, 1 with the
 * list of what it lacks. */
int cli_case_archive_check(cli_case_ctx *c)
{
	char list[2048] = "";
	int n = lf_case_archive_check(c->st, c->me, c->case_no, list, sizeof list);
	if (n < 0) {
		fprintf(c->err, "laifang: %s\n", list[0] ? list : lf_office_errmsg(c->st));
		lf_store_err e = lf_office_errcode(c->st);
		return lf_cli_status(e == LF_STORE_OK ? LF_STORE_INVALID : e);
	}
	if (c->json) {
		json_t *o = json_object(), *m = json_array();
		for (char *p = list; *p;) {
			char *nl = strchr(p, '\n');
			size_t k = nl ? (size_t)(nl - p) : strlen(p);
			json_array_append_new(m, json_stringn(p, k));
			p += k + (nl ? 1 : 0);
		}
		json_object_set_new(o, "case_no", json_string(c->case_no));
		json_object_set_new(o, "complete", json_boolean(n == 0));
		json_object_set_new(o, "missing", m);
		json_dumpf(o, c->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', c->out);
		json_decref(o);
	} else if (n == 0) {
		fprintf(c->out, _("Case %s: the file is complete; it may be archived.\n"), c->case_no);
	} else {
		fprintf(c->out, _("Case %s: %d missing before archiving:\n"), c->case_no, n);
		for (char *p = list; *p;) {
			char *nl = strchr(p, '\n');
			size_t k = nl ? (size_t)(nl - p) : strlen(p);
			fprintf(c->out, "  %.*s\n", (int)k, p);
			p += k + (nl ? 1 : 0);
		}
	}
	return n == 0 ? 0 : 1;
}

int cli_case_approve(cli_case_ctx *c)
{
	/* --report N: the report read (its number among the case's reports);
	 * refused when a later one was signed since. Without it, the latest. */
	int report = 0;
	if (cli_case_opt(c, "report")) {
		int rc = cli_case_int_opt(c, "report", 1, 1000000, &report);
		if (rc)
			return rc;
	}
	char msg[1024] = "";
	lf_store_err e = lf_case_approve_report_seen(c->st, c->me, c->case_no, report, c->text, msg, sizeof msg);
	return cli_case_result(c, e, msg, _("The handling report is approved and countersigned."));
}

int cli_case_unrated(cli_case_ctx *c)
{
	if (!c->text || !c->text[0])
		return cli_case_usage(c, "%s", _("unrated needs --text REASON: why no view of the reply can be had"));
	char msg[1024] = "", done[256];
	lf_store_err e = lf_case_mark_unrated(c->st, c->me, c->case_no, c->text, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: satisfaction marked 未评价."), c->case_no);
	return cli_case_result(c, e, msg, done);
}

int cli_case_co_units(cli_case_ctx *c)
{
	const char *units = cli_case_opt(c, "units");
	if (!units)
		return cli_case_usage(c, "%s", _("co-units needs --units \"UNIT,UNIT\" (\"\" clears them)"));
	char msg[1024] = "", done[256];
	lf_store_err e = lf_case_set_co_units(c->st, c->me, c->case_no, units, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: its co-agencies (会办单位) are recorded."), c->case_no);
	return cli_case_result(c, e, msg, done);
}
