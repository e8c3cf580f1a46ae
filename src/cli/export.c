/* laifang export --format json|csv: every case, keyed by the registration
 * form's field ids (in form order), then case_no, case_id and repeat. */
#include "laifang/cli.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "laifang/csv.h"
#include "laifang/form.h"
#include "laifang/i18n.h"

typedef struct export {
	const lf_form_def *form;
	FILE *out;
	const char **row; /* CSV: one record's values */
	size_t n;         /* cases written */
	bool bad_text;    /* a value jansson refused (not UTF-8) */
	char bad_case[16];
} export;

static int json_case(const lf_case *c, void *ud)
{
	export *ex = ud;
	json_t *o = json_object();
	if (!o)
		goto fail;
	for (size_t i = 0; i < ex->form->n_fields; i++) {
		const char *v = lf_case_field(c, ex->form->fields[i].id);
		if (json_object_set_new(o, ex->form->fields[i].id, json_string(v ? v : "")) < 0)
			goto fail;
	}
	if (json_object_set_new(o, "case_no", json_string(c->case_no ? c->case_no : "")) < 0 ||
	    json_object_set_new(o, "case_id", json_string(c->case_id ? c->case_id : "")) < 0 ||
	    json_object_set_new(o, "repeat", json_boolean(c->repeat)) < 0)
		goto fail;
	char *s = json_dumps(o, JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		goto fail_nojson;
	fputs(ex->n ? ",\n" : "\n", ex->out);
	fputs(s, ex->out);
	free(s);
	ex->n++;
	return ferror(ex->out) ? 1 : 0;
fail:
	json_decref(o);
fail_nojson:
	/* json_string refuses text that is not UTF-8; the store should never
	 * hold such text, so this names the case rather than guess. */
	ex->bad_text = true;
	snprintf(ex->bad_case, sizeof ex->bad_case, "%s", c->case_no ? c->case_no : "?");
	return 1;
}

static int csv_case(const lf_case *c, void *ud)
{
	export *ex = ud;
	size_t nf = ex->form->n_fields;
	for (size_t i = 0; i < nf; i++)
		ex->row[i] = lf_case_field(c, ex->form->fields[i].id);
	ex->row[nf] = c->case_no;
	ex->row[nf + 1] = c->case_id;
	ex->row[nf + 2] = c->repeat ? "1" : "0";
	ex->n++;
	return lf_csv_write_record(ex->out, ex->row, nf + 3) < 0 ? 1 : 0;
}

int lf_cli_export(lf_store *st, const char *format, FILE *out, FILE *err)
{
	bool json;
	if (format && !strcmp(format, "json"))
		json = true;
	else if (format && !strcmp(format, "csv"))
		json = false;
	else {
		fprintf(err, _("laifang: unknown export format %s (use json or csv)\n"), format ? format : "");
		return 2;
	}
	char ferr[512];
	const lf_form_def *form = lf_form_get("registration", ferr, sizeof ferr);
	if (!form) {
		fprintf(err, _("laifang: cannot load the registration form: %s\n"), ferr);
		return 2;
	}

	int rc = 2;
	export ex = {.form = form, .out = out};
	ex.row = calloc(form->n_fields + 3, sizeof *ex.row);
	if (!ex.row) {
		fprintf(err, _("laifang: out of memory\n"));
		return 2;
	}
	lf_store_err e;
	if (json) {
		fputs("[", out);
		e = lf_store_each_case(st, json_case, &ex);
		fputs(ex.n ? "\n]\n" : "]\n", out);
	} else {
		/* The byte order mark makes spreadsheet programs read UTF-8. */
		fputs("\xEF\xBB\xBF", out);
		for (size_t i = 0; i < form->n_fields; i++)
			ex.row[i] = form->fields[i].id;
		ex.row[form->n_fields] = "case_no";
		ex.row[form->n_fields + 1] = "case_id";
		ex.row[form->n_fields + 2] = "repeat";
		lf_csv_write_record(out, ex.row, form->n_fields + 3);
		e = lf_store_each_case(st, csv_case, &ex);
	}
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, _("laifang: cannot write the export (disk full, or the reader went away?)\n"));
		goto cleanup;
	}
	if (ex.bad_text) {
		fprintf(err, _("laifang: case %s holds text that is not UTF-8; the export is incomplete (run laifang check)\n"),
		        ex.bad_case);
		rc = 1;
		goto cleanup;
	}
	if (e != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", lf_store_errmsg(st));
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(ex.row);
	return rc;
}
