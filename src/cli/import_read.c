/* laifang import's readers: a CSV file (cells as export wrote them) or a JSON array of objects of strings, each
 * record handed to the row checks of import.c. */
#include "import_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

/* ---- CSV ---- */

static bool all_empty(const lf_csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		if (rec->lens[i])
			return false;
	return true;
}

/* Returns false when reading stopped on an error already reported. */
bool import_read_csv(import *im, const char *data, size_t len)
{
	bool ok = false;
	int *cols = NULL;
	size_t n_cols = 0;
	lf_csv_record rec;
	lf_csv_reader *r = lf_csv_reader_new(data, len);
	if (!r) {
		im->oom = true;
		return false;
	}
	int rc = lf_csv_read(r, &rec);
	if (rc <= 0) {
		if (rc < 0)
			fprintf(im->err, "%s: %s\n", im->path, lf_csv_error(r));
		else
			fprintf(im->err, _("%s: the file is empty: the first line must name the columns (field ids)\n"),
			        im->path);
		im->n_errors++;
		goto cleanup;
	}

	/* The header: every column known and named once, before any row. */
	n_cols = rec.n;
	cols = calloc(n_cols, sizeof *cols);
	if (!cols) {
		im->oom = true;
		goto cleanup;
	}
	for (size_t c = 0; c < n_cols; c++) {
		char *name = rec.fields[c];
		lf_text_trim(name);
		char msg[512];
		cols[c] = COL_UNKNOWN;
		if (!name[0]) {
			snprintf(msg, sizeof msg, _("column %zu has no name in the header"), c + 1);
			import_report(im, rec.line, false, msg);
			continue;
		}
		cols[c] = import_classify(im->form, name);
		if (cols[c] == COL_UNKNOWN)
			import_report_unknown(im, rec.line, name);
		for (size_t p = 0; p < c; p++)
			if (!strcmp(rec.fields[p], name)) {
				char shown[64];
				snprintf(msg, sizeof msg, _("column \"%s\" appears twice in the header"),
				         lf_text_echo(shown, sizeof shown, name));
				import_report(im, rec.line, false, msg);
				break;
			}
		if (cols[c] == COL_IGNORED)
			import_note_ignored(im, name);
	}
	if (im->n_errors)
		goto cleanup;
	import_warn_ignored(im);

	while ((rc = lf_csv_read(r, &rec)) == 1) {
		if (all_empty(&rec))
			continue; /* blank lines a spreadsheet leaves at the end */
		char **values = calloc(im->form->n_fields, sizeof *values);
		if (!values) {
			im->oom = true;
			goto cleanup;
		}
		size_t before = im->n_errors;
		if (rec.n != n_cols) {
			char msg[256];
			snprintf(msg, sizeof msg, _("this row has %zu fields but the header has %zu columns"),
			         rec.n, n_cols);
			import_report(im, rec.line, false, msg);
		}
		im->row_channel = NULL;
		for (size_t c = 0; c < rec.n && c < n_cols; c++) {
			if (cols[c] == COL_CHANNEL) {
				lf_text_trim(rec.fields[c]);
				import_set_channel(im, rec.line, rec.fields[c]);
				continue;
			}
			if (cols[c] < 0)
				continue;
			lf_csv_cell_unprotect(rec.fields[c], &rec.lens[c]);
			if (!import_set_value(im, rec.line, values, (size_t)cols[c], rec.fields[c], rec.lens[c])) {
				import_free_values(im->form, values);
				im->oom = true;
				goto cleanup;
			}
		}
		import_finish_row(im, rec.line, values, before);
	}
	if (rc < 0) {
		fprintf(im->err, "%s: %s\n", im->path, lf_csv_error(r));
		im->n_errors++;
		goto cleanup;
	}
	ok = true;
cleanup:
	free(cols);
	lf_csv_reader_free(r);
	return ok;
}

/* ---- JSON ---- */

bool import_read_json(import *im, const char *data, size_t len)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		fprintf(im->err, _("%s:%d:%d: not valid JSON: %s\n"), im->path, jerr.line, jerr.column,
		        jerr.text);
		im->n_errors++;
		return false;
	}
	bool ok = false;
	if (!json_is_array(root)) {
		fprintf(im->err, _("%s: the JSON must be an array of objects, one per registration\n"), im->path);
		im->n_errors++;
		goto cleanup;
	}

	/* One warning for the keys that are ignored, whichever rows have them. */
	size_t idx;
	json_t *obj, *val;
	const char *key;
	json_array_foreach(root, idx, obj) {
		if (json_is_object(obj))
			json_object_foreach(obj, key, val)
				if (import_classify(im->form, key) == COL_IGNORED)
					import_note_ignored(im, key);
	}
	import_warn_ignored(im);

	json_array_foreach(root, idx, obj) {
		size_t num = idx + 1;
		if (!json_is_object(obj)) {
			import_report(im, num, false, _("not a JSON object (each registration is an object keyed by field ids)"));
			im->n_seen++;
			im->n_bad++;
			continue;
		}
		char **values = calloc(im->form->n_fields, sizeof *values);
		if (!values) {
			im->oom = true;
			goto cleanup;
		}
		size_t before = im->n_errors;
		memset(im->blamed, 0, im->form->n_fields * sizeof *im->blamed);
		im->row_channel = NULL;
		json_object_foreach(obj, key, val) {
			int c = import_classify(im->form, key);
			if (c == COL_CHANNEL) {
				if (json_is_string(val))
					import_set_channel(im, num, json_string_value(val));
				else if (!json_is_null(val))
					import_report(im, num, false, _("channel: must be a JSON string, in quotes"));
				continue;
			}
			if (c == COL_UNKNOWN) {
				import_report_unknown(im, num, key);
				continue;
			}
			if (c == COL_IGNORED || json_is_null(val))
				continue;
			const lf_field_def *f = &im->form->fields[c];
			if (!json_is_string(val)) {
				/* A number would lose an ID number's last digits or a
				 * phone number's leading 0: only text is taken. */
				char msg[512];
				snprintf(msg, sizeof msg, _("%s (%s): must be a JSON string, in quotes"), f->label, f->id);
				import_report(im, num, false, msg);
				im->blamed[c] = true;
				continue;
			}
			if (!import_set_value(im, num, values, (size_t)c, json_string_value(val), json_string_length(val))) {
				import_free_values(im->form, values);
				im->oom = true;
				goto cleanup;
			}
		}
		import_finish_row(im, num, values, before);
	}
	ok = true;
cleanup:
	json_decref(root);
	return ok;
}
