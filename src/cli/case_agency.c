/* laifang case agency CASE_NO --receipt DATE | --accept [--date D] |
 * --object --text REASON [--date D] | --result --text TEXT [--date D]
 * [--file F], and laifang case archive-check CASE_NO [--json] (issue 11):
 * the office records an outside agency's answers, and asks what a file
 * lacks before 归档. The same core calls as the case screen (agency.h).
 * The arguments are those after "case agency" / "case archive-check". */
#include "laifang/cli.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli_internal.h"
#include "laifang/agency.h"
#include "laifang/i18n.h"

static int usage(FILE *err)
{
	fprintf(err, "%s",
	        _("laifang: usage: laifang case agency CASE_NO --receipt DATE | --accept [--date DATE] | --object "
	          "--text REASON [--date DATE] | --result --text TEXT [--date DATE] [--file FILE] [--json]\n"));
	return 2;
}

/* The value of --name VALUE or --name=VALUE at argv[*i]; advances *i.
 * NULL when argv[*i] is not that option; *missing when it has no value. */
static const char *value_of(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

int cli_case_agency(lf_store *st, const lf_user *actor, int argc, char **argv, FILE *out, FILE *err)
{
	const char *case_no = NULL, *date = NULL, *text = NULL, *file = NULL, *receipt = NULL;
	int kinds = 0;
	bool json = false;
	lf_agency_kind k = LF_AGENCY_COUNT;
	for (int i = 0; i < argc; i++) {
		bool missing = false;
		const char *v;
		if ((v = value_of(argc, argv, &i, "--receipt", &missing))) {
			receipt = v;
			k = LF_AGENCY_RECEIPT;
			kinds++;
		} else if ((v = value_of(argc, argv, &i, "--date", &missing)))
			date = v;
		else if ((v = value_of(argc, argv, &i, "--text", &missing)))
			text = v;
		else if ((v = value_of(argc, argv, &i, "--file", &missing)))
			file = v;
		else if (missing) {
			fprintf(err, _("laifang: %s needs a value\n"), argv[i]);
			return 2;
		} else if (!strcmp(argv[i], "--accept")) {
			k = LF_AGENCY_ACCEPT;
			kinds++;
		} else if (!strcmp(argv[i], "--object")) {
			k = LF_AGENCY_OBJECT;
			kinds++;
		} else if (!strcmp(argv[i], "--result")) {
			k = LF_AGENCY_RESULT;
			kinds++;
		} else if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] == '-' || case_no) {
			fprintf(err, _("laifang: unknown option %s (see laifang --help)\n"), argv[i]);
			return usage(err);
		} else
			case_no = argv[i];
	}
	if (!case_no || kinds != 1 || (receipt && date) || (k != LF_AGENCY_RESULT && file) ||
	    (k == LF_AGENCY_RECEIPT && text) || (k == LF_AGENCY_ACCEPT && text))
		return usage(err);
	lf_agency_args a = {.date = receipt ? receipt : date, .file = file};
	if (k == LF_AGENCY_OBJECT)
		a.reason = text;
	else
		a.text = text;
	char msg[1024] = "";
	lf_store_err e = lf_case_agency(st, actor, case_no, k, &a, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	if (json) {
		json_t *o = json_pack("{s:s, s:s, s:s}", "case_no", case_no, "kind", lf_agency_kind_key(k), "warning", msg);
		char *s = o ? json_dumps(o, 0) : NULL;
		fprintf(out, "%s\n", s ? s : "{}");
		free(s);
		json_decref(o);
	} else {
		fprintf(out, _("Case %s: %s recorded.\n"), case_no, lf_agency_kind_label(k));
		if (msg[0])
			fprintf(err, "%s\n", msg);
	}
	return 0;
}

int cli_case_archive_check(lf_store *st, const lf_user *actor, int argc, char **argv, FILE *out, FILE *err)
{
	const char *case_no = NULL;
	bool json = false;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] == '-' || case_no) {
			fprintf(err, "%s", _("laifang: usage: laifang case archive-check CASE_NO [--json]\n"));
			return 2;
		} else
			case_no = argv[i];
	}
	if (!case_no) {
		fprintf(err, "%s", _("laifang: usage: laifang case archive-check CASE_NO [--json]\n"));
		return 2;
	}
	char list[2048] = "";
	int n = lf_case_archive_check(st, actor, case_no, list, sizeof list);
	if (n < 0) {
		fprintf(err, "%s\n", list[0] ? list : lf_store_errmsg(st));
		return lf_cli_status(lf_store_errcode(st) == LF_STORE_OK ? LF_STORE_INVALID : lf_store_errcode(st));
	}
	if (json) {
		json_t *o = json_object(), *m = json_array();
		for (char *p = list; *p;) {
			char *nl = strchr(p, '\n');
			size_t k = nl ? (size_t)(nl - p) : strlen(p);
			json_array_append_new(m, json_stringn(p, k));
			p += k + (nl ? 1 : 0);
		}
		json_object_set_new(o, "case_no", json_string(case_no));
		json_object_set_new(o, "complete", json_boolean(n == 0));
		json_object_set_new(o, "missing", m);
		char *s = json_dumps(o, 0);
		fprintf(out, "%s\n", s ? s : "{}");
		free(s);
		json_decref(o);
	} else if (n == 0) {
		fprintf(out, _("Case %s: the file is complete; it may be archived.\n"), case_no);
	} else {
		fprintf(out, _("Case %s: %d missing before archiving:\n"), case_no, n);
		for (char *p = list; *p;) {
			char *nl = strchr(p, '\n');
			size_t k = nl ? (size_t)(nl - p) : strlen(p);
			fprintf(out, "  %.*s\n", (int)k, p);
			p += k + (nl ? 1 : 0);
		}
	}
	return n == 0 ? 0 : 1;
}
