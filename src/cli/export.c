/* laifang export --format json|csv [--output FILE]: every case, keyed by
 * the registration form's field ids (in form order), then case_no, case_id
 * and repeat. Needs LF_PERM_EXPORT and is recorded in the audit log. */
#include "laifang/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli_internal.h"
#include "laifang/csv.h"
#include "laifang/form.h"
#include "laifang/i18n.h"
#include "laifang/store_audit.h"

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

/* The audit entry: the format, how many cases, and the file if any. */
static lf_store_err audit_export(lf_store *st, const char *format, size_t n, const char *output)
{
	json_t *o = json_pack("{s:s, s:I}", "format", format, "count", (json_int_t)n);
	if (o && output)
		json_object_set_new(o, "file", json_string(output));
	char *detail = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	lf_store_err e = lf_store_audit(st, "export", NULL, detail);
	free(detail);
	return e;
}

/* Every case to f. Returns the exit status; ex->n counts the cases. */
static int write_cases(lf_store *st, export *ex, bool json, FILE *f, FILE *err)
{
	const lf_form_def *form = ex->form;
	ex->out = f;
	lf_store_err e;
	if (json) {
		fputs("[", f);
		e = lf_store_each_case(st, json_case, ex);
		fputs(ex->n ? "\n]\n" : "]\n", f);
	} else {
		/* The byte order mark makes spreadsheet programs read UTF-8. */
		fputs("\xEF\xBB\xBF", f);
		for (size_t i = 0; i < form->n_fields; i++)
			ex->row[i] = form->fields[i].id;
		ex->row[form->n_fields] = "case_no";
		ex->row[form->n_fields + 1] = "case_id";
		ex->row[form->n_fields + 2] = "repeat";
		lf_csv_write_record(f, ex->row, form->n_fields + 3);
		e = lf_store_each_case(st, csv_case, ex);
	}
	if (fflush(f) != 0 || ferror(f)) {
		fprintf(err, _("laifang: cannot write the export (disk full, or the reader went away?)\n"));
		return 2;
	}
	if (ex->bad_text) {
		fprintf(err, _("laifang: case %s holds text that is not UTF-8; the export is incomplete (run laifang check)\n"),
		        ex->bad_case);
		return 1;
	}
	if (e != LF_STORE_OK) {
		fprintf(err, "laifang: %s\n", lf_store_errmsg(st));
		return 2;
	}
	return 0;
}

/* Export into a new file beside output, then put it in place: a failed
 * export leaves any earlier file as it was, and the file is never readable
 * by others, not even for a moment. Audited before it is put in place. */
static int export_to_file(lf_store *st, export *ex, bool json, const char *format, const char *output,
                          FILE *out, FILE *err)
{
	size_t len = strlen(output);
	char *tmp = malloc(len + 8);
	if (!tmp) {
		fprintf(err, _("laifang: out of memory\n"));
		return 2;
	}
	memcpy(tmp, output, len);
	memcpy(tmp + len, ".XXXXXX", 8);
	int fd = mkstemp(tmp); /* mode 0600 */
	FILE *f = NULL;
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(f = fdopen(fd, "w"))) {
		fprintf(err, _("laifang: cannot create %s: %s\n"), output, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return 2;
	}
	int rc = write_cases(st, ex, json, f, err);
	if (fclose(f) != 0 && rc == 0) {
		fprintf(err, _("laifang: cannot write the export (disk full, or the reader went away?)\n"));
		rc = 2;
	}
	if (rc == 0) {
		lf_store_err e = audit_export(st, format, ex->n, output);
		if (e != LF_STORE_OK) {
			fprintf(err, _("laifang: the export could not be recorded in the audit log, so it was not written: %s\n"),
			        lf_store_errmsg(st));
			rc = 2;
		}
	}
	if (rc == 0 && rename(tmp, output) != 0) {
		fprintf(err, _("laifang: cannot create %s: %s\n"), output, strerror(errno));
		rc = 2;
	}
	if (rc != 0)
		unlink(tmp);
	else
		fprintf(out, _("exported %zu case(s) to %s\n"), ex->n, output);
	free(tmp);
	return rc;
}

int lf_cli_export(lf_store *st, const lf_user *actor, const char *format, const char *output, FILE *out,
                  FILE *err)
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
	/* Before anything is written: a refused export leaves no file. */
	if (!lf_cli_allowed(actor, LF_PERM_EXPORT, err))
		return 1;
	char ferr[512];
	const lf_form_def *form = lf_form_get("registration", ferr, sizeof ferr);
	if (!form) {
		fprintf(err, _("laifang: cannot load the registration form: %s\n"), ferr);
		return 2;
	}

	export ex = {.form = form};
	ex.row = calloc(form->n_fields + 3, sizeof *ex.row);
	if (!ex.row) {
		fprintf(err, _("laifang: out of memory\n"));
		return 2;
	}
	int rc;
	if (output)
		rc = export_to_file(st, &ex, json, format, output, out, err);
	else {
		rc = write_cases(st, &ex, json, out, err);
		/* Standard output cannot be taken back: record what went out. */
		if (rc == 0 && audit_export(st, format, ex.n, NULL) != LF_STORE_OK) {
			fprintf(err, _("laifang: the export could not be recorded in the audit log: %s\n"),
			        lf_store_errmsg(st));
			rc = 2;
		}
	}
	free(ex.row);
	return rc;
}
